/**
 * Trace plumbing for X-Ray: trace IDs and the {@code X-Amzn-Trace-Id} header, annotation
 * keys and limits on live spans, span attribute keys and value conversion, and log
 * correlation.
 * <p>
 * <strong>Internal:</strong> not API. Nothing here is covered by the project's
 * compatibility promise; types, methods and behaviour may change in any release without
 * notice. Use {@code io.github.xrayspring.XRay}, {@code @XRayAnnotate} and the
 * {@code xray.*} properties instead.
 */
@NullMarked
package io.github.xrayspring.trace.internal;

import org.jspecify.annotations.NullMarked;
