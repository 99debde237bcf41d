/**
 * The {@code @XRayAnnotate} annotation, its advisor and thin interceptor, and the handler
 * that evaluates the expressions and records the annotations on the current span.
 */
@NullMarked
package io.github.xrayspring.annotation;

import org.jspecify.annotations.NullMarked;
