package io.github.xrayspring.annotation;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;

/**
 * Aspect that hands every call of a method carrying {@link XRayAnnotate} to the
 * {@link XRayAnnotateHandler}.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@Aspect
public class XRayAnnotateAspect {

	private final XRayAnnotateHandler handler;

	/**
	 * Creates an aspect.
	 * @param handler the handler that records the annotations
	 */
	public XRayAnnotateAspect(XRayAnnotateHandler handler) {
		this.handler = handler;
	}

	/**
	 * Records the annotations of the intercepted call.
	 * @param joinPoint the call
	 * @return what the method returns
	 * @throws Throwable what the method throws
	 */
	@Around("@annotation(io.github.xrayspring.annotation.XRayAnnotate) "
			+ "|| @annotation(io.github.xrayspring.annotation.XRayAnnotate.List)")
	public @Nullable Object annotate(ProceedingJoinPoint joinPoint) throws Throwable {
		MethodSignature signature = (MethodSignature) joinPoint.getSignature();
		return this.handler.invoke(signature.getMethod(), joinPoint.getTarget(), joinPoint.getArgs(),
				joinPoint::proceed);
	}

}
