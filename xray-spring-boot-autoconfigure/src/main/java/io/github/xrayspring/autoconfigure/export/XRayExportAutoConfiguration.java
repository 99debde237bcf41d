package io.github.xrayspring.autoconfigure.export;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.autoconfigure.ConditionalOnEnabledTracingExport;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the trace exporter chosen by {@code xray.exporter.type}. The
 * {@code otlp} type is Spring Boot's own OTLP exporter; {@code logging} is the local
 * X-Ray preview defined here. Boot's OTLP exporter is switched off for the other types by
 * {@code XRayEnvironmentPostProcessor}.
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
	@ConditionalOnProperty(name = "xray.exporter.type", havingValue = "logging")
	@ConditionalOnEnabledTracingExport("xray-logging")
	LoggingSpanExporter xrayLoggingSpanExporter() {
		return new LoggingSpanExporter();
	}

}
