package io.github.xrayspring.annotation.internal;

import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Set;

import io.github.xrayspring.annotation.XRayAnnotate;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils.MethodFilter;

/**
 * Checks the {@link XRayAnnotate} expressions of every bean once all singletons exist, so
 * that an expression that cannot work is reported as an ERROR when the application starts
 * rather than on its first call. Bean types are read from their definitions: lazy and
 * prototype beans are checked without being created, and nothing is proxied or
 * initialized early, as a bean post-processor would cause. Annotations inherited from an
 * interface or superclass method are checked too.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRayAnnotateValidator implements SmartInitializingSingleton {

	private final XRayAnnotateHandler handler;

	private final ConfigurableListableBeanFactory beanFactory;

	/**
	 * Creates a validator.
	 * @param handler the handler that parses and caches the expressions
	 * @param beanFactory the bean factory whose beans are checked
	 */
	public XRayAnnotateValidator(XRayAnnotateHandler handler, ConfigurableListableBeanFactory beanFactory) {
		this.handler = handler;
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Set<Class<?>> checked = new HashSet<>();
		for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = targetClass(beanName);
			if (type != null && checked.add(type) && AnnotationUtils.isCandidateClass(type, XRayAnnotate.class)) {
				MethodIntrospector.selectMethods(type, (MethodFilter) XRayAnnotateHandler::isAnnotated)
					.forEach((method) -> this.handler.prepare(method, type));
			}
		}
	}

	private @Nullable Class<?> targetClass(String beanName) {
		try {
			Class<?> type = originalTargetClass(beanName);
			// never initializes a FactoryBean (a lazy one would be created early)
			type = (type != null) ? type : this.beanFactory.getType(beanName, false);
			// a hand-made JDK proxy hides its target; its methods are checked on first
			// call
			return (type != null && !Proxy.isProxyClass(type)) ? ClassUtils.getUserClass(type) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private @Nullable Class<?> originalTargetClass(String beanName) {
		if (!this.beanFactory.containsBeanDefinition(beanName)) {
			return null;
		}
		BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
		return (definition.getAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE) instanceof Class<?> type) ? type
				: null;
	}

}
