package io.github.xrayspring.jdbc.internal;

import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Single-pass SQL lexer that replaces literals with {@code ?} so that a statement can be
 * recorded without the values it carries.
 * <p>
 * String literals (with doubled quotes, {@code E'...'}, {@code N'...'}, {@code X'...'},
 * {@code B'...'} and {@code U&'...'} prefixes), PostgreSQL dollar-quoted strings,
 * numbers, hexadecimal numbers and the booleans {@code TRUE} and {@code FALSE} become
 * {@code ?}; a list of placeholders after {@code IN} collapses to {@code IN (?)};
 * comments are removed and runs of white space become one space. Identifiers, quoted
 * identifiers, keywords, operators and bind markers ({@code ?}, {@code $1},
 * {@code :name}) are kept, except that the value after {@code IDENTIFIED BY} (with
 * Oracle's {@code REPLACE old} and {@code VALUES}, MySQL's {@code IDENTIFIED WITH plugin
 * BY|AS}) and, outside queries and parentheses, after {@code PASSWORD}
 * ({@code [ENCRYPTED]
 * PASSWORD x}, {@code PASSWORD = x}, {@code SET PASSWORD FOR u = x}) also becomes
 * {@code ?} when it is a word or a quoted identifier: databases accept unquoted secrets
 * there. The text is cut on a character boundary, {@value #TRUNCATION_MARKER} included,
 * and the lexer stops reading once the output is longer than the limit, so the cost is
 * bounded by the limit, not by the input.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class SqlSanitizer {

	/**
	 * Appended to a statement that was cut.
	 */
	public static final String TRUNCATION_MARKER = "...";

	private static final String[] OPERATIONS = { "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE",
			"CALL", "EXEC", "EXECUTE", "CREATE", "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE", "BEGIN", "START",
			"COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SET", "SHOW", "EXPLAIN", "VALUES", "DECLARE", "LOCK", "COPY",
			"ANALYZE", "VACUUM", "USE", "DO", "COMMENT", "REFRESH", "REINDEX", "CLUSTER", "LISTEN", "NOTIFY", "PREPARE",
			"DEALLOCATE", "FETCH", "MOVE", "CLOSE", "DESCRIBE", "DESC", "TABLE", "WITH" };

	private static final int MAX_OPERATION_LENGTH = 32;

	// Statements that start with one of these read PASSWORD as a column name.
	private static final String[] QUERY_WORDS = { "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE",
			"WITH", "VALUES", "TABLE", "CALL", "EXEC", "EXECUTE", "EXPLAIN", "COPY", "SHOW", "DESCRIBE", "DESC" };

	// Objects whose definitions name columns, possibly one called PASSWORD.
	private static final String[] SCHEMA_OBJECTS = { "TABLE", "VIEW", "INDEX", "FUNCTION", "PROCEDURE", "TRIGGER",
			"TYPE", "SEQUENCE", "PACKAGE", "COLUMN" };

	// Words after PASSWORD that are options, not a secret (MySQL, Oracle, SAP HANA).
	private static final String[] PASSWORD_OPTIONS = { "EXPIRE", "HISTORY", "REUSE", "REQUIRE", "LIFETIME" };

	private static final boolean[] ASCII_IDENTIFIER_START = new boolean[0x80];

	private static final boolean[] ASCII_IDENTIFIER_PART = new boolean[0x80];

	static {
		for (char c = 0; c < 0x80; c++) {
			ASCII_IDENTIFIER_START[c] = isIdentifierStart(c);
			ASCII_IDENTIFIER_PART[c] = isIdentifierPart(c);
		}
	}

	private SqlSanitizer() {
	}

	/**
	 * Sanitizes a statement with the standard SQL rules, where a backslash is an ordinary
	 * character except in {@code E'...'} strings.
	 * @param sql the statement, may be {@code null}
	 * @param maxLength the longest result, marker included
	 * @return the sanitized statement, never longer than {@code maxLength}
	 */
	public static String sanitize(@Nullable String sql, int maxLength) {
		return sanitize(sql, maxLength, false);
	}

	/**
	 * Sanitizes a statement.
	 * @param sql the statement, may be {@code null}
	 * @param maxLength the longest result, marker included
	 * @param mysqlQuoting whether backslash escapes in every string and double quotes
	 * delimit strings, as in MySQL and MariaDB
	 * @return the sanitized statement, never longer than {@code maxLength}
	 */
	public static String sanitize(@Nullable String sql, int maxLength, boolean mysqlQuoting) {
		if (sql == null || maxLength <= 0) {
			return "";
		}
		return new Lexer(sql, maxLength, mysqlQuoting).run();
	}

	/**
	 * Cuts a statement as written to the given length on a character boundary, marker
	 * included.
	 * @param sql the statement, may be {@code null}
	 * @param maxLength the longest result, marker included
	 * @return the statement, never longer than {@code maxLength}
	 */
	public static String truncate(@Nullable String sql, int maxLength) {
		if (sql == null || maxLength <= 0) {
			return "";
		}
		if (sql.length() <= maxLength) {
			return sql;
		}
		if (maxLength <= TRUNCATION_MARKER.length()) {
			return TRUNCATION_MARKER.substring(0, maxLength);
		}
		int end = maxLength - TRUNCATION_MARKER.length();
		if (Character.isHighSurrogate(sql.charAt(end - 1))) {
			end--;
		}
		return sql.substring(0, end) + TRUNCATION_MARKER;
	}

	/**
	 * Returns the operation of a statement: its first keyword in upper case, or the
	 * keyword after the common table expressions of a {@code WITH} clause.
	 * @param sql the statement, may be {@code null}
	 * @return the operation, or {@code null} when the statement starts with no word
	 */
	public static @Nullable String operation(@Nullable String sql) {
		if (sql == null) {
			return null;
		}
		int length = sql.length();
		int i = skipNoise(sql, 0, length);
		int end = wordEnd(sql, i, length);
		if (end == i) {
			return null;
		}
		if (end - i == 4 && sql.regionMatches(true, i, "WITH", 0, 4)) {
			String afterWith = operationAfterWith(sql, end, length);
			if (afterWith != null) {
				return afterWith;
			}
		}
		return keyword(sql, i, end);
	}

	private static @Nullable String operationAfterWith(String sql, int from, int length) {
		int i = skipSpace(sql, from, length);
		int end = wordEnd(sql, i, length);
		if (end - i == 9 && sql.regionMatches(true, i, "RECURSIVE", 0, 9)) {
			i = skipSpace(sql, end, length);
		}
		// Each round skips "name [(columns)] AS [NOT] [MATERIALIZED] (query)" and an
		// optional comma.
		for (int rounds = 0; rounds < 1000 && i < length; rounds++) {
			i = skipBalancedOrWords(sql, i, length);
			if (i >= length) {
				return null;
			}
			if (sql.charAt(i) == ',') {
				i = skipSpace(sql, i + 1, length);
				continue;
			}
			end = wordEnd(sql, i, length);
			return (end > i) ? keyword(sql, i, end) : null;
		}
		return null;
	}

	// Skips words, quoted names and parenthesized groups until the closing parenthesis
	// of a CTE body has been passed.
	private static int skipBalancedOrWords(String sql, int from, int length) {
		int i = skipSpace(sql, from, length);
		while (i < length) {
			char c = sql.charAt(i);
			if (c == '(') {
				int close = skipParentheses(sql, i, length);
				i = skipSpace(sql, close, length);
				int end = wordEnd(sql, i, length);
				if (i >= length || sql.charAt(i) == ',' || (end > i && !isCteWord(sql, i, end))) {
					return i;
				}
			}
			else if (c == '"' || c == '`') {
				i = skipQuoted(sql, i, length, c);
				i = skipSpace(sql, i, length);
			}
			else {
				int end = wordEnd(sql, i, length);
				if (end == i) {
					return i;
				}
				i = skipSpace(sql, end, length);
			}
		}
		return i;
	}

	private static boolean isCteWord(String sql, int start, int end) {
		int length = end - start;
		return (length == 2 && sql.regionMatches(true, start, "AS", 0, 2))
				|| (length == 3 && sql.regionMatches(true, start, "NOT", 0, 3))
				|| (length == 12 && sql.regionMatches(true, start, "MATERIALIZED", 0, 12));
	}

	private static int skipParentheses(String sql, int open, int length) {
		int depth = 0;
		int i = open;
		while (i < length) {
			char c = sql.charAt(i);
			if (c == '(') {
				depth++;
				i++;
			}
			else if (c == ')') {
				depth--;
				i++;
				if (depth == 0) {
					return i;
				}
			}
			else if (c == '\'' || c == '"' || c == '`') {
				i = skipQuoted(sql, i, length, c);
			}
			else {
				int end = skipComment(sql, i, length);
				i = (end != i) ? end : i + 1;
			}
		}
		return length;
	}

	/**
	 * Skips a quoted literal or identifier, where a doubled closing character stands for
	 * itself.
	 * @param sql the statement
	 * @param open the index of the opening character
	 * @param length the length of the statement
	 * @param close the closing character
	 * @return the index after the closing character, or {@code length} when unterminated
	 */
	static int skipQuoted(String sql, int open, int length, char close) {
		int i = open + 1;
		while (i < length) {
			if (sql.charAt(i) == close) {
				if (i + 1 < length && sql.charAt(i + 1) == close) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return length;
	}

	// Skips white space, comments, opening parentheses and the JDBC escape "{? = call"
	// before the first word.
	private static int skipNoise(String sql, int from, int length) {
		int i = skipSpace(sql, from, length);
		while (i < length) {
			char c = sql.charAt(i);
			if (c == '(' || c == '{' || c == '?' || c == '=') {
				i = skipSpace(sql, i + 1, length);
			}
			else {
				return i;
			}
		}
		return length;
	}

	private static int skipSpace(String sql, int from, int length) {
		int i = from;
		while (i < length) {
			char c = sql.charAt(i);
			if (isBlank(c)) {
				i++;
			}
			else {
				int end = skipComment(sql, i, length);
				if (end == i) {
					return i;
				}
				i = end;
			}
		}
		return length;
	}

	private static int wordEnd(String sql, int from, int length) {
		int i = from;
		while (i < length && i - from <= MAX_OPERATION_LENGTH && isAsciiLetter(sql.charAt(i))) {
			i++;
		}
		return i;
	}

	private static @Nullable String keyword(String sql, int start, int end) {
		int length = end - start;
		for (String operation : OPERATIONS) {
			if (operation.length() == length && sql.regionMatches(true, start, operation, 0, length)) {
				return operation;
			}
		}
		if (length > MAX_OPERATION_LENGTH) {
			return null;
		}
		return sql.substring(start, end).toUpperCase(Locale.ROOT);
	}

	/**
	 * Skips a {@code --} or {@code /*} comment.
	 * @param sql the statement
	 * @param from the index to look at
	 * @param length the length of the statement
	 * @return the index after the comment, or {@code from} when none starts there
	 */
	static int skipComment(String sql, int from, int length) {
		if (from + 1 < length) {
			char c = sql.charAt(from);
			char next = sql.charAt(from + 1);
			if (c == '-' && next == '-') {
				return skipLineComment(sql, from, length);
			}
			if (c == '/' && next == '*') {
				return skipBlockComment(sql, from, length);
			}
		}
		return from;
	}

	/**
	 * Returns the end of the unquoted identifier or keyword starting at {@code from}.
	 * @param sql the statement
	 * @param from the index of its first character
	 * @param length the length of the statement
	 * @return the index after its last character
	 */
	static int identifierEnd(String sql, int from, int length) {
		int end = from;
		while (end < length) {
			char c = sql.charAt(end);
			if ((c < 0x80) ? !ASCII_IDENTIFIER_PART[c] : !isIdentifierPart(c)) {
				break;
			}
			end++;
		}
		return end;
	}

	static int skipLineComment(String sql, int from, int length) {
		int i = from + 2;
		while (i < length && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
			i++;
		}
		return i;
	}

	// PostgreSQL nests block comments; other databases never see "/*" inside one in
	// practice.
	static int skipBlockComment(String sql, int from, int length) {
		int depth = 0;
		int i = from;
		while (i < length) {
			char c = sql.charAt(i);
			if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
				depth++;
				i += 2;
			}
			else if (c == '*' && i + 1 < length && sql.charAt(i + 1) == '/') {
				depth--;
				i += 2;
				if (depth == 0) {
					return i;
				}
			}
			else {
				i++;
			}
		}
		return length;
	}

	static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	static boolean isIdentifierStart(char c) {
		return isAsciiLetter(c) || c == '_' || (c >= 0x80 && !Character.isWhitespace(c) && !isControl(c));
	}

	static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || isDigit(c) || c == '$' || c == '#' || c == '@';
	}

	private static boolean isControl(char c) {
		return c == 0x85 || (c >= 0x2028 && c <= 0x2029) || c == 0xFEFF;
	}

	private static boolean isBlank(char c) {
		return c <= ' ' || (c >= 0x7F && c <= 0xA0) || Character.isWhitespace(c) || isControl(c);
	}

	/**
	 * The lexer state for one statement.
	 */
	private static final class Lexer {

		private static final int IN_NONE = 0;

		private static final int IN_AFTER_KEYWORD = 1;

		private static final int IN_OPEN = 2;

		private static final int IN_PURE = 3;

		private static final int SECRET_NONE = 0;

		// After IDENTIFIED: BY or WITH follows.
		private static final int SECRET_IDENTIFIED = 1;

		// After IDENTIFIED WITH: the plugin name follows.
		private static final int SECRET_PLUGIN = 2;

		// After IDENTIFIED WITH plugin: BY or AS follows.
		private static final int SECRET_PLUGIN_NAMED = 3;

		// The next value is a secret.
		private static final int SECRET_VALUE = 4;

		// After PASSWORD: "=", FOR user, an option or the secret follows.
		private static final int SECRET_PASSWORD = 5;

		// After SET PASSWORD FOR: the user name, then "=".
		private static final int SECRET_PASSWORD_FOR = 6;

		// After a secret: REPLACE introduces the old one.
		private static final int SECRET_AFTER_VALUE = 7;

		// After IDENTIFIED BY RANDOM: PASSWORD follows.
		private static final int SECRET_RANDOM = 8;

		private final String sql;

		private final int length;

		private final int maxLength;

		private final boolean mysqlQuoting;

		// A plain buffer: StringBuilder.append(CharSequence, int, int) copies char by
		// char.
		private char[] out;

		private int size;

		private boolean pendingSpace;

		private int inList = IN_NONE;

		private boolean droppedComma;

		// Where the lexer is in a clause that carries a secret, one of the SECRET_*
		// states.
		private int secret = SECRET_NONE;

		private boolean statementStart = true;

		// Whether PASSWORD introduces a secret in this statement: not in queries.
		private boolean passwordClause;

		private int depth;

		Lexer(String sql, int maxLength, boolean mysqlQuoting) {
			this.sql = sql;
			this.length = sql.length();
			this.maxLength = maxLength;
			this.mysqlQuoting = mysqlQuoting;
			this.out = new char[Math.min(this.length, maxLength) + 8];
		}

		String run() {
			String sql = this.sql;
			int length = this.length;
			int i = 0;
			while (i < length && this.size <= this.maxLength) {
				char c = sql.charAt(i);
				// Words and spaces are most of a statement: keep them out of next().
				if (c < 0x80 && ASCII_IDENTIFIER_START[c]) {
					i = word(i);
				}
				else if (c == ' ') {
					this.pendingSpace = this.size > 0;
					i++;
				}
				else {
					i = next(i);
				}
			}
			return finish(i < this.length);
		}

		private String finish(boolean cut) {
			if (!cut && this.size <= this.maxLength) {
				return new String(this.out, 0, this.size);
			}
			if (this.maxLength <= TRUNCATION_MARKER.length()) {
				return TRUNCATION_MARKER.substring(0, this.maxLength);
			}
			int end = Math.min(this.size, this.maxLength - TRUNCATION_MARKER.length());
			if (end > 0 && Character.isHighSurrogate(this.out[end - 1])) {
				end--;
			}
			this.size = end;
			append(TRUNCATION_MARKER, 0, TRUNCATION_MARKER.length());
			return new String(this.out, 0, this.size);
		}

		private void append(char c) {
			if (this.size == this.out.length) {
				this.out = Arrays.copyOf(this.out, this.out.length * 2);
			}
			this.out[this.size++] = c;
		}

		private void append(String text, int start, int end) {
			int needed = this.size + end - start;
			if (needed > this.out.length) {
				this.out = Arrays.copyOf(this.out, Math.max(needed, this.out.length * 2));
			}
			text.getChars(start, end, this.out, this.size);
			this.size = needed;
		}

		private int next(int i) {
			String sql = this.sql;
			char c = sql.charAt(i);
			if (isBlank(c)) {
				this.pendingSpace = this.size > 0;
				return i + 1;
			}
			if (c == '-' && i + 1 < this.length && sql.charAt(i + 1) == '-') {
				this.pendingSpace = this.size > 0;
				return skipLineComment(sql, i, this.length);
			}
			if (c == '/' && i + 1 < this.length && sql.charAt(i + 1) == '*') {
				this.pendingSpace = this.size > 0;
				return skipBlockComment(sql, i, this.length);
			}
			if (c == '#' && this.mysqlQuoting) {
				this.pendingSpace = this.size > 0;
				return skipLineComment(sql, i - 1, this.length);
			}
			if (this.secret != SECRET_NONE) {
				int masked = secretToken(i, c);
				if (masked >= 0) {
					return masked;
				}
			}
			if (c == ';') {
				this.statementStart = true;
				this.passwordClause = false;
				this.depth = 0;
			}
			else if (c == '(') {
				this.depth++;
			}
			else if (c == ')' && this.depth > 0) {
				this.depth--;
			}
			if (c == '\'') {
				return literal(string(i + 1, this.mysqlQuoting, '\''));
			}
			if (c == '"') {
				return this.mysqlQuoting ? literal(string(i + 1, true, '"')) : token(i, quotedName(i + 1, '"'));
			}
			if (c == '`') {
				return token(i, quotedName(i + 1, '`'));
			}
			if (c == '$') {
				return dollar(i);
			}
			if (isDigit(c) || (c == '.' && i + 1 < this.length && isDigit(sql.charAt(i + 1)))) {
				return literal(number(i));
			}
			if (c == '?') {
				return placeholder(i, i + 1);
			}
			if (c == ':' && i + 1 < this.length && isIdentifierStart(sql.charAt(i + 1))
					&& (i == 0 || sql.charAt(i - 1) != ':')) {
				return placeholder(i, identifierEnd(this.sql, i + 1, this.length));
			}
			if (isIdentifierStart(c)) {
				return word(i);
			}
			if (c == '(') {
				return open(i);
			}
			if (c == ')' && this.inList == IN_PURE) {
				this.inList = IN_NONE;
				this.droppedComma = false;
				this.pendingSpace = false;
				append(')');
				return i + 1;
			}
			if (c == ',' && this.inList == IN_PURE) {
				this.droppedComma = true;
				return i + 1;
			}
			return token(i, i + 1);
		}

		private int word(int start) {
			int end = identifierEnd(this.sql, start, this.length);
			int wordLength = end - start;
			if (end < this.length && this.sql.charAt(end) == '\'' && isStringPrefix(start, wordLength)) {
				boolean escapes = this.mysqlQuoting || (wordLength == 1 && (this.sql.charAt(start) | 0x20) == 'e');
				return literal(string(end + 1, escapes, '\''));
			}
			if (wordLength == 1 && end + 1 < this.length && this.sql.charAt(end) == '&'
					&& (this.sql.charAt(start) | 0x20) == 'u' && this.sql.charAt(end + 1) == '\'') {
				return literal(string(end + 2, false, '\''));
			}
			if (this.secret != SECRET_NONE || this.statementStart || wordLength == 8 || wordLength == 10) {
				int masked = secretWord(start, end, wordLength);
				if (masked >= 0) {
					return masked;
				}
			}
			if ((wordLength == 4 && this.sql.regionMatches(true, start, "TRUE", 0, 4))
					|| (wordLength == 5 && this.sql.regionMatches(true, start, "FALSE", 0, 5))) {
				return literal(end);
			}
			int next = token(start, end);
			if (wordLength == 2 && this.sql.regionMatches(true, start, "IN", 0, 2)) {
				this.inList = IN_AFTER_KEYWORD;
			}
			return next;
		}

		// Follows the clauses that carry a secret; returns the index after a masked
		// word, or -1 when the word is recorded as usual.
		private int secretWord(int start, int end, int wordLength) {
			if (this.statementStart) {
				this.statementStart = false;
				this.passwordClause = !isAny(start, wordLength, QUERY_WORDS) && !createsSchemaObject(end);
			}
			switch (this.secret) {
				case SECRET_IDENTIFIED -> {
					this.secret = is(start, wordLength, "BY") ? SECRET_VALUE
							: is(start, wordLength, "WITH") ? SECRET_PLUGIN : SECRET_NONE;
					return -1;
				}
				case SECRET_PLUGIN -> {
					this.secret = SECRET_PLUGIN_NAMED;
					return -1;
				}
				case SECRET_PLUGIN_NAMED -> {
					this.secret = (is(start, wordLength, "BY") || is(start, wordLength, "AS")) ? SECRET_VALUE
							: SECRET_NONE;
					return -1;
				}
				case SECRET_VALUE -> {
					// IDENTIFIED BY VALUES 'hash' (Oracle) and BY PASSWORD 'hash' (MySQL
					// 5)
					// name a hash that follows; BY RANDOM PASSWORD names none.
					if ((is(start, wordLength, "VALUES") || is(start, wordLength, "PASSWORD")) && nextIsQuote(end)) {
						return -1;
					}
					if (is(start, wordLength, "RANDOM") && nextWordIs(end, "PASSWORD")) {
						this.secret = SECRET_RANDOM;
						return -1;
					}
					return secretValue(end);
				}
				case SECRET_PASSWORD -> {
					if (is(start, wordLength, "FOR")) {
						this.secret = SECRET_PASSWORD_FOR;
						return -1;
					}
					if (isAny(start, wordLength, PASSWORD_OPTIONS)) {
						this.secret = SECRET_NONE;
						return -1;
					}
					return secretValue(end);
				}
				case SECRET_PASSWORD_FOR -> {
					return -1;
				}
				case SECRET_RANDOM -> {
					this.secret = SECRET_AFTER_VALUE;
					return -1;
				}
				case SECRET_AFTER_VALUE -> {
					if (is(start, wordLength, "REPLACE")) {
						this.secret = SECRET_VALUE;
						return -1;
					}
					this.secret = SECRET_NONE;
				}
				default -> {
				}
			}
			if (wordLength == 10 && this.sql.regionMatches(true, start, "IDENTIFIED", 0, 10)) {
				this.secret = SECRET_IDENTIFIED;
			}
			else if (wordLength == 8 && this.passwordClause && this.depth == 0
					&& this.sql.regionMatches(true, start, "PASSWORD", 0, 8)) {
				this.secret = SECRET_PASSWORD;
			}
			return -1;
		}

		private int secretValue(int end) {
			this.secret = SECRET_NONE;
			literal(end);
			this.secret = SECRET_AFTER_VALUE;
			return end;
		}

		// A token other than an unquoted word while a secret may follow; returns the
		// index after a masked quoted identifier, or -1 when the token is lexed as usual.
		private int secretToken(int i, char c) {
			int state = this.secret;
			if (state == SECRET_VALUE || state == SECRET_PASSWORD) {
				if ((c == '"' && !this.mysqlQuoting) || c == '`' || c == '[') {
					return secretValue(quotedName(i + 1, (c == '[') ? ']' : c));
				}
				if (c == '=' && state == SECRET_PASSWORD) {
					return -1;
				}
				// Literals and bind markers end the clause through literal() and
				// placeholder(); words through word().
				if (c == '\'' || c == '"' || c == '$' || c == '?' || c == ':' || c == '.' || isDigit(c)
						|| isIdentifierStart(c)) {
					return -1;
				}
			}
			else if (state == SECRET_PASSWORD_FOR) {
				if (c == '=') {
					this.secret = SECRET_VALUE;
				}
				else if (c == ';') {
					this.secret = SECRET_NONE;
				}
				return -1;
			}
			else if (isIdentifierStart(c)) {
				return -1;
			}
			this.secret = SECRET_NONE;
			return -1;
		}

		// A literal or bind marker took the place of a secret.
		private void valueSeen() {
			int state = this.secret;
			if (state == SECRET_VALUE || state == SECRET_PASSWORD) {
				this.secret = SECRET_AFTER_VALUE;
			}
			else if (state != SECRET_PASSWORD_FOR) {
				this.secret = SECRET_NONE;
			}
		}

		// CREATE or ALTER of a table, view or routine, where PASSWORD is a column.
		private boolean createsSchemaObject(int from) {
			int i = from;
			for (int words = 0; words < 4; words++) {
				i = skipSpace(this.sql, i, this.length);
				int end = identifierEnd(this.sql, i, this.length);
				if (end == i) {
					return false;
				}
				if (isAny(i, end - i, SCHEMA_OBJECTS)) {
					return true;
				}
				i = end;
			}
			return false;
		}

		// A quoted hash follows, or the ? it was sanitized to.
		private boolean nextIsQuote(int from) {
			int i = skipSpace(this.sql, from, this.length);
			if (i >= this.length) {
				return false;
			}
			char c = this.sql.charAt(i);
			return c == '\'' || c == '"' || c == '?';
		}

		private boolean nextWordIs(int from, String word) {
			int i = skipSpace(this.sql, from, this.length);
			int end = identifierEnd(this.sql, i, this.length);
			return is(i, end - i, word);
		}

		private boolean is(int start, int wordLength, String word) {
			return wordLength == word.length() && this.sql.regionMatches(true, start, word, 0, wordLength);
		}

		private boolean isAny(int start, int wordLength, String[] words) {
			for (String word : words) {
				if (is(start, wordLength, word)) {
					return true;
				}
			}
			return false;
		}

		private boolean isStringPrefix(int start, int wordLength) {
			if (wordLength != 1) {
				return wordLength > 1 && this.sql.charAt(start) == '_' && this.mysqlQuoting;
			}
			char c = (char) (this.sql.charAt(start) | 0x20);
			return c == 'e' || c == 'n' || c == 'x' || c == 'b';
		}

		private int open(int i) {
			if (this.inList == IN_AFTER_KEYWORD) {
				emit('(');
				this.inList = IN_OPEN;
				return i + 1;
			}
			return token(i, i + 1);
		}

		private int quotedName(int from, char close) {
			int i = from;
			while (i < this.length) {
				if (this.sql.charAt(i) == close) {
					if (i + 1 < this.length && this.sql.charAt(i + 1) == close) {
						i += 2;
						continue;
					}
					return i + 1;
				}
				i++;
			}
			return this.length;
		}

		private int string(int from, boolean backslashEscapes, char quote) {
			int i = from;
			while (i < this.length) {
				char c = this.sql.charAt(i);
				if (c == '\\' && backslashEscapes) {
					i += 2;
				}
				else if (c == quote) {
					if (i + 1 < this.length && this.sql.charAt(i + 1) == quote) {
						i += 2;
					}
					else {
						return i + 1;
					}
				}
				else {
					i++;
				}
			}
			return this.length;
		}

		private int number(int start) {
			String sql = this.sql;
			int i = start;
			if (sql.charAt(i) == '0' && i + 1 < this.length && (sql.charAt(i + 1) | 0x20) == 'x') {
				i += 2;
				while (i < this.length && Character.digit(sql.charAt(i), 16) >= 0) {
					i++;
				}
				return i;
			}
			while (i < this.length && (isDigit(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) == '_')) {
				i++;
			}
			if (i < this.length && (sql.charAt(i) | 0x20) == 'e') {
				int j = i + 1;
				if (j < this.length && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
					j++;
				}
				if (j < this.length && isDigit(sql.charAt(j))) {
					i = j;
					while (i < this.length && isDigit(sql.charAt(i))) {
						i++;
					}
				}
			}
			// Digits glued to letters ("1abc") stay one unit, and the whole unit is
			// hidden.
			return identifierEnd(sql, i, this.length);
		}

		private int dollar(int start) {
			String sql = this.sql;
			int i = start + 1;
			if (i < this.length && isDigit(sql.charAt(i))) {
				int end = i;
				while (end < this.length && isDigit(sql.charAt(end))) {
					end++;
				}
				return placeholder(start, end);
			}
			while (i < this.length && isIdentifierPart(sql.charAt(i)) && sql.charAt(i) != '$') {
				i++;
			}
			if (i < this.length && sql.charAt(i) == '$') {
				int tagLength = i + 1 - start;
				int close = sql.indexOf(sql.substring(start, i + 1), i + 1);
				return literal((close < 0) ? this.length : close + tagLength);
			}
			return token(start, start + 1);
		}

		private int placeholder(int start, int end) {
			if (this.secret != SECRET_NONE) {
				valueSeen();
			}
			if (this.inList == IN_PURE) {
				this.droppedComma = false;
				return end;
			}
			boolean opened = this.inList == IN_OPEN;
			if (opened) {
				this.pendingSpace = false;
			}
			int next = token(start, end);
			if (opened) {
				this.inList = IN_PURE;
			}
			return next;
		}

		private int literal(int end) {
			if (this.secret != SECRET_NONE) {
				valueSeen();
			}
			if (this.inList == IN_PURE) {
				this.droppedComma = false;
				return end;
			}
			boolean opened = this.inList == IN_OPEN;
			if (opened) {
				this.pendingSpace = false;
			}
			emit('?');
			this.inList = opened ? IN_PURE : IN_NONE;
			return end;
		}

		private int token(int start, int end) {
			if (this.inList == IN_PURE && this.droppedComma) {
				append(',');
				this.pendingSpace = true;
			}
			this.droppedComma = false;
			this.inList = IN_NONE;
			if (this.pendingSpace) {
				append(' ');
				this.pendingSpace = false;
			}
			int capped = Math.min(end, start + this.maxLength + 1 - Math.min(this.size, this.maxLength));
			append(this.sql, start, Math.max(capped, start + 1));
			return end;
		}

		private void emit(char c) {
			if (this.inList == IN_PURE && this.droppedComma) {
				append(',');
				this.pendingSpace = true;
			}
			this.droppedComma = false;
			if (this.pendingSpace) {
				append(' ');
				this.pendingSpace = false;
			}
			append(c);
		}

	}

}
