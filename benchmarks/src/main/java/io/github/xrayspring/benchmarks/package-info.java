/**
 * JMH benchmarks of the starter's hot paths. Build with {@code ./mvnw -pl benchmarks -am
 * package} and run {@code java -jar benchmarks/target/benchmarks.jar}.
 */
@NullMarked
package io.github.xrayspring.benchmarks;

import org.jspecify.annotations.NullMarked;
