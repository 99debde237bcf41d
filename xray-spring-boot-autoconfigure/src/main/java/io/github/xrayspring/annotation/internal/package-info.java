/**
 * {@code @XRayAnnotate} at run time: the advisor and thin interceptor, the handler that
 * evaluates the expressions and records the annotations, and the startup validator.
 * <p>
 * <strong>Internal:</strong> not API. Nothing here is covered by the project's
 * compatibility promise; types, methods and behaviour may change in any release without
 * notice. Use {@code io.github.xrayspring.XRay}, {@code @XRayAnnotate} and the
 * {@code xray.*} properties instead.
 */
@NullMarked
package io.github.xrayspring.annotation.internal;

import org.jspecify.annotations.NullMarked;
