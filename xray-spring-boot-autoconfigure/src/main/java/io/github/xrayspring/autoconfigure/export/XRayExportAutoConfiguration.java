package io.github.xrayspring.autoconfigure.export;

import java.util.List;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.export.internal.ExportStatistics;
import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.github.xrayspring.export.internal.SpanProcessorMeterProvider;
import io.github.xrayspring.export.internal.XRayAnnotationPromoter;
import io.github.xrayspring.export.internal.XRaySpanExporter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.autoconfigure.ConditionalOnEnabledTracingExport;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration for everything between a finished span and the wire: the exporter
 * chosen by {@code xray.exporter.type}, the decorator that prepares every span for X-Ray
 * in front of all exporters, and the promoter that decides which attributes leave as
 * annotations and applies X-Ray's limits.
 * <p>
 * {@link XRayProperties.ExporterType} is the one place that says what each type runs:
 * {@code otlp} is Spring Boot's own OTLP exporter, {@code aws} the SigV4-signed export to
 * the X-Ray OTLP endpoint and {@code logging} the local X-Ray preview, both defined here;
 * for every type but {@code otlp}, {@code XRayEnvironmentPostProcessor} switches Boot's
 * OTLP span exporter off.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({ SpanExporter.class, OpenTelemetryTracingAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
@EnableConfigurationProperties(XRayProperties.class)
public final class XRayExportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	XRayAnnotationPromoter xrayAnnotationPromoter(XRayProperties properties) {
		return new XRayAnnotationPromoter(properties.getAnnotations().getAttributes());
	}

	@Bean
	@ConditionalOnMissingBean
	ExportStatistics xrayExportStatistics() {
		return new ExportStatistics();
	}

	// Boot hands the application's MeterProvider to its BatchSpanProcessor; without one,
	// this one counts the spans dropped from a full queue
	@Bean
	@ConditionalOnMissingBean(MeterProvider.class)
	SpanProcessorMeterProvider xraySpanProcessorMeterProvider(ExportStatistics statistics) {
		return new SpanProcessorMeterProvider(statistics);
	}

	@Bean
	SpanProcessor xrayAnnotationLocalRootTracker(XRayAnnotationPromoter promoter) {
		return promoter.localRootTracker();
	}

	// Boot hands every SpanExporter bean to its span processor through this bean: one
	// decorator in front of all of them prepares each span once
	@Bean
	@ConditionalOnMissingBean
	SpanExporters spanExporters(ObjectProvider<SpanExporter> spanExporters, XRayAnnotationPromoter promoter,
			XRayProperties properties, ExportStatistics statistics) {
		List<SpanExporter> exporters = spanExporters.orderedStream().toList();
		if (exporters.isEmpty()) {
			return SpanExporters.of(List.of());
		}
		// the aws exporter counts its own results, retries included
		boolean countsItself = properties.getExporter().getType() == XRayProperties.ExporterType.AWS;
		return SpanExporters.of(List.of(new XRaySpanExporter(SpanExporter.composite(exporters), promoter,
				properties.getJdbc().isSanitize(), countsItself ? null : statistics)));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "xray.exporter.type", havingValue = "aws")
	@ConditionalOnEnabledTracingExport("xray-aws")
	static class AwsExportConfiguration {

		// fails startup naming the missing AWS SDK artifacts or xray.exporter.aws.region
		@Bean
		SpanExporter xrayAwsSpanExporter(XRayProperties properties, Environment environment,
				ExportStatistics statistics, ResourceLoader resourceLoader) {
			return AwsExporters.create(properties.getExporter().getAws(), environment, statistics,
					resourceLoader.getClassLoader());
		}

	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "xray.exporter.type", havingValue = "logging")
	@ConditionalOnEnabledTracingExport("xray-logging")
	LoggingSpanExporter xrayLoggingSpanExporter() {
		return new LoggingSpanExporter();
	}

}
