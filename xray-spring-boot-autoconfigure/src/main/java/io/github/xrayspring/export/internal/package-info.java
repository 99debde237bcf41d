/**
 * Span export for X-Ray: the exporter chosen by {@code xray.exporter.type}, the decorator
 * that prepares every span (types, annotation promotion and limits), and the local
 * preview that turns spans into the X-Ray segment documents the ADOT collector would
 * make.
 * <p>
 * <strong>Internal:</strong> not API. Nothing here is covered by the project's
 * compatibility promise; types, methods and behaviour may change in any release without
 * notice. Use {@code io.github.xrayspring.XRay}, {@code @XRayAnnotate} and the
 * {@code xray.*} properties instead.
 */
@NullMarked
package io.github.xrayspring.export.internal;

import org.jspecify.annotations.NullMarked;
