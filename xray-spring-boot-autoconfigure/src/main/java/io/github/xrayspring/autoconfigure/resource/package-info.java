/**
 * Auto-configuration that adds AWS resource attributes to Spring Boot's OpenTelemetry
 * resource.
 */
@NullMarked
package io.github.xrayspring.autoconfigure.resource;

import org.jspecify.annotations.NullMarked;
