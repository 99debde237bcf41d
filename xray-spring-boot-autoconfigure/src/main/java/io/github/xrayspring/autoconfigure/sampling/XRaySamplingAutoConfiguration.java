package io.github.xrayspring.autoconfigure.sampling;

import java.util.ArrayList;
import java.util.List;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.ops.internal.SamplingMetrics;
import io.github.xrayspring.web.internal.SamplingRequestFilter;
import io.github.xrayspring.sampling.internal.SamplingStatistics;
import io.github.xrayspring.sampling.internal.XRaySampler;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the X-Ray rule sampler, which
 * replaces Spring Boot's sampler (and {@code management.tracing.sampling.probability}).
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({ Sampler.class, OpenTelemetryTracingAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "xray.sampling.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(Sampler.class)
@EnableConfigurationProperties(XRayProperties.class)
public final class XRaySamplingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SamplingStatistics xraySamplingStatistics() {
		return new SamplingStatistics();
	}

	@Bean
	XRaySampler xraySampler(XRayProperties properties, SamplingStatistics statistics, ObjectProvider<Resource> resource,
			ResourceLoader resourceLoader) {
		XRayProperties.Sampling sampling = properties.getSampling();
		XRaySampler.Builder builder = XRaySampler.builder(new SamplingRulesLoader(resourceLoader).load(sampling))
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ OncePerRequestFilter.class, FilterRegistrationBean.class })
	static class ServletConfiguration {

		private static final String PATH_MAPPED_ENDPOINTS = "org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints";

		@Bean
		FilterRegistrationBean<SamplingRequestFilter> xraySamplingRequestFilter(Environment environment,
				ListableBeanFactory beanFactory) {
			FilterRegistrationBean<SamplingRequestFilter> registration = new FilterRegistrationBean<>(
					new SamplingRequestFilter(actuatorPaths(environment, beanFactory)));
			// before Spring's ServerHttpObservationFilter (HIGHEST_PRECEDENCE + 1) starts
			// the span
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			return registration;
		}

		private static List<String> actuatorPaths(Environment environment, ListableBeanFactory beanFactory) {
			String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
			List<String> paths = new ArrayList<>();
			if (!basePath.isEmpty() && !"/".equals(basePath)) {
				paths.add(basePath.startsWith("/") ? basePath : "/" + basePath);
			}
			else if (ClassUtils.isPresent(PATH_MAPPED_ENDPOINTS, ServletConfiguration.class.getClassLoader())) {
				// actuator at the root: every endpoint path is an actuator path
				paths.addAll(EndpointPaths.of(beanFactory));
			}
			return paths;
		}

		/**
		 * Reads the actuator's endpoint paths; a class of its own so that it loads only
		 * with the actuator present.
		 */
		private static final class EndpointPaths {

			static List<String> of(ListableBeanFactory beanFactory) {
				PathMappedEndpoints endpoints = beanFactory.getBeanProvider(PathMappedEndpoints.class).getIfAvailable();
				return (endpoints != null) ? List.copyOf(endpoints.getAllPaths()) : List.of();
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SamplingMetrics xraySamplingMetrics(SamplingStatistics statistics) {
			return new SamplingMetrics(statistics);
		}

	}

}
