/**
 * The load comparison's reference app: single-row reads, an N+1 list and transactional
 * writes on H2, with no tracing dependency of its own.
 */
@NullMarked
package io.github.xrayspring.load;

import org.jspecify.annotations.NullMarked;
