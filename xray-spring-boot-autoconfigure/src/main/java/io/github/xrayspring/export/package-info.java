/**
 * Span export for X-Ray: exporter selection, the SigV4 exporter, and the local preview
 * that turns spans into the X-Ray segment documents the ADOT collector would send.
 */
@NullMarked
package io.github.xrayspring.export;

import org.jspecify.annotations.NullMarked;
