/**
 * AWS X-Ray support for Spring Boot through OpenTelemetry: the static
 * {@link io.github.xrayspring.XRay} API.
 */
@NullMarked
package io.github.xrayspring;

import org.jspecify.annotations.NullMarked;
