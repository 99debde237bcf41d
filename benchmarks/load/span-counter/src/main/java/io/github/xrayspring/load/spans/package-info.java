/**
 * Counts the spans that the traced variants of the load app end.
 */
@NullMarked
package io.github.xrayspring.load.spans;

import org.jspecify.annotations.NullMarked;
