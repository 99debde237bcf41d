/**
 * Auto-configuration for the cost projection, the {@code xray.*} meters, the {@code xray}
 * actuator endpoint and the trace page.
 */
@NullMarked
package io.github.xrayspring.autoconfigure.ops;

import org.jspecify.annotations.NullMarked;
