package io.github.xrayspring.trace.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.xrayspring.trace.internal.JsonNode.JsonException;
import io.github.xrayspring.trace.internal.JsonNode.Type;
import org.jspecify.annotations.Nullable;

/**
 * A strict JSON (RFC 8259) reader whose errors name the line and column.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class JsonReader {

	private static final int MAX_DEPTH = 64;

	private final String text;

	private final boolean lastKeyWins;

	private int index;

	private JsonReader(String text, boolean lastKeyWins) {
		this.text = text;
		this.lastKeyWins = lastKeyWins;
	}

	/**
	 * Reads one JSON value that makes up the whole text: no comments, no trailing commas,
	 * no duplicate keys, no unpaired surrogates, at most 64 levels of nesting.
	 * @param text the JSON text
	 * @return the value
	 * @throws JsonException if the text is not one such JSON value
	 */
	public static JsonNode read(String text) {
		return new JsonReader(text, false).readDocument();
	}

	/**
	 * Reads one JSON value as strictly as {@link #read(String)}, but lets a repeated key
	 * keep its last value, as Go's {@code encoding/json} does, and returns plain Java
	 * values (see {@link JsonNode#toValue()}).
	 * @param text the JSON text
	 * @return the value; {@code null} for the JSON literal {@code null}
	 * @throws JsonException if the text is not one JSON value
	 */
	public static @Nullable Object readValue(String text) {
		return new JsonReader(text, true).readDocument().toValue();
	}

	/**
	 * Returns a position in a text as {@code line L, column C}, both counted from 1.
	 * @param text the text
	 * @param offset the position as an index into the text
	 * @return the position
	 */
	static String position(String text, int offset) {
		int line = 1;
		int lineStart = 0;
		for (int i = 0; i < offset; i++) {
			if (text.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return "line " + line + ", column " + (offset - lineStart + 1);
	}

	private JsonNode readDocument() {
		skipWhitespace();
		JsonNode root = readValue(null, null, 0, -1, 0);
		skipWhitespace();
		if (this.index < this.text.length()) {
			throw error("unexpected content after the JSON value");
		}
		return root;
	}

	private JsonNode readValue(@Nullable JsonNode parent, @Nullable String key, int elementIndex, int keyOffset,
			int depth) {
		if (depth > MAX_DEPTH) {
			throw error("nesting deeper than " + MAX_DEPTH);
		}
		if (this.index >= this.text.length()) {
			throw error("unexpected end of input");
		}
		int start = this.index;
		char c = this.text.charAt(start);
		Type type;
		@Nullable Object value;
		if (c == '{') {
			Map<String, JsonNode> fields = new LinkedHashMap<>();
			JsonNode node = new JsonNode(Type.OBJECT, Collections.unmodifiableMap(fields), this.text, start, parent,
					key, elementIndex, keyOffset);
			readMembers(node, fields, depth);
			return node;
		}
		if (c == '[') {
			List<JsonNode> elements = new ArrayList<>();
			JsonNode node = new JsonNode(Type.ARRAY, Collections.unmodifiableList(elements), this.text, start, parent,
					key, elementIndex, keyOffset);
			readElements(node, elements, depth);
			return node;
		}
		if (c == '"') {
			type = Type.STRING;
			value = readString();
		}
		else if (c == '-' || (c >= '0' && c <= '9')) {
			type = Type.NUMBER;
			value = readNumber();
		}
		else if (readLiteral("true")) {
			type = Type.BOOLEAN;
			value = Boolean.TRUE;
		}
		else if (readLiteral("false")) {
			type = Type.BOOLEAN;
			value = Boolean.FALSE;
		}
		else if (readLiteral("null")) {
			type = Type.NULL;
			value = null;
		}
		else {
			throw error("unexpected character '" + c + "'");
		}
		return new JsonNode(type, value, this.text, start, parent, key, elementIndex, keyOffset);
	}

	private void readMembers(JsonNode object, Map<String, JsonNode> fields, int depth) {
		if (isEmptyContainer('}')) {
			return;
		}
		do {
			if (peek() != '"') {
				throw error("expected a quoted key");
			}
			int keyOffset = this.index;
			String key = readString();
			if (!this.lastKeyWins && fields.containsKey(key)) {
				throw new JsonException("duplicate key '" + key + "' in " + object.path() + " ("
						+ position(this.text, keyOffset) + ")");
			}
			skipWhitespace();
			expect(':');
			skipWhitespace();
			fields.put(key, readValue(object, key, 0, keyOffset, depth + 1));
		}
		while (hasMoreInContainer('}'));
	}

	private void readElements(JsonNode array, List<JsonNode> elements, int depth) {
		if (isEmptyContainer(']')) {
			return;
		}
		do {
			elements.add(readValue(array, null, elements.size(), -1, depth + 1));
		}
		while (hasMoreInContainer(']'));
	}

	/**
	 * Steps over the opening bracket and the white space after it, and over the closing
	 * bracket if it follows at once.
	 * @param end the closing bracket
	 * @return whether the container is empty
	 */
	private boolean isEmptyContainer(char end) {
		this.index++;
		skipWhitespace();
		if (peek() == end) {
			this.index++;
			return true;
		}
		return false;
	}

	/**
	 * Steps over the white space after a member or element and then over the comma and
	 * the white space after it, or over the closing bracket.
	 * @param end the closing bracket
	 * @return whether another member or element follows
	 */
	private boolean hasMoreInContainer(char end) {
		skipWhitespace();
		char next = peek();
		if (next == end) {
			this.index++;
			return false;
		}
		if (next != ',') {
			throw error("expected ',' or '" + end + "'");
		}
		this.index++;
		skipWhitespace();
		return true;
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
				readEscape(value);
			}
			else if (Character.isSurrogate(c)) {
				readSurrogatePair(value);
			}
			else {
				value.append(c);
				this.index++;
			}
		}
	}

	private void readSurrogatePair(StringBuilder value) {
		char high = this.text.charAt(this.index);
		char low = (this.index + 1 < this.text.length()) ? this.text.charAt(this.index + 1) : '\0';
		if (!Character.isSurrogatePair(high, low)) {
			throw error("unpaired surrogate in string");
		}
		value.append(high).append(low);
		this.index += 2;
	}

	private void readEscape(StringBuilder value) {
		int start = this.index;
		this.index++;
		if (this.index >= this.text.length()) {
			throw error("unterminated string");
		}
		char c = this.text.charAt(this.index);
		this.index++;
		switch (c) {
			case '"', '\\', '/' -> value.append(c);
			case 'b' -> value.append('\b');
			case 'f' -> value.append('\f');
			case 'n' -> value.append('\n');
			case 'r' -> value.append('\r');
			case 't' -> value.append('\t');
			case 'u' -> readUnicodeEscape(value, start);
			default -> {
				this.index--;
				throw error("invalid escape '\\" + c + "'");
			}
		}
	}

	private void readUnicodeEscape(StringBuilder value, int start) {
		char unit = readHexDigits();
		if (Character.isHighSurrogate(unit) && this.text.startsWith("\\u", this.index)) {
			this.index += 2;
			char low = readHexDigits();
			if (Character.isLowSurrogate(low)) {
				value.append(unit).append(low);
				return;
			}
		}
		if (Character.isSurrogate(unit)) {
			this.index = start;
			throw error("unpaired surrogate in unicode escape");
		}
		value.append(unit);
	}

	private char readHexDigits() {
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

	private String readNumber() {
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
		return this.text.substring(start, this.index);
	}

	private boolean digits() {
		int start = this.index;
		while (this.index < this.text.length() && this.text.charAt(this.index) >= '0'
				&& this.text.charAt(this.index) <= '9') {
			this.index++;
		}
		return this.index > start;
	}

	private boolean readLiteral(String word) {
		if (!this.text.startsWith(word, this.index)) {
			return false;
		}
		this.index += word.length();
		return true;
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
		while (this.index < this.text.length() && " \t\n\r".indexOf(this.text.charAt(this.index)) >= 0) {
			this.index++;
		}
	}

	private JsonException error(String problem) {
		return new JsonException(problem + " (" + position(this.text, this.index) + ")");
	}

}
