package io.github.xrayspring.autoconfigure.tracing;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.trace.internal.LocalRootSpans;
import io.github.xrayspring.trace.internal.XRayLogCorrelationListener;
import io.github.xrayspring.trace.internal.XRayPropagator;
import io.github.xrayspring.trace.internal.XRayTracerHolder;
import io.micrometer.tracing.otel.bridge.EventListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.contrib.awsxray.AwsXrayIdGenerator;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration that makes Spring Boot's OpenTelemetry traces X-Ray ready: X-Ray
 * trace IDs, the {@code X-Amzn-Trace-Id} header next to W3C {@code traceparent}, the
 * {@code AWS-XRAY-TRACE-ID} MDC entry, and the tracer behind {@code XRay.subsegment}.
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
	XRayTracerHolder xrayTracerHolder(ObjectProvider<OpenTelemetry> openTelemetry) {
		return new XRayTracerHolder(openTelemetry);
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

	// the request's segment is found as the SDK span itself, whatever span is current
	@Bean
	@ConditionalOnMissingBean
	LocalRootSpans xrayLocalRootSpans() {
		return LocalRootSpans.shared();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AwsXrayPropagator.class)
	static class XRayPropagationConfiguration {

		// by name: the propagator's type is internal, a replacement is any propagator
		@Bean
		@ConditionalOnMissingBean(name = "xrayPropagator")
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
