package io.github.xrayspring.jdbc.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A bounded cache of sanitized statement text per SQL string: prepared statements repeat,
 * so most statements are sanitized once. Long texts are not kept; when the cache is full
 * it starts over, so that a changing set of statements never grows it.
 *
 * @author xray-spring-boot-starter team
 */
final class SanitizedStatements {

	static final int MAX_ENTRIES = 512;

	static final int MAX_CACHED_LENGTH = 4096;

	private final int maxLength;

	private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * Creates a cache.
	 * @param maxLength the longest sanitized text, as {@link SqlSanitizer#sanitize} takes
	 * it
	 */
	SanitizedStatements(int maxLength) {
		this.maxLength = maxLength;
	}

	/**
	 * Returns the sanitized text of a statement.
	 * @param sql the statement
	 * @param mysqlQuoting whether double quotes delimit strings, as in MySQL
	 * @return the sanitized text, cut to the maximum length
	 */
	String sanitize(String sql, boolean mysqlQuoting) {
		Entry entry = this.entries.get(sql);
		if (entry != null && entry.mysqlQuoting == mysqlQuoting) {
			return entry.sanitized;
		}
		String sanitized = SqlSanitizer.sanitize(sql, this.maxLength, mysqlQuoting);
		if (sql.length() <= MAX_CACHED_LENGTH) {
			if (this.entries.size() >= MAX_ENTRIES) {
				this.entries.clear();
			}
			this.entries.put(sql, new Entry(sanitized, mysqlQuoting));
		}
		return sanitized;
	}

	int size() {
		return this.entries.size();
	}

	private record Entry(String sanitized, boolean mysqlQuoting) {

	}

}
