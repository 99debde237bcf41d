/**
 * The X-Ray rule sampler: rules, per-second reservoirs, the traces-per-second ceiling,
 * local rule files and centralized rules.
 */
@NullMarked
package io.github.xrayspring.sampling;

import org.jspecify.annotations.NullMarked;
