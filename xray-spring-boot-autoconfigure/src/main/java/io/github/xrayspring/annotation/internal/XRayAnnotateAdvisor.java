package io.github.xrayspring.annotation.internal;

import java.lang.reflect.Method;

import io.github.xrayspring.annotation.XRayAnnotate;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Advisor that applies the {@link XRayAnnotateInterceptor} to the methods carrying
 * {@link XRayAnnotate}, on the target class or inherited from an interface or superclass
 * method, through JDK and CGLIB proxies alike.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRayAnnotateAdvisor extends StaticMethodMatcherPointcutAdvisor {

	/**
	 * Creates an advisor.
	 * @param handler the handler that records the annotations
	 */
	public XRayAnnotateAdvisor(XRayAnnotateHandler handler) {
		super(new XRayAnnotateInterceptor(handler));
		setClassFilter((type) -> AnnotationUtils.isCandidateClass(type, XRayAnnotate.class));
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return XRayAnnotateHandler.isAnnotated(AopUtils.getMostSpecificMethod(method, targetClass));
	}

}
