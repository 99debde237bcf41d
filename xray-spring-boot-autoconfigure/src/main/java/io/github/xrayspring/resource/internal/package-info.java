/**
 * AWS resource detection: which AWS platform the application runs on and the resource
 * attributes X-Ray uses for a segment's origin and the service map.
 * <p>
 * <strong>Internal:</strong> not API. Nothing here is covered by the project's
 * compatibility promise; types, methods and behaviour may change in any release without
 * notice. Use the {@code xray.resource.*} properties instead.
 */
@NullMarked
package io.github.xrayspring.resource.internal;

import org.jspecify.annotations.NullMarked;
