/**
 * JMH benchmarks of the starter's hot paths.
 */
@NullMarked
package io.github.xrayspring.benchmarks;

import org.jspecify.annotations.NullMarked;
