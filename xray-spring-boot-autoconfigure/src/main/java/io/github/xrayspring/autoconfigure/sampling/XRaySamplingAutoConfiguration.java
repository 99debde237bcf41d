package io.github.xrayspring.autoconfigure.sampling;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.sampling.internal.SamplingStatistics;
import io.github.xrayspring.sampling.internal.UndecidedParentSampler;
import io.github.xrayspring.sampling.internal.XRaySampler;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration for every sampling decision: the X-Ray rule sampler, which replaces
 * Spring Boot's sampler (and {@code management.tracing.sampling.probability}) unless
 * {@code xray.sampling.enabled=false} or the application declares its own
 * {@link Sampler}, and, in front of whichever sampler is in use, the decision for
 * incoming headers that carry none.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({ Sampler.class, OpenTelemetryTracingAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
@EnableConfigurationProperties(XRayProperties.class)
public final class XRaySamplingAutoConfiguration {

	@Bean
	SdkTracerProviderBuilderCustomizer xrayUndecidedParentSamplerCustomizer(ObjectProvider<Sampler> sampler) {
		return (builder) -> sampler.ifAvailable((delegate) -> builder.setSampler(new UndecidedParentSampler(delegate)));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "xray.sampling.enabled", matchIfMissing = true)
	@ConditionalOnMissingBean(Sampler.class)
	static class XRaySamplerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SamplingStatistics xraySamplingStatistics() {
			return new SamplingStatistics();
		}

		@Bean
		XRaySampler xraySampler(XRayProperties properties, SamplingStatistics statistics,
				ObjectProvider<Resource> resource, ResourceLoader resourceLoader, Environment environment) {
			XRayProperties.Sampling sampling = properties.getSampling();
			XRaySampler.Builder builder = XRaySampler
				.builder(new SamplingRulesLoader(resourceLoader, environment).load(sampling))
				.resource(resource.getIfAvailable(Resource::getDefault))
				.statistics(statistics)
				.respectParent(sampling.isRespectParent())
				.traceActuator(sampling.isTraceActuator())
				.maxTracesPerSecond(SamplingRulesLoader.maxTracesPerSecond(sampling.getMaxTracesPerSecond()));
			XRayProperties.Sampling.Remote remote = sampling.getRemote();
			if (remote.isEnabled()) {
				builder.centralized(SamplingRulesLoader.endpoint(remote.getEndpoint()),
						SamplingRulesLoader.pollingInterval(remote.getPollingInterval()));
			}
			return builder.build();
		}

	}

}
