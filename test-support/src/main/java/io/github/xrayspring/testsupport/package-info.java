/**
 * Test support shared by the sample applications' end-to-end tests: an in-process OTLP
 * receiver. Not part of the starter.
 */
@NullMarked
package io.github.xrayspring.testsupport;

import org.jspecify.annotations.NullMarked;
