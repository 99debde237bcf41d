/**
 * Every sampling decision: X-Ray rules, per-second reservoirs, the traces-per-second
 * ceiling, local rules files, centralized rules, and headers that carry no decision.
 * <p>
 * <strong>Internal:</strong> not API. Nothing here is covered by the project's
 * compatibility promise; types, methods and behaviour may change in any release without
 * notice. Use {@code io.github.xrayspring.XRay}, {@code @XRayAnnotate} and the
 * {@code xray.*} properties instead.
 */
@NullMarked
package io.github.xrayspring.sampling.internal;

import org.jspecify.annotations.NullMarked;
