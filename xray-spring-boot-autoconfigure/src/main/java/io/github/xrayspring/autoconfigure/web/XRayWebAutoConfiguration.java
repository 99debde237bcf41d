package io.github.xrayspring.autoconfigure.web;

import io.github.xrayspring.web.XRayClientRequestObservationConvention;
import io.github.xrayspring.web.XRayServerRequestObservationConvention;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.observation.ClientRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

/**
 * Auto-configuration for the HTTP observation conventions that give server and client
 * spans the keys X-Ray reads. Spring Boot uses a
 * {@link ServerRequestObservationConvention} or
 * {@link ClientRequestObservationConvention} bean when one exists, so a user's own
 * convention replaces these.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestTemplateObservationAutoConfiguration" })
@ConditionalOnClass(ServerRequestObservationConvention.class)
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
public final class XRayWebAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "jakarta.servlet.http.HttpServletRequest")
	static class ServerConventionConfiguration {

		@Bean
		@ConditionalOnMissingBean(ServerRequestObservationConvention.class)
		XRayServerRequestObservationConvention xrayServerRequestObservationConvention(Environment environment) {
			return new XRayServerRequestObservationConvention(environment
				.getProperty("management.observations.http.server.requests.name", "http.server.requests"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConventionConfiguration {

		@Bean
		@ConditionalOnMissingBean(ClientRequestObservationConvention.class)
		XRayClientRequestObservationConvention xrayClientRequestObservationConvention(Environment environment) {
			return new XRayClientRequestObservationConvention(environment
				.getProperty("management.observations.http.client.requests.name", "http.client.requests"));
		}

	}

}
