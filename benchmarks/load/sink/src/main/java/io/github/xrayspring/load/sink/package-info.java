/**
 * A loopback OTLP/HTTP trace sink that counts the spans it receives.
 */
@NullMarked
package io.github.xrayspring.load.sink;

import org.jspecify.annotations.NullMarked;
