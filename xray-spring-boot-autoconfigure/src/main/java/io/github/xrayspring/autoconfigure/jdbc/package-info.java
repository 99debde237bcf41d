/**
 * Auto-configuration that wraps DataSource beans so that each statement becomes an X-Ray
 * SQL subsegment.
 */
@NullMarked
package io.github.xrayspring.autoconfigure.jdbc;

import org.jspecify.annotations.NullMarked;
