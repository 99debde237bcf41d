/**
 * Trace plumbing that is not public API: the tracer the {@code XRay} helpers use.
 */
@NullMarked
package io.github.xrayspring.internal.trace;

import org.jspecify.annotations.NullMarked;
