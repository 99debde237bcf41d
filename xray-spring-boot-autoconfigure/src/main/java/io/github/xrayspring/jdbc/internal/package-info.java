/**
 * JDBC statements as X-Ray SQL subsegments: the DataSource wrapper, the datasource-proxy
 * listener, the SQL sanitizer, JDBC URL parsing and slow-query and N+1 detection.
 * <p>
 * <strong>Internal:</strong> not API. Nothing here is covered by the project's
 * compatibility promise; types, methods and behaviour may change in any release without
 * notice. Use {@code io.github.xrayspring.XRay}, {@code @XRayAnnotate} and the
 * {@code xray.*} properties instead.
 */
@NullMarked
package io.github.xrayspring.jdbc.internal;

import org.jspecify.annotations.NullMarked;
