/**
 * JDBC statements as X-Ray SQL subsegments: the datasource-proxy listener, the SQL
 * sanitizer, JDBC URL parsing and slow-query and N+1 detection.
 */
@NullMarked
package io.github.xrayspring.jdbc;

import org.jspecify.annotations.NullMarked;
