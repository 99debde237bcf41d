package io.github.xrayspring.ops.internal;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ContextConfigurationPropertiesDescriptor;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.context.ApplicationContext;

/**
 * The effective {@code xray.*} configuration exactly as Spring Boot's {@code configprops}
 * endpoint shows it: the same report, the same {@link SanitizingFunction} beans and the
 * same {@code management.endpoint.configprops.show-values} and {@code roles}, so values
 * are masked where {@code configprops} masks them.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRayConfigurationReport {

	private static final String PREFIX = "xray";

	private final ApplicationContext context;

	private final ConfigurationPropertiesReportEndpoint shown;

	private final ConfigurationPropertiesReportEndpoint masked;

	private final Show showValues;

	private final Collection<String> roles;

	/**
	 * Creates a report.
	 * @param context the application context whose {@code xray} properties are shown
	 * @param sanitizingFunctions the sanitizing functions of the application
	 * @param showValues when to show unsanitized values, as configured for
	 * {@code configprops}
	 * @param roles the roles that may see values when {@code showValues} is
	 * {@code WHEN_AUTHORIZED}
	 */
	public XRayConfigurationReport(ApplicationContext context, Iterable<SanitizingFunction> sanitizingFunctions,
			Show showValues, Collection<String> roles) {
		this.context = context;
		this.shown = report(context, sanitizingFunctions, Show.ALWAYS);
		this.masked = report(context, sanitizingFunctions, Show.NEVER);
		this.showValues = showValues;
		this.roles = roles;
	}

	private static ConfigurationPropertiesReportEndpoint report(ApplicationContext context,
			Iterable<SanitizingFunction> sanitizingFunctions, Show show) {
		ConfigurationPropertiesReportEndpoint report = new ConfigurationPropertiesReportEndpoint(sanitizingFunctions,
				show);
		report.setApplicationContext(context);
		return report;
	}

	/**
	 * Returns the {@code xray.*} properties as {@code configprops} shows them to the
	 * caller.
	 * @param securityContext the caller
	 * @return the properties, or {@code null} if they are not bound in this context
	 */
	public @Nullable Map<String, @Nullable Object> describe(SecurityContext securityContext) {
		boolean show = this.showValues.isShown(securityContext, this.roles);
		ConfigurationPropertiesReportEndpoint report = show ? this.shown : this.masked;
		ContextConfigurationPropertiesDescriptor contextDescriptor = report.configurationPropertiesWithPrefix(PREFIX)
			.getContexts()
			.get(this.context.getId());
		if (contextDescriptor == null) {
			return null;
		}
		for (ConfigurationPropertiesBeanDescriptor bean : contextDescriptor.getBeans().values()) {
			if (PREFIX.equals(bean.getPrefix())) {
				return bean.getProperties();
			}
		}
		return null;
	}

}
