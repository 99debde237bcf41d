/**
 * The {@code @XRayAnnotate} annotation, its thin aspect and the handler that evaluates
 * the expressions and records the annotations on the current span.
 */
@NullMarked
package io.github.xrayspring.annotation;

import org.jspecify.annotations.NullMarked;
