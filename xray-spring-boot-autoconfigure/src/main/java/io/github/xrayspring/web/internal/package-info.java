/**
 * The HTTP edge at run time: the request facts that sampling rules match, and the
 * authenticated principal as the X-Ray user.
 * <p>
 * <strong>Internal:</strong> not API. Nothing here is covered by the project's
 * compatibility promise; types, methods and behaviour may change in any release without
 * notice. Use {@code io.github.xrayspring.XRay}, {@code @XRayAnnotate} and the
 * {@code xray.*} properties instead.
 */
@NullMarked
package io.github.xrayspring.web.internal;

import org.jspecify.annotations.NullMarked;
