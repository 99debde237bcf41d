package io.github.xrayspring.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Honours the X-Ray SDK for Java's environment variables and system properties that have
 * a meaning here, each only where the user set nothing for it: the tracing name becomes
 * {@code spring.application.name} (and so the service and segment name), the daemon
 * address's TCP part becomes the centralized sampling endpoint, and {@code AWS_LOG_GROUP}
 * becomes the {@code aws.log.group.names} resource attribute. What it honours it logs in
 * one INFO line; the SDK settings it ignores but finds set, it names in one WARN line.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRaySdkSettingsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String SOURCE = "xraySdkSettings";

	static final String TRACING_NAME_ENV = "AWS_XRAY_TRACING_NAME";

	static final String TRACING_NAME_PROPERTY = "com.amazonaws.xray.strategy.tracingName";

	static final String DAEMON_ADDRESS_ENV = "AWS_XRAY_DAEMON_ADDRESS";

	static final String DAEMON_ADDRESS_PROPERTY = "com.amazonaws.xray.emitters.daemonAddress";

	static final String LOG_GROUP_ENV = "AWS_LOG_GROUP";

	private static final String LOG_GROUP_ATTRIBUTE = "aws.log.group.names";

	private static final String RESOURCE_ATTRIBUTES = "management.opentelemetry.resource-attributes";

	private static final String SAMPLING_ENDPOINT = "xray.sampling.remote.endpoint";

	/**
	 * SDK settings the starter has no use for, and why.
	 */
	private static final Map<String, String> IGNORED = ignored();

	private final Log logger;

	/**
	 * Creates the post-processor.
	 * @param logFactory where to log once logging is set up
	 */
	public XRaySdkSettingsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(XRaySdkSettingsEnvironmentPostProcessor.class);
	}

	private static Map<String, String> ignored() {
		Map<String, String> ignored = new LinkedHashMap<>();
		String contextMissing = "not needed: XRay.annotate and XRay.metadata outside a span do nothing and never throw";
		ignored.put("AWS_XRAY_CONTEXT_MISSING", contextMissing);
		ignored.put("com.amazonaws.xray.strategy.contextMissingStrategy", contextMissing);
		String sql = "every statement is recorded, sanitized unless xray.jdbc.sanitize=false";
		ignored.put("AWS_XRAY_COLLECT_SQL_QUERIES", sql);
		ignored.put("com.amazonaws.xray.collectSqlQueries", sql);
		String metrics = "the SDK's segment metrics are not produced; Micrometer's http.server.requests replaces them";
		ignored.put("AWS_XRAY_METRICS_DAEMON_ADDRESS", metrics);
		ignored.put("com.amazonaws.xray.metrics.daemonAddress", metrics);
		ignored.put("com.amazonaws.xray.validationMode", "the starter has no SDK entity validations");
		return ignored;
	}

	@Override
	public int getOrder() {
		// after the config data post-processor, so that application.yml counts as set
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("xray.enabled", Boolean.class, true)) {
			return;
		}
		Map<String, Object> settings = new LinkedHashMap<>();
		List<String> honoured = new ArrayList<>();
		List<String> ignored = new ArrayList<>();
		applyTracingName(environment, settings, honoured, ignored);
		applyDaemonAddress(environment, settings, honoured, ignored);
		applyLogGroup(environment, settings, honoured, ignored);
		IGNORED.forEach((name, reason) -> {
			if (StringUtils.hasText(environment.getProperty(name))) {
				ignored.add(name + " (" + reason + ")");
			}
		});
		if (!settings.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, settings));
		}
		if (!honoured.isEmpty()) {
			this.logger.info("X-Ray SDK settings honoured: " + String.join("; ", honoured));
		}
		if (!ignored.isEmpty()) {
			this.logger.warn("X-Ray SDK settings ignored: " + String.join("; ", ignored));
		}
	}

	private void applyTracingName(ConfigurableEnvironment environment, Map<String, Object> settings,
			List<String> honoured, List<String> ignored) {
		// as in the SDK, the environment variable wins over the system property
		String source = firstSet(environment, TRACING_NAME_ENV, TRACING_NAME_PROPERTY);
		if (source == null) {
			return;
		}
		String name = environment.getProperty(source, "").trim();
		if (StringUtils.hasText(environment.getProperty("spring.application.name"))) {
			ignored.add(source + " (spring.application.name is set and names the service)");
			return;
		}
		settings.put("spring.application.name", name);
		honoured.add(source + "=" + name + " names the service (spring.application.name)");
	}

	private void applyDaemonAddress(ConfigurableEnvironment environment, Map<String, Object> settings,
			List<String> honoured, List<String> ignored) {
		String source = firstSet(environment, DAEMON_ADDRESS_ENV, DAEMON_ADDRESS_PROPERTY);
		if (source == null) {
			return;
		}
		String value = environment.getProperty(source, "");
		String tcp = tcpAddress(value);
		if (tcp == null) {
			ignored.add(source + " (not 'host:port' or 'tcp:host:port udp:host:port': " + value + ")");
			return;
		}
		if (StringUtils.hasText(environment.getProperty(SAMPLING_ENDPOINT))) {
			ignored.add(source + " (" + SAMPLING_ENDPOINT + " is set)");
			return;
		}
		String endpoint = "http://" + tcp;
		settings.put(SAMPLING_ENDPOINT, endpoint);
		honoured.add(source + " points centralized sampling at " + endpoint + " (" + SAMPLING_ENDPOINT
				+ ", used when xray.sampling.remote.enabled=true); spans still go over OTLP, not to its UDP port");
	}

	private void applyLogGroup(ConfigurableEnvironment environment, Map<String, Object> settings, List<String> honoured,
			List<String> ignored) {
		String group = environment.getProperty(LOG_GROUP_ENV);
		if (!StringUtils.hasText(group)) {
			return;
		}
		Map<String, String> attributes = Binder.get(environment)
			.bind(RESOURCE_ATTRIBUTES, Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		String otelAttributes = environment.getProperty("OTEL_RESOURCE_ATTRIBUTES", "");
		if (attributes.containsKey(LOG_GROUP_ATTRIBUTE) || otelAttributes.contains(LOG_GROUP_ATTRIBUTE + "=")) {
			ignored.add(LOG_GROUP_ENV + " (the " + LOG_GROUP_ATTRIBUTE + " resource attribute is set)");
			return;
		}
		settings.put(RESOURCE_ATTRIBUTES + "[" + LOG_GROUP_ATTRIBUTE + "]", group.trim());
		honoured.add(LOG_GROUP_ENV + "=" + group.trim() + " is the segments' CloudWatch log group (resource attribute "
				+ LOG_GROUP_ATTRIBUTE + ")");
	}

	private static @Nullable String firstSet(ConfigurableEnvironment environment, String... names) {
		for (String name : names) {
			if (StringUtils.hasText(environment.getProperty(name))) {
				return name;
			}
		}
		return null;
	}

	/**
	 * Returns the TCP address of an SDK daemon address: {@code host:port} is both the UDP
	 * and the TCP address; {@code tcp:host:port udp:host:port} (either order) names each.
	 * @param value the daemon address
	 * @return {@code host:port}, or {@code null} if the value has neither form
	 */
	static @Nullable String tcpAddress(String value) {
		String[] parts = value.trim().split("\\s+");
		if (parts.length == 1) {
			return hostAndPort(parts[0]);
		}
		if (parts.length != 2) {
			return null;
		}
		String tcp = null;
		boolean udp = false;
		for (String part : parts) {
			if (part.startsWith("tcp:")) {
				tcp = hostAndPort(part.substring(4));
			}
			else if (part.startsWith("udp:")) {
				udp = hostAndPort(part.substring(4)) != null;
			}
		}
		return (udp) ? tcp : null;
	}

	private static @Nullable String hostAndPort(String address) {
		int colon = address.lastIndexOf(':');
		if (colon <= 0 || address.indexOf(':') != colon) {
			return null;
		}
		String port = address.substring(colon + 1);
		try {
			int number = Integer.parseInt(port);
			return (number > 0 && number <= 65535) ? address : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
