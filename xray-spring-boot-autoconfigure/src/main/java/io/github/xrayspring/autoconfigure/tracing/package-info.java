/**
 * Auto-configuration that layers X-Ray trace IDs, propagation, log correlation and the
 * exporter decorator on Spring Boot's OpenTelemetry tracing.
 */
@NullMarked
package io.github.xrayspring.autoconfigure.tracing;

import org.jspecify.annotations.NullMarked;
