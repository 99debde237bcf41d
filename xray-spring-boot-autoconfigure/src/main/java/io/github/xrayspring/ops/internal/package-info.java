/**
 * What tracing does and costs, for meters and the actuator: the view over the counters
 * each feature keeps.
 * <p>
 * <strong>Internal:</strong> not API. Nothing here is covered by the project's
 * compatibility promise; types, methods and behaviour may change in any release without
 * notice. Use {@code io.github.xrayspring.XRay}, {@code @XRayAnnotate} and the
 * {@code xray.*} properties instead.
 */
@NullMarked
package io.github.xrayspring.ops.internal;

import org.jspecify.annotations.NullMarked;
