/**
 * Auto-configuration that keeps the trace across Spring Boot's task executors.
 */
@NullMarked
package io.github.xrayspring.autoconfigure.task;

import org.jspecify.annotations.NullMarked;
