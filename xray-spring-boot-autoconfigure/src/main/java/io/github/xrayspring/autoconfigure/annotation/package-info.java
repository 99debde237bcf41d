/**
 * Auto-configuration for searchable X-Ray annotations: the {@code @XRayAnnotate} advisor,
 * promotion by configuration, the principal as the X-Ray user, and the annotation meters.
 */
@NullMarked
package io.github.xrayspring.autoconfigure.annotation;

import org.jspecify.annotations.NullMarked;
