package io.github.xrayspring.autoconfigure.tracing;

import java.util.List;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.internal.trace.XRayTracerHolder;
import io.github.xrayspring.trace.UndecidedParentSampler;
import io.github.xrayspring.trace.XRayAnnotationPromoter;
import io.github.xrayspring.trace.XRayLogCorrelationListener;
import io.github.xrayspring.trace.XRayPropagator;
import io.github.xrayspring.trace.XRaySpanExporter;
import io.micrometer.tracing.otel.bridge.EventListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.contrib.awsxray.AwsXrayIdGenerator;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration that makes Spring Boot's OpenTelemetry traces X-Ray ready: X-Ray
 * trace IDs, the {@code X-Amzn-Trace-Id} header next to W3C {@code traceparent}, the
 * exporter decorator, the {@code AWS-XRAY-TRACE-ID} MDC entry, and the tracer behind
 * {@code XRay.subsegment}.
 * <p>
 * The propagator is ordered first so that Spring Boot's W3C propagator, which extracts
 * after it, wins when both headers are valid and disagree.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({ SdkTracerProvider.class, OpenTelemetryTracingAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
@EnableConfigurationProperties(XRayProperties.class)
public final class XRayTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpanExporters spanExporters(ObjectProvider<SpanExporter> spanExporters,
			ObjectProvider<XRayAnnotationPromoter> annotationPromoter) {
		List<SpanExporter> exporters = spanExporters.orderedStream().toList();
		return SpanExporters
			.of(exporters.isEmpty() ? List.of() : List.of(new XRaySpanExporter(SpanExporter.composite(exporters),
					annotationPromoter.getIfAvailable(XRayAnnotationPromoter::new))));
	}

	@Bean
	@ConditionalOnMissingBean
	XRayTracerHolder xrayTracerHolder(ObjectProvider<OpenTelemetry> openTelemetry) {
		return new XRayTracerHolder(openTelemetry);
	}

	@Bean
	SdkTracerProviderBuilderCustomizer xrayUndecidedParentSamplerCustomizer(ObjectProvider<Sampler> sampler) {
		return (builder) -> sampler.ifAvailable((delegate) -> builder.setSampler(new UndecidedParentSampler(delegate)));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AwsXrayIdGenerator.class)
	@ConditionalOnProperty(name = "xray.trace-id-format", havingValue = "xray", matchIfMissing = true)
	static class XRayTraceIdConfiguration {

		@Bean
		SdkTracerProviderBuilderCustomizer xrayIdGeneratorCustomizer() {
			return (builder) -> builder.setIdGenerator(AwsXrayIdGenerator.getInstance());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AwsXrayPropagator.class)
	static class XRayPropagationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		XRayPropagator xrayPropagator() {
			return new XRayPropagator();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ EventListener.class, MDC.class })
	static class XRayLogCorrelationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		XRayLogCorrelationListener xrayLogCorrelationListener() {
			return new XRayLogCorrelationListener();
		}

	}

}
