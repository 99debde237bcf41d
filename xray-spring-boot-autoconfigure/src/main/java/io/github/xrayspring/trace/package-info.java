/**
 * Trace plumbing for X-Ray: annotation keys and limits, trace ID and header handling, log
 * correlation, the span exporter decorator that makes spans X-Ray ready, and a small JSON
 * reader and writer.
 */
@NullMarked
package io.github.xrayspring.trace;

import org.jspecify.annotations.NullMarked;
