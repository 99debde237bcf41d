/**
 * Auto-configuration for the HTTP observation conventions X-Ray reads.
 */
@NullMarked
package io.github.xrayspring.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
