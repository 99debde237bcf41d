package io.github.xrayspring.annotation.internal;

import io.github.xrayspring.annotation.XRayAnnotate;
import io.opentelemetry.api.trace.Span;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Interceptor that hands every call of a method carrying {@link XRayAnnotate} to the
 * {@link XRayAnnotateHandler}.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRayAnnotateInterceptor implements MethodInterceptor {

	private final XRayAnnotateHandler handler;

	/**
	 * Creates an interceptor.
	 * @param handler the handler that records the annotations
	 */
	public XRayAnnotateInterceptor(XRayAnnotateHandler handler) {
		this.handler = handler;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		// checked first so that an unsampled call allocates nothing, not even the
		// callback
		if (!Span.current().isRecording()) {
			return invocation.proceed();
		}
		return this.handler.invoke(invocation.getMethod(), invocation.getThis(), invocation.getArguments(),
				invocation::proceed);
	}

}
