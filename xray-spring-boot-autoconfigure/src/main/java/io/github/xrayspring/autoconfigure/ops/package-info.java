/**
 * Auto-configuration for the {@code xray.*} meters and, later, the {@code xray} actuator
 * endpoint.
 */
@NullMarked
package io.github.xrayspring.autoconfigure.ops;

import org.jspecify.annotations.NullMarked;
