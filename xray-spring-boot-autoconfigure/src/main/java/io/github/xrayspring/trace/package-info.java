/**
 * Trace plumbing for X-Ray: annotation keys and limits, trace ID and header handling, log
 * correlation, and the span exporter decorator that makes spans X-Ray ready.
 */
@NullMarked
package io.github.xrayspring.trace;

import org.jspecify.annotations.NullMarked;
