/**
 * Auto-configuration for AWS X-Ray and its
 * {@link io.github.xrayspring.autoconfigure.XRayProperties}.
 */
@NullMarked
package io.github.xrayspring.autoconfigure;

import org.jspecify.annotations.NullMarked;
