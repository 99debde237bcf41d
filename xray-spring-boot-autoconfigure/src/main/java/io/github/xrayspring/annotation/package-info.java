/**
 * The {@link io.github.xrayspring.annotation.XRayAnnotate} annotation: the declarative
 * way to record searchable X-Ray annotations. How it is applied is in
 * {@code annotation.internal}.
 */
@NullMarked
package io.github.xrayspring.annotation;

import org.jspecify.annotations.NullMarked;
