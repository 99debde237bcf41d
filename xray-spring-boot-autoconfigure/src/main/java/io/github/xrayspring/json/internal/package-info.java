/**
 * JSON for segment documents, metadata values, sampling rules files and the X-Ray
 * sampling API, on top of Jackson's streaming {@code jackson-core}: strings escaped by
 * Jackson, values written with the starter's depth and length limits, and documents read
 * into nodes that know their JSON path, line and column.
 * <p>
 * <strong>Internal:</strong> not API. Nothing here is covered by the project's
 * compatibility promise; types, methods and behaviour may change in any release without
 * notice. Use {@code io.github.xrayspring.XRay}, {@code @XRayAnnotate} and the
 * {@code xray.*} properties instead.
 */
@NullMarked
package io.github.xrayspring.json.internal;

import org.jspecify.annotations.NullMarked;
