/**
 * Auto-configuration for X-Ray sampling.
 */
@NullMarked
package io.github.xrayspring.autoconfigure.sampling;

import org.jspecify.annotations.NullMarked;
