package io.github.xrayspring.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A strict reader for the JSON held in {@code aws.xray.metadata.<namespace>} attributes:
 * objects become maps (a repeated key keeps its last value, as in Go), arrays lists,
 * whole numbers that fit {@code long} longs and other numbers doubles.
 *
 * @author xray-spring-boot-starter team
 */
final class JsonReader {

	private static final int MAX_DEPTH = 64;

	private final String text;

	private int position;

	private JsonReader(String text) {
		this.text = text;
	}

	/**
	 * Reads one JSON value that makes up the whole text.
	 * @param text the JSON text
	 * @return the value; {@code null} for the JSON literal {@code null}
	 * @throws IllegalArgumentException if the text is not one JSON value
	 */
	static @Nullable Object read(String text) {
		JsonReader reader = new JsonReader(text);
		Object value = reader.value(0);
		reader.skipWhitespace();
		if (reader.position != text.length()) {
			throw reader.error();
		}
		return value;
	}

	private @Nullable Object value(int depth) {
		if (depth > MAX_DEPTH) {
			throw error();
		}
		skipWhitespace();
		char c = peek();
		return switch (c) {
			case '{' -> object(depth);
			case '[' -> array(depth);
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, @Nullable Object> object(int depth) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		this.position++;
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return map;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw error();
			}
			String key = string();
			skipWhitespace();
			expect(':');
			map.put(key, value(depth + 1));
			skipWhitespace();
			if (peek() == '}') {
				this.position++;
				return map;
			}
			expect(',');
		}
	}

	private List<@Nullable Object> array(int depth) {
		List<@Nullable Object> list = new ArrayList<>();
		this.position++;
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return list;
		}
		while (true) {
			list.add(value(depth + 1));
			skipWhitespace();
			if (peek() == ']') {
				this.position++;
				return list;
			}
			expect(',');
		}
	}

	private String string() {
		this.position++;
		StringBuilder string = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return string.toString();
			}
			if (c < 0x20) {
				throw error();
			}
			if (c != '\\') {
				string.append(c);
				continue;
			}
			char escaped = next();
			switch (escaped) {
				case '"', '\\', '/' -> string.append(escaped);
				case 'b' -> string.append('\b');
				case 'f' -> string.append('\f');
				case 'n' -> string.append('\n');
				case 'r' -> string.append('\r');
				case 't' -> string.append('\t');
				case 'u' -> string.append(unicodeEscape());
				default -> throw error();
			}
		}
	}

	private char unicodeEscape() {
		int code = 0;
		for (int i = 0; i < 4; i++) {
			int digit = Character.digit(next(), 16);
			if (digit < 0) {
				throw error();
			}
			code = code * 16 + digit;
		}
		return (char) code;
	}

	private @Nullable Object literal(String literal, @Nullable Object value) {
		if (!this.text.startsWith(literal, this.position)) {
			throw error();
		}
		this.position += literal.length();
		return value;
	}

	private Object number() {
		int start = this.position;
		boolean integral = true;
		if (this.position < this.text.length() && this.text.charAt(this.position) == '-') {
			this.position++;
		}
		int integerStart = this.position;
		skipDigits();
		int integerDigits = this.position - integerStart;
		if (integerDigits == 0 || (integerDigits > 1 && this.text.charAt(integerStart) == '0')) {
			throw error();
		}
		if (this.position < this.text.length() && this.text.charAt(this.position) == '.') {
			integral = false;
			this.position++;
			requireDigits();
		}
		if (this.position < this.text.length() && (this.text.charAt(this.position) | 0x20) == 'e') {
			integral = false;
			this.position++;
			if (this.position < this.text.length() && "+-".indexOf(this.text.charAt(this.position)) >= 0) {
				this.position++;
			}
			requireDigits();
		}
		String number = this.text.substring(start, this.position);
		if (integral) {
			try {
				return Long.parseLong(number);
			}
			catch (NumberFormatException ex) {
				// too large for a long: Go reads every JSON number as a float64 anyway
			}
		}
		return Double.parseDouble(number);
	}

	private void requireDigits() {
		int start = this.position;
		skipDigits();
		if (this.position == start) {
			throw error();
		}
	}

	private void skipDigits() {
		while (this.position < this.text.length() && this.text.charAt(this.position) >= '0'
				&& this.text.charAt(this.position) <= '9') {
			this.position++;
		}
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && " \t\n\r".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
	}

	private void expect(char expected) {
		if (next() != expected) {
			throw error();
		}
	}

	private char peek() {
		if (this.position >= this.text.length()) {
			throw error();
		}
		return this.text.charAt(this.position);
	}

	private char next() {
		char c = peek();
		this.position++;
		return c;
	}

	private IllegalArgumentException error() {
		return new IllegalArgumentException("Invalid JSON at position " + this.position);
	}

}
