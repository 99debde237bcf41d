package io.github.xrayspring.jdbc.internal;

import java.time.Duration;

/**
 * How statements are recorded: the settings the listener reads on every statement.
 *
 * @param sanitize whether literals in recorded statements become {@code ?}
 * @param captureParameters whether bind parameters are recorded
 * @param maxStatementLength the longest recorded statement, marker included
 * @param slowQueryThreshold the duration over which a statement is annotated slow
 * @param oldKeys whether the old database attribute keys are written
 * ({@code db.statement}, {@code db.name}, ...)
 * @param stableKeys whether the stable ones are written ({@code db.query.text},
 * {@code db.namespace}, ...)
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public record JdbcTracingOptions(boolean sanitize, boolean captureParameters, int maxStatementLength,
		Duration slowQueryThreshold, boolean oldKeys, boolean stableKeys) {

	/**
	 * Options that write both sets of database attribute keys.
	 * @param sanitize whether literals in recorded statements become {@code ?}
	 * @param captureParameters whether bind parameters are recorded
	 * @param maxStatementLength the longest recorded statement, marker included
	 * @param slowQueryThreshold the duration over which a statement is annotated slow
	 */
	public JdbcTracingOptions(boolean sanitize, boolean captureParameters, int maxStatementLength,
			Duration slowQueryThreshold) {
		this(sanitize, captureParameters, maxStatementLength, slowQueryThreshold, true, true);
	}

	/**
	 * Checks the values.
	 * @param sanitize whether literals in recorded statements become {@code ?}
	 * @param captureParameters whether bind parameters are recorded
	 * @param maxStatementLength the longest recorded statement, marker included
	 * @param slowQueryThreshold the duration over which a statement is annotated slow
	 * @param oldKeys whether the old database attribute keys are written
	 * @param stableKeys whether the stable ones are written
	 */
	public JdbcTracingOptions {
		if (!oldKeys && !stableKeys) {
			throw new IllegalArgumentException("xray.jdbc.attribute-keys must keep at least one set of keys");
		}
		if (maxStatementLength < 1) {
			throw new IllegalArgumentException(
					"xray.jdbc.max-statement-length must be at least 1 but was " + maxStatementLength);
		}
		if (slowQueryThreshold == null || slowQueryThreshold.isNegative()) {
			throw new IllegalArgumentException(
					"xray.jdbc.slow-query-threshold must not be negative but was " + slowQueryThreshold);
		}
	}

}
