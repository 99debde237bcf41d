package io.github.xrayspring.autoconfigure.annotation;

import io.github.xrayspring.annotation.internal.XRayAnnotateAdvisor;
import io.github.xrayspring.annotation.internal.XRayAnnotateHandler;
import io.github.xrayspring.annotation.internal.XRayAnnotateValidator;
import io.github.xrayspring.web.internal.XRayEndUserFilter;
import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.export.internal.XRayAnnotationPromoter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * Auto-configuration for searchable X-Ray annotations: the {@code @XRayAnnotate} advisor
 * (for any bean, web application or not, with or without AspectJ), the promotion of
 * configured span attributes and X-Ray's limits applied by the exporter decorator, the
 * authenticated principal as the X-Ray user, and the {@code xray.annotations.*} meters.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
@EnableConfigurationProperties(XRayProperties.class)
public final class XRayAnnotationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	XRayAnnotationPromoter xrayAnnotationPromoter(XRayProperties properties) {
		return new XRayAnnotationPromoter(properties.getAnnotations().getAttributes());
	}

	@Bean
	SpanProcessor xrayAnnotationLocalRootTracker(XRayAnnotationPromoter promoter) {
		return promoter.localRootTracker();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.aop.framework.autoproxy.AutoProxyUtils")
	@ConditionalOnBooleanProperty(name = "xray.web.annotate.enabled", matchIfMissing = true)
	static class AnnotateConfiguration {

		// infrastructure, and static: the auto-proxy creator fetches advisors while
		// post-processors are still being created
		@Bean
		@ConditionalOnMissingBean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static XRayAnnotateHandler xrayAnnotateHandler() {
			return new XRayAnnotateHandler();
		}

		@Bean
		@ConditionalOnMissingBean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static XRayAnnotateAdvisor xrayAnnotateAdvisor(XRayAnnotateHandler handler) {
			return new XRayAnnotateAdvisor(handler);
		}

		@Bean
		@ConditionalOnMissingBean
		XRayAnnotateValidator xrayAnnotateValidator(XRayAnnotateHandler handler,
				ConfigurableListableBeanFactory beanFactory) {
			return new XRayAnnotateValidator(handler, beanFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class MetricsConfiguration {

		@Bean
		MeterBinder xrayAnnotationMeterBinder(XRayAnnotationPromoter promoter) {
			return (registry) -> {
				FunctionCounter.builder("xray.annotations.promoted", promoter, XRayAnnotationPromoter::getPromoted)
					.description("Annotations that left the process, counted once per span")
					.register(registry);
				FunctionCounter.builder("xray.annotations.dropped", promoter, XRayAnnotationPromoter::getDropped)
					.description("Annotations dropped because their trace already had 50 keys")
					.register(registry);
			};
		}

	}

}
