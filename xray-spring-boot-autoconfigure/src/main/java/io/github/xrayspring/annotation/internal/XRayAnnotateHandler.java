package io.github.xrayspring.annotation.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.xrayspring.annotation.XRayAnnotate;
import io.github.xrayspring.annotation.XRayAnnotate.Phase;
import io.github.xrayspring.annotation.internal.AnnotationExpression.InvalidAnnotationException;
import io.github.xrayspring.trace.internal.AttributeValues;
import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.opentelemetry.api.trace.Span;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;

/**
 * Records the {@link XRayAnnotate} annotations of a method call: for a web controller on
 * the request's segment (found by the supplier it is given), for any other bean on the
 * span that is current when the method is called. Expressions are parsed once per method;
 * one that cannot work is logged as an ERROR and disabled, one that fails or yields
 * {@code null} at run time is skipped and logged once. Neither ever fails the call.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRayAnnotateHandler {

	private static final Log logger = LogFactory.getLog(XRayAnnotateHandler.class);

	private final ParameterNameDiscoverer parameterNameDiscoverer = new DefaultParameterNameDiscoverer();

	private final Map<Method, MethodAnnotations> parsed = new ConcurrentHashMap<>();

	private final Map<MethodClassKey, MethodAnnotations> resolved = new ConcurrentHashMap<>();

	private final Supplier<Span> segment;

	/**
	 * Creates a handler that records a controller's annotations on the current span.
	 */
	public XRayAnnotateHandler() {
		this(Span::current);
	}

	/**
	 * Creates a handler.
	 * @param segment finds the span that becomes the X-Ray segment of the current work,
	 * where a controller's annotations go
	 */
	public XRayAnnotateHandler(Supplier<Span> segment) {
		this.segment = segment;
	}

	/**
	 * Calls the method and records its annotations on the current span when that span is
	 * recording.
	 * @param method the called method, as the proxy sees it
	 * @param target the target object, or {@code null} when unknown
	 * @param arguments the arguments
	 * @param invocation calls the method
	 * @return what the method returns
	 * @throws Throwable what the method throws
	 */
	public @Nullable Object invoke(Method method, @Nullable Object target, @Nullable Object[] arguments,
			Invocation invocation) throws Throwable {
		if (!Span.current().isRecording()) {
			return invocation.proceed();
		}
		Class<?> targetClass = (target != null) ? ClassUtils.getUserClass(target) : method.getDeclaringClass();
		MethodAnnotations annotations = this.resolved.computeIfAbsent(new MethodClassKey(method, targetClass),
				(key) -> prepare(method, targetClass));
		// a controller's annotations describe the request: they go to its segment even
		// when
		// other observations (Spring Security's) sit between the server span and the call
		Span span = annotations.onSegment ? this.segment.get() : Span.current();
		annotations.record(span, Phase.BEFORE, arguments, null, false);
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			annotations.record(span, Phase.AFTER, arguments, null, true);
			throw ex;
		}
		annotations.record(span, Phase.AFTER, arguments, result, false);
		return result;
	}

	/**
	 * Parses and checks the annotations of a method once, logging an ERROR for each one
	 * that is disabled. Called at startup for the methods of every bean, and on the first
	 * call of any other method.
	 * @param method the method
	 * @param targetClass the class whose implementation is called
	 * @return the parsed annotations
	 */
	MethodAnnotations prepare(Method method, Class<?> targetClass) {
		Method declaring = declaringMethod(AopUtils.getMostSpecificMethod(method, targetClass));
		if (declaring == null) {
			return MethodAnnotations.NONE;
		}
		MethodAnnotations annotations = this.parsed.computeIfAbsent(declaring, this::parse);
		return isController(targetClass) ? annotations.onSegment() : annotations;
	}

	/**
	 * Returns whether a class is a web controller, whose annotations go to the request's
	 * segment.
	 * @param type the class
	 * @return whether it carries {@link Controller} (also through
	 * {@code @RestController})
	 */
	static boolean isController(Class<?> type) {
		return AnnotatedElementUtils.hasAnnotation(type, Controller.class);
	}

	/**
	 * Returns whether a method carries {@link XRayAnnotate}, itself or inherited from an
	 * interface or superclass method it overrides.
	 * @param method the method
	 * @return whether it is annotated
	 */
	static boolean isAnnotated(Method method) {
		return MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY).isPresent(XRayAnnotate.class);
	}

	// the nearest method in the hierarchy that declares any: its annotations replace
	// those
	// of the methods it overrides, as with Spring's caching annotations
	private static @Nullable Method declaringMethod(Method method) {
		MergedAnnotation<XRayAnnotate> nearest = MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY)
			.get(XRayAnnotate.class);
		return (nearest.isPresent() && nearest.getSource() instanceof Method declaring) ? declaring : null;
	}

	// expressions are read against the method that declares them, with its parameter
	// names
	private MethodAnnotations parse(Method method) {
		List<AnnotationExpression> before = new ArrayList<>();
		List<AnnotationExpression> after = new ArrayList<>();
		String @Nullable [] parameterNames = this.parameterNameDiscoverer.getParameterNames(method);
		MergedAnnotations.from(method, SearchStrategy.DIRECT).stream(XRayAnnotate.class).forEach((annotation) -> {
			try {
				AnnotationExpression expression = AnnotationExpression.parse(annotation.synthesize(), method,
						parameterNames);
				((expression.getPhase() == Phase.BEFORE) ? before : after).add(expression);
			}
			catch (InvalidAnnotationException ex) {
				logger.error(ex.getMessage());
			}
		});
		return new MethodAnnotations(before.toArray(AnnotationExpression[]::new),
				after.toArray(AnnotationExpression[]::new));
	}

	/**
	 * Records a value as an annotation with the type X-Ray indexes.
	 * @param span the span
	 * @param key the key
	 * @param value the value
	 */
	static void annotate(Span span, String key, Object value) {
		Object scalar = AttributeValues.scalar(value);
		if (scalar instanceof Long number) {
			XRayAnnotations.annotate(span, key, number.longValue());
		}
		else if (scalar instanceof Double number) {
			XRayAnnotations.annotate(span, key, number.doubleValue());
		}
		else if (scalar instanceof Boolean bool) {
			XRayAnnotations.annotate(span, key, bool.booleanValue());
		}
		else {
			XRayAnnotations.annotate(span, key, (scalar != null) ? (String) scalar : value.toString());
		}
	}

	/**
	 * Calls the annotated method.
	 */
	@FunctionalInterface
	public interface Invocation {

		/**
		 * Calls the method.
		 * @return what the method returns
		 * @throws Throwable what the method throws
		 */
		@Nullable Object proceed() throws Throwable;

	}

	/**
	 * The parsed annotations of one method, split by phase.
	 */
	static final class MethodAnnotations {

		static final MethodAnnotations NONE = new MethodAnnotations(new AnnotationExpression[0],
				new AnnotationExpression[0]);

		private final AnnotationExpression[] before;

		private final AnnotationExpression[] after;

		final boolean onSegment;

		MethodAnnotations(AnnotationExpression[] before, AnnotationExpression[] after) {
			this(before, after, false);
		}

		private MethodAnnotations(AnnotationExpression[] before, AnnotationExpression[] after, boolean onSegment) {
			this.before = before;
			this.after = after;
			this.onSegment = onSegment;
		}

		MethodAnnotations onSegment() {
			return new MethodAnnotations(this.before, this.after, true);
		}

		int size() {
			return this.before.length + this.after.length;
		}

		void record(Span span, Phase phase, @Nullable Object[] arguments, @Nullable Object result, boolean failed) {
			for (AnnotationExpression annotation : (phase == Phase.BEFORE) ? this.before : this.after) {
				if (!failed || !annotation.usesResult()) {
					record(span, annotation, arguments, result);
				}
			}
		}

		private void record(Span span, AnnotationExpression annotation, @Nullable Object[] arguments,
				@Nullable Object result) {
			try {
				Object value = annotation.evaluate(arguments, result);
				if (value instanceof Optional<?> optional) {
					value = optional.orElse(null);
				}
				if (value != null) {
					annotate(span, annotation.getKey(), value);
				}
				else if (annotation.firstFailure()) {
					logger.warn(annotation.getDescription() + " recorded nothing: the value is null (logged once)");
				}
			}
			// A method that recurses without end is the user's bug, not the request's.
			catch (RuntimeException | StackOverflowError ex) {
				if (annotation.firstFailure()) {
					logger
						.warn(annotation.getDescription() + " recorded nothing: " + ex.getMessage() + " (logged once)");
				}
			}
		}

	}

}
