/**
 * Auto-configuration for the trace exporter chosen by {@code xray.exporter.type}.
 */
@NullMarked
package io.github.xrayspring.autoconfigure.export;

import org.jspecify.annotations.NullMarked;
