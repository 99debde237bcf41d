package io.github.xrayspring.jdbc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Finds, for each {@code ?} bind marker of a statement, the column it is bound to, so
 * that values for secret-looking columns can be masked. A marker in the {@code VALUES} of
 * an {@code INSERT}, or in the select list of an {@code INSERT ... SELECT}, maps to the
 * column at the same position in the column list; any other marker maps to the last
 * column name before it in the same clause. A name followed by {@code (} is a function,
 * not a column.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
final class SqlParameterColumns {

	private static final String[] SECRET_WORDS = { "password", "passwd", "secret", "token", "credential", "api_key" };

	private static final String[] CLAUSE_KEYWORDS = { "SELECT", "FROM", "WHERE", "SET", "VALUES", "LIMIT", "OFFSET",
			"ORDER", "GROUP", "HAVING", "FETCH", "TOP", "RETURNING", "INTO", "UPDATE", "INSERT", "DELETE" };

	private static final String[] OPERATOR_KEYWORDS = { "AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "IS", "NULL",
			"BETWEEN", "ANY", "ALL", "SOME", "EXISTS", "ESCAPE", "SIMILAR", "TO", "AS", "BY", "ON", "WHEN", "THEN",
			"ELSE", "CASE", "END", "DISTINCT" };

	private static final int MAX_MARKERS = 1000;

	private SqlParameterColumns() {
	}

	/**
	 * Returns whether a column name looks like it holds a secret.
	 * @param column the column name, may be {@code null}
	 * @return whether values bound to it are masked
	 */
	static boolean isSecret(@Nullable String column) {
		if (column == null) {
			return false;
		}
		String lower = column.toLowerCase(Locale.ROOT);
		for (String word : SECRET_WORDS) {
			if (lower.contains(word)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the column of each bind marker, in order.
	 * @param sql the statement
	 * @return one entry per marker, {@code null} where no column was found
	 */
	static List<@Nullable String> of(@Nullable String sql) {
		List<@Nullable String> columns = new ArrayList<>();
		if (sql == null) {
			return columns;
		}
		int length = sql.length();
		int depth = 0;
		boolean insert = false;
		boolean collectingColumns = false;
		boolean inValues = false;
		int valuesDepth = -1;
		int position = 0;
		List<String> insertColumns = new ArrayList<>();
		@Nullable String last = null;
		SqlTokens tokens = new SqlTokens(sql);
		while (columns.size() < MAX_MARKERS && tokens.next()) {
			SqlTokens.Kind kind = tokens.kind();
			char c = tokens.first();
			if (kind == SqlTokens.Kind.QUOTED_IDENTIFIER) {
				last = tokens.text();
				if (collectingColumns && depth == 1) {
					insertColumns.add(last);
				}
			}
			else if (kind == SqlTokens.Kind.STRING) {
				// a literal names no column
			}
			else if (c == '?') {
				String column = last;
				if (inValues && depth > valuesDepth && position < insertColumns.size()) {
					column = insertColumns.get(position);
				}
				columns.add(column);
			}
			else if (c == '(') {
				depth++;
				if (inValues && depth == valuesDepth + 1) {
					position = 0;
				}
			}
			else if (c == ')') {
				if (collectingColumns && depth == 1) {
					collectingColumns = false;
				}
				depth = Math.max(0, depth - 1);
			}
			else if (c == ',') {
				if (inValues && depth == valuesDepth + 1) {
					position++;
				}
			}
			else if (kind == SqlTokens.Kind.WORD) {
				int start = tokens.start();
				int end = tokens.end();
				if (matches(sql, start, end, "INSERT")) {
					insert = true;
				}
				if (matches(sql, start, end, "VALUES") && insert) {
					inValues = true;
					valuesDepth = depth;
					collectingColumns = false;
				}
				if (matches(sql, start, end, "SELECT") && insert && !inValues && depth == 0
						&& !insertColumns.isEmpty()) {
					// INSERT INTO t (a, b) SELECT ?, ?: the select list maps by position.
					inValues = true;
					valuesDepth = -1;
					position = 0;
					collectingColumns = false;
				}
				else if (inValues && valuesDepth < 0 && depth == 0 && isAny(sql, start, end, CLAUSE_KEYWORDS)) {
					// The end of an INSERT's select list.
					inValues = false;
				}
				boolean tableName = insert && !inValues && depth == 0 && insertColumns.isEmpty();
				if (isAny(sql, start, end, CLAUSE_KEYWORDS)) {
					last = null;
				}
				else if (!isAny(sql, start, end, OPERATOR_KEYWORDS)
						&& (tableName || !isFunctionCall(sql, end, length))) {
					last = tokens.text();
					if (tableName) {
						// The table name: its column list follows.
						collectingColumns = true;
					}
					else if (collectingColumns && depth == 1) {
						insertColumns.add(last);
					}
				}
			}
		}
		return columns;
	}

	/**
	 * Returns whether a statement names a secret-looking column (or other identifier)
	 * anywhere, so that a value whose column could not be found is masked.
	 * @param sql the statement
	 * @return whether an identifier outside literals and comments looks secret
	 */
	static boolean mentionsSecret(@Nullable String sql) {
		if (sql == null) {
			return false;
		}
		SqlTokens tokens = new SqlTokens(sql);
		while (tokens.next()) {
			SqlTokens.Kind kind = tokens.kind();
			if ((kind == SqlTokens.Kind.WORD || kind == SqlTokens.Kind.QUOTED_IDENTIFIER) && isSecret(tokens.text())) {
				return true;
			}
		}
		return false;
	}

	// A name followed by "(" is a function (crypt, COALESCE, lower), not a column.
	private static boolean isFunctionCall(String sql, int end, int length) {
		int i = end;
		while (i < length && Character.isWhitespace(sql.charAt(i))) {
			i++;
		}
		return i < length && sql.charAt(i) == '(';
	}

	private static boolean matches(String sql, int start, int end, String word) {
		return end - start == word.length() && sql.regionMatches(true, start, word, 0, word.length());
	}

	private static boolean isAny(String sql, int start, int end, String[] words) {
		for (String word : words) {
			if (matches(sql, start, end, word)) {
				return true;
			}
		}
		return false;
	}

}
