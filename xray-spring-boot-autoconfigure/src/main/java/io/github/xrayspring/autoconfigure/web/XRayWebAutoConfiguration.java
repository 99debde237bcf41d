package io.github.xrayspring.autoconfigure.web;

import java.util.ArrayList;
import java.util.List;

import io.github.xrayspring.sampling.internal.XRaySampler;
import io.github.xrayspring.web.XRayClientRequestObservationConvention;
import io.github.xrayspring.web.XRayServerRequestObservationConvention;
import io.github.xrayspring.web.internal.RequestFactsFilter;
import io.github.xrayspring.web.internal.XRayEndUserFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.client.observation.ClientRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration for the HTTP edge: the observation conventions that give server and
 * client spans the keys X-Ray reads, the request facts that sampling rules match, and the
 * authenticated principal as the X-Ray user. Spring Boot uses a
 * {@link ServerRequestObservationConvention} or
 * {@link ClientRequestObservationConvention} bean when one exists, so a user's own
 * convention replaces these.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "io.github.xrayspring.autoconfigure.sampling.XRaySamplingAutoConfiguration",
		beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestTemplateObservationAutoConfiguration" })
@ConditionalOnClass(ServerRequestObservationConvention.class)
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
public final class XRayWebAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	static class ClientConventionConfiguration {

		@Bean
		@ConditionalOnMissingBean(ClientRequestObservationConvention.class)
		XRayClientRequestObservationConvention xrayClientRequestObservationConvention(Environment environment) {
			return new XRayClientRequestObservationConvention(environment
				.getProperty("management.observations.http.client.requests.name", "http.client.requests"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "jakarta.servlet.http.HttpServletRequest")
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean(ServerRequestObservationConvention.class)
		XRayServerRequestObservationConvention xrayServerRequestObservationConvention(Environment environment) {
			return new XRayServerRequestObservationConvention(environment
				.getProperty("management.observations.http.server.requests.name", "http.server.requests"));
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ OncePerRequestFilter.class, FilterRegistrationBean.class })
		@ConditionalOnBean(XRaySampler.class)
		static class RequestFactsConfiguration {

			private static final String PATH_MAPPED_ENDPOINTS = "org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints";

			@Bean
			FilterRegistrationBean<RequestFactsFilter> xrayRequestFactsFilter(Environment environment,
					ListableBeanFactory beanFactory) {
				FilterRegistrationBean<RequestFactsFilter> registration = new FilterRegistrationBean<>(
						new RequestFactsFilter(actuatorPaths(environment, beanFactory)));
				// before Spring's ServerHttpObservationFilter (HIGHEST_PRECEDENCE + 1)
				// starts the span
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
				else if (ClassUtils.isPresent(PATH_MAPPED_ENDPOINTS,
						RequestFactsConfiguration.class.getClassLoader())) {
					// actuator at the root: every endpoint path is an actuator path
					paths.addAll(EndpointPaths.of(beanFactory));
				}
				if (environment.getProperty("xray.preview.ui.enabled", Boolean.class, false)) {
					// the trace page is an operations tool like the actuator: its own
					// requests would crowd out the traces it shows
					paths.add("/xray");
				}
				return paths;
			}

			/**
			 * Reads the actuator's endpoint paths; a class of its own so that it loads
			 * only with the actuator present.
			 */
			private static final class EndpointPaths {

				static List<String> of(ListableBeanFactory beanFactory) {
					PathMappedEndpoints endpoints = beanFactory.getBeanProvider(PathMappedEndpoints.class)
						.getIfAvailable();
					return (endpoints != null) ? List.copyOf(endpoints.getAllPaths()) : List.of();
				}

			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = { "org.springframework.security.core.context.SecurityContextHolder",
				"org.springframework.web.filter.OncePerRequestFilter" })
		@ConditionalOnBooleanProperty("xray.annotations.user-from-principal")
		static class EndUserConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "xrayEndUserFilter")
			FilterRegistrationBean<XRayEndUserFilter> xrayEndUserFilter() {
				FilterRegistrationBean<XRayEndUserFilter> registration = new FilterRegistrationBean<>(
						new XRayEndUserFilter());
				registration.setOrder(XRayEndUserFilter.ORDER);
				return registration;
			}

		}

	}

}
