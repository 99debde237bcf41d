package io.github.xrayspring.autoconfigure.annotation;

import io.github.xrayspring.annotation.internal.XRayAnnotateAdvisor;
import io.github.xrayspring.annotation.internal.XRayAnnotateHandler;
import io.github.xrayspring.annotation.internal.XRayAnnotateValidator;
import io.github.xrayspring.web.internal.ServerSpans;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration for {@code @XRayAnnotate}: the advisor (for any bean, web
 * application or not, with or without AspectJ), its handler and the startup validator of
 * its expressions. Which annotations leave the process, and X-Ray's limits, are decided
 * at export ({@code XRayExportAutoConfiguration}).
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.aop.framework.autoproxy.AutoProxyUtils")
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
// the new name and the deprecated one: either set to false switches the annotation off
@ConditionalOnBooleanProperty(name = { "xray.annotations.xray-annotate.enabled", "xray.web.annotate.enabled" },
		matchIfMissing = true)
public final class XRayAnnotationsAutoConfiguration {

	private static final String SERVER_SPANS_REQUIREMENT = "org.springframework.web.context.request.ServletRequestAttributes";

	// infrastructure, and static: the auto-proxy creator fetches advisors while
	// post-processors are still being created
	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static XRayAnnotateHandler xrayAnnotateHandler() {
		// a controller's annotations go to the request's segment, found through the
		// server observation in servlet applications
		if (ClassUtils.isPresent(SERVER_SPANS_REQUIREMENT, XRayAnnotationsAutoConfiguration.class.getClassLoader())) {
			return new XRayAnnotateHandler(ServerSpans::segmentOrCurrent);
		}
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
