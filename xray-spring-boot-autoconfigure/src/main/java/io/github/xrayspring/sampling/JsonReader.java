package io.github.xrayspring.sampling;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.xrayspring.sampling.JsonNode.JsonException;
import io.github.xrayspring.sampling.JsonNode.Type;
import org.jspecify.annotations.Nullable;

/**
 * A strict JSON (RFC 8259) reader: no comments, no trailing commas, no duplicate keys.
 * Errors name the line and column, so that a broken rules file can be fixed from the
 * message alone.
 *
 * @author xray-spring-boot-starter team
 */
final class JsonReader {

	private static final int MAX_DEPTH = 64;

	private final String text;

	private int index;

	private int line = 1;

	private int lineStart;

	private JsonReader(String text) {
		this.text = text;
	}

	static JsonNode read(String text) {
		JsonReader reader = new JsonReader(text);
		reader.skipWhitespace();
		JsonNode root = reader.readValue("$", "", 0);
		reader.skipWhitespace();
		if (reader.index < text.length()) {
			throw reader.error("unexpected content after the JSON value");
		}
		return root;
	}

	private JsonNode readValue(String path, String keyPosition, int depth) {
		if (depth > MAX_DEPTH) {
			throw error("nesting deeper than " + MAX_DEPTH);
		}
		if (this.index >= this.text.length()) {
			throw error("unexpected end of input");
		}
		int line = this.line;
		int column = column();
		char c = this.text.charAt(this.index);
		return switch (c) {
			case '{' -> readObject(path, keyPosition, depth, line, column);
			case '[' -> readArray(path, keyPosition, depth, line, column);
			case '"' -> new JsonNode(Type.STRING, readString(), path, line, column, keyPosition);
			case 't' -> literal("true", Type.BOOLEAN, Boolean.TRUE, path, keyPosition, line, column);
			case 'f' -> literal("false", Type.BOOLEAN, Boolean.FALSE, path, keyPosition, line, column);
			case 'n' -> literal("null", Type.NULL, null, path, keyPosition, line, column);
			default -> {
				if (c == '-' || (c >= '0' && c <= '9')) {
					yield new JsonNode(Type.NUMBER, readNumber(), path, line, column, keyPosition);
				}
				throw error("unexpected character '" + c + "'");
			}
		};
	}

	private JsonNode readObject(String path, String keyPosition, int depth, int line, int column) {
		this.index++;
		Map<String, JsonNode> fields = new LinkedHashMap<>();
		skipWhitespace();
		if (peek() == '}') {
			this.index++;
			return new JsonNode(Type.OBJECT, fields, path, line, column, keyPosition);
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw error("expected a quoted key");
			}
			int keyLine = this.line;
			int keyColumn = column();
			String key = readString();
			String position = "line " + keyLine + ", column " + keyColumn;
			if (fields.containsKey(key)) {
				throw new JsonException("duplicate key '" + key + "' in " + path + " (" + position + ")");
			}
			skipWhitespace();
			expect(':');
			skipWhitespace();
			fields.put(key, readValue(path + "." + key, position, depth + 1));
			skipWhitespace();
			char next = peek();
			this.index++;
			if (next == '}') {
				return new JsonNode(Type.OBJECT, fields, path, line, column, keyPosition);
			}
			if (next != ',') {
				this.index--;
				throw error("expected ',' or '}'");
			}
		}
	}

	private JsonNode readArray(String path, String keyPosition, int depth, int line, int column) {
		this.index++;
		List<JsonNode> elements = new ArrayList<>();
		skipWhitespace();
		if (peek() == ']') {
			this.index++;
			return new JsonNode(Type.ARRAY, elements, path, line, column, keyPosition);
		}
		while (true) {
			skipWhitespace();
			elements.add(readValue(path + "[" + elements.size() + "]", "", depth + 1));
			skipWhitespace();
			char next = peek();
			this.index++;
			if (next == ']') {
				return new JsonNode(Type.ARRAY, elements, path, line, column, keyPosition);
			}
			if (next != ',') {
				this.index--;
				throw error("expected ',' or ']'");
			}
		}
	}

	private String readString() {
		this.index++;
		StringBuilder value = new StringBuilder();
		while (true) {
			if (this.index >= this.text.length()) {
				throw error("unterminated string");
			}
			char c = this.text.charAt(this.index);
			if (c == '"') {
				this.index++;
				return value.toString();
			}
			if (c < 0x20) {
				throw error("control character in string");
			}
			if (c == '\\') {
				this.index++;
				value.append(readEscape());
			}
			else {
				value.append(c);
				this.index++;
			}
		}
	}

	private char readEscape() {
		char c = peek();
		this.index++;
		return switch (c) {
			case '"' -> '"';
			case '\\' -> '\\';
			case '/' -> '/';
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			case 'u' -> readUnicodeEscape();
			default -> {
				this.index--;
				throw error("invalid escape '\\" + c + "'");
			}
		};
	}

	private char readUnicodeEscape() {
		if (this.index + 4 > this.text.length()) {
			throw error("invalid unicode escape");
		}
		int code = 0;
		for (int i = 0; i < 4; i++) {
			int digit = Character.digit(this.text.charAt(this.index), 16);
			if (digit < 0) {
				throw error("invalid unicode escape");
			}
			code = (code << 4) | digit;
			this.index++;
		}
		return (char) code;
	}

	private BigDecimal readNumber() {
		int start = this.index;
		if (peek() == '-') {
			this.index++;
		}
		if (peek() == '0') {
			this.index++;
		}
		else if (!digits()) {
			throw error("invalid number");
		}
		if (peek() == '.') {
			this.index++;
			if (!digits()) {
				throw error("invalid number");
			}
		}
		if (peek() == 'e' || peek() == 'E') {
			this.index++;
			if (peek() == '+' || peek() == '-') {
				this.index++;
			}
			if (!digits()) {
				throw error("invalid number");
			}
		}
		return new BigDecimal(this.text.substring(start, this.index));
	}

	private boolean digits() {
		int start = this.index;
		while (this.index < this.text.length() && this.text.charAt(this.index) >= '0'
				&& this.text.charAt(this.index) <= '9') {
			this.index++;
		}
		return this.index > start;
	}

	private JsonNode literal(String word, Type type, @Nullable Object value, String path, String keyPosition, int line,
			int column) {
		if (!this.text.startsWith(word, this.index)) {
			throw error("unexpected character '" + this.text.charAt(this.index) + "'");
		}
		this.index += word.length();
		return new JsonNode(type, value, path, line, column, keyPosition);
	}

	private void expect(char c) {
		if (peek() != c) {
			throw error("expected '" + c + "'");
		}
		this.index++;
	}

	private char peek() {
		return (this.index < this.text.length()) ? this.text.charAt(this.index) : '\0';
	}

	private void skipWhitespace() {
		while (this.index < this.text.length()) {
			char c = this.text.charAt(this.index);
			if (c == '\n') {
				this.line++;
				this.lineStart = this.index + 1;
			}
			else if (c != ' ' && c != '\t' && c != '\r') {
				return;
			}
			this.index++;
		}
	}

	private int column() {
		return this.index - this.lineStart + 1;
	}

	private JsonException error(String problem) {
		return new JsonException(problem + " (line " + this.line + ", column " + column() + ")");
	}

}
