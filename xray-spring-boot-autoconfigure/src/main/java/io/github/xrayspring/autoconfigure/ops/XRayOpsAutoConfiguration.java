package io.github.xrayspring.autoconfigure.ops;

import java.net.URI;
import java.util.Set;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.export.internal.ExportStatistics;
import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.github.xrayspring.export.internal.SpanProcessorTelemetry;
import io.github.xrayspring.export.internal.XRayAnnotationPromoter;
import io.github.xrayspring.jdbc.internal.JdbcStatistics;
import io.github.xrayspring.ops.internal.TraceViewRoutes;
import io.github.xrayspring.ops.internal.XRayConfigurationReport;
import io.github.xrayspring.ops.internal.XRayCost;
import io.github.xrayspring.ops.internal.XRayEndpoint;
import io.github.xrayspring.ops.internal.XRayMeters;
import io.github.xrayspring.sampling.internal.SamplingStatistics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Auto-configuration that shows what tracing does and costs: the cost projection, the
 * {@code xray.*} meters and the {@code xray} actuator endpoint over the counters the
 * other features keep, and the trace page. It only reads those counters, so it is ordered
 * after the features that create them.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "io.github.xrayspring.autoconfigure.export.XRayExportAutoConfiguration",
		"io.github.xrayspring.autoconfigure.jdbc.XRayJdbcAutoConfiguration",
		"io.github.xrayspring.autoconfigure.sampling.XRaySamplingAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
@EnableConfigurationProperties(XRayProperties.class)
public final class XRayOpsAutoConfiguration {

	private static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	private static final String MAX_QUEUE_SIZE = "management.opentelemetry.tracing.export.max-queue-size";

	// Boot's default for the batch span processor's queue
	private static final int DEFAULT_MAX_QUEUE_SIZE = 2048;

	@Bean
	@ConditionalOnMissingBean
	XRayCost xrayCost(XRayProperties properties, ObjectProvider<SamplingStatistics> sampling,
			ObjectProvider<ExportStatistics> export) {
		XRayProperties.Cost cost = properties.getCost();
		requireNotNegative("xray.cost.price-per-million-traces", cost.getPricePerMillionTraces());
		if (cost.getPricePerGb() != null) {
			requireNotNegative("xray.cost.price-per-gb", cost.getPricePerGb());
		}
		SamplingStatistics samplingStatistics = sampling.getIfAvailable();
		ExportStatistics exportStatistics = export.getIfAvailable();
		XRayCost projection;
		if (samplingStatistics != null) {
			projection = new XRayCost(
					"new traces sampled by the X-Ray sampler's rules (traces that follow an incoming sampled header "
							+ "are billed to the service that started them)",
					samplingStatistics::sampledByRules, bytes(exportStatistics), cost.getPricePerMillionTraces(),
					cost.getPricePerGb());
		}
		else {
			projection = new XRayCost("spans exported without a parent (the X-Ray sampler is off)",
					(exportStatistics != null) ? exportStatistics::getTraceRootsExported : () -> 0,
					bytes(exportStatistics), cost.getPricePerMillionTraces(), cost.getPricePerGb());
		}
		if (exportStatistics != null) {
			exportStatistics.afterEachBatch(projection::tick);
		}
		return projection;
	}

	private static java.util.function.LongSupplier bytes(@Nullable ExportStatistics statistics) {
		return (statistics != null) ? statistics::getBytesExported : () -> 0;
	}

	private static void requireNotNegative(String property, double value) {
		if (!(value >= 0) || Double.isInfinite(value)) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"Must be a price in USD, zero or more.");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		XRayMeters xrayMeters(ObjectProvider<SamplingStatistics> sampling,
				ObjectProvider<XRayAnnotationPromoter> annotations, ObjectProvider<ExportStatistics> export,
				ObjectProvider<SpanProcessorTelemetry> telemetry, ObjectProvider<JdbcStatistics> jdbc,
				ObjectProvider<XRayCost> cost) {
			return new XRayMeters(sampling.getIfAvailable(), annotations.getIfAvailable(), export.getIfAvailable(),
					telemetry.getIfAvailable(), jdbc.getIfAvailable(), cost.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(XRayEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		XRayEndpoint xrayEndpoint(XRayProperties properties, Environment environment, ApplicationContext context,
				ObjectProvider<SanitizingFunction> sanitizingFunctions, ObjectProvider<SamplingStatistics> sampling,
				ObjectProvider<ExportStatistics> export, ObjectProvider<SpanProcessorTelemetry> telemetry,
				ObjectProvider<XRayAnnotationPromoter> annotations, ObjectProvider<JdbcStatistics> jdbc, XRayCost cost,
				ObjectProvider<LoggingSpanExporter> preview) {
			ConfigurationPropertiesReportEndpointProperties configprops = Binder.get(environment)
				.bind("management.endpoint.configprops", ConfigurationPropertiesReportEndpointProperties.class)
				.orElseGet(ConfigurationPropertiesReportEndpointProperties::new);
			XRayConfigurationReport configuration = new XRayConfigurationReport(context,
					sanitizingFunctions.orderedStream().toList(), configprops.getShowValues(),
					Set.copyOf(configprops.getRoles()));
			XRayProperties.ExporterType type = properties.getExporter().getType();
			String endpoint = type.usesBootOtlpExporter() ? withoutSecrets(environment.getProperty(OTLP_ENDPOINT))
					: null;
			Integer queueCapacity = environment.getProperty(MAX_QUEUE_SIZE, Integer.class, DEFAULT_MAX_QUEUE_SIZE);
			return new XRayEndpoint(new XRayEndpoint.Sources(configuration, type.name().toLowerCase(), endpoint,
					queueCapacity, properties.getSampling().getMaxTracesPerSecond(), sampling.getIfAvailable(),
					export.getIfAvailable(ExportStatistics::new), telemetry.getIfAvailable(),
					annotations.getIfAvailable(), jdbc.getIfAvailable(), cost, preview.getIfAvailable()));
		}

		// an endpoint URL may carry credentials in its user info or query
		private static @Nullable String withoutSecrets(@Nullable String endpoint) {
			if (endpoint == null) {
				return null;
			}
			try {
				URI uri = URI.create(endpoint);
				return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
					.toString();
			}
			catch (Exception ex) {
				return "(not a URI)";
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(RouterFunction.class)
	@ConditionalOnBooleanProperty("xray.preview.ui.enabled")
	static class TraceViewConfiguration {

		@Bean
		RouterFunction<ServerResponse> xrayTraceViewRoutes(Environment environment) {
			String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
			return TraceViewRoutes.routes(basePath);
		}

	}

}
