package io.github.xrayspring.jdbc.internal;

/**
 * A cursor over the tokens of a statement that the statement scanners care about, with
 * comments skipped: string literals, quoted identifiers, plain words and single other
 * characters. It allocates nothing; {@link #text()} copies a token on demand.
 *
 * @author xray-spring-boot-starter team
 */
final class SqlTokens {

	/**
	 * What a token is.
	 */
	enum Kind {

		/**
		 * A string literal in single quotes.
		 */
		STRING,

		/**
		 * An identifier in double quotes, backticks or brackets.
		 */
		QUOTED_IDENTIFIER,

		/**
		 * A word: an identifier or a keyword.
		 */
		WORD,

		/**
		 * Any other single character.
		 */
		OTHER

	}

	private final String sql;

	private final int length;

	private int position;

	private Kind kind = Kind.OTHER;

	private int start;

	private int end;

	SqlTokens(String sql) {
		this.sql = sql;
		this.length = sql.length();
	}

	/**
	 * Moves to the next token.
	 * @return whether there is one
	 */
	boolean next() {
		int i = this.position;
		int afterComment;
		while (i < this.length && (afterComment = SqlSanitizer.skipComment(this.sql, i, this.length)) != i) {
			i = afterComment;
		}
		if (i >= this.length) {
			this.position = i;
			return false;
		}
		char c = this.sql.charAt(i);
		this.start = i;
		if (c == '\'') {
			this.kind = Kind.STRING;
			this.end = SqlSanitizer.skipQuoted(this.sql, i, this.length, '\'');
		}
		else if (c == '"' || c == '`' || c == '[') {
			this.kind = Kind.QUOTED_IDENTIFIER;
			this.end = SqlSanitizer.skipQuoted(this.sql, i, this.length, (c == '[') ? ']' : c);
		}
		else if (SqlSanitizer.isIdentifierStart(c)) {
			this.kind = Kind.WORD;
			this.end = SqlSanitizer.identifierEnd(this.sql, i, this.length);
		}
		else {
			this.kind = Kind.OTHER;
			this.end = i + 1;
		}
		this.position = this.end;
		return true;
	}

	Kind kind() {
		return this.kind;
	}

	int start() {
		return this.start;
	}

	int end() {
		return this.end;
	}

	/**
	 * Returns the first character of the token.
	 * @return the character
	 */
	char first() {
		return this.sql.charAt(this.start);
	}

	/**
	 * Returns the token's text: a quoted identifier without its quotes.
	 * @return the text
	 */
	String text() {
		return (this.kind == Kind.QUOTED_IDENTIFIER)
				? this.sql.substring(this.start + 1, Math.max(this.start + 1, this.end - 1))
				: this.sql.substring(this.start, this.end);
	}

}
