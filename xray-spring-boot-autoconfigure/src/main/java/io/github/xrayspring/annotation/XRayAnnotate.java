package io.github.xrayspring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records a searchable X-Ray annotation on the span that is current when the annotated
 * method is called, for a controller method the server span that becomes the X-Ray
 * segment. The value is a SpEL expression over the method parameters by name (for example
 * {@code #orderId} or {@code #request.customer.tier}) and, after the call, the return
 * value as {@code #result}.
 * <p>
 * The annotation may also sit on an interface or superclass method; a method that
 * declares its own {@code @XRayAnnotate} replaces the ones of the methods it overrides.
 * <p>
 * Expressions read data: properties, map and list elements, operators and instance
 * methods of the values ({@code #request.lines.size()}, {@code #name?.toUpperCase()}).
 * Type references, constructors, bean references and assignments are rejected at startup
 * with an ERROR log, and that annotation is disabled. An expression that fails or yields
 * {@code null} at run time records nothing and is logged once.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(XRayAnnotate.List.class)
public @interface XRayAnnotate {

	/**
	 * The annotation key. Characters outside {@code [A-Za-z0-9_]} become {@code _}.
	 * @return the key
	 */
	String key();

	/**
	 * The SpEL expression giving the value: parameters by name, {@code #p0} or
	 * {@code #a0} by position, and {@code #result} for the return value.
	 * @return the expression
	 */
	String value();

	/**
	 * When the value is taken: before the method runs or after it returns or throws.
	 * @return the phase
	 */
	Phase when() default Phase.AFTER;

	/**
	 * When an annotation value is taken.
	 */
	enum Phase {

		/**
		 * Before the method runs; {@code #result} is not available.
		 */
		BEFORE,

		/**
		 * After the method returns or throws; when it throws, only the annotations that
		 * do not use {@code #result} are recorded.
		 */
		AFTER

	}

	/**
	 * Container for repeated {@link XRayAnnotate} annotations.
	 */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		/**
		 * The annotations.
		 * @return the annotations
		 */
		XRayAnnotate[] value();

	}

}
