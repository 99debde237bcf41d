package io.github.xrayspring.sampling;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A value read by {@link JsonReader}, with the path and position it was read at so that
 * errors can name them.
 *
 * @author xray-spring-boot-starter team
 */
final class JsonNode {

	enum Type {

		OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL

	}

	private final Type type;

	private final @Nullable Object value;

	private final String path;

	private final int line;

	private final int column;

	private final String keyPosition;

	JsonNode(Type type, @Nullable Object value, String path, int line, int column, String keyPosition) {
		this.type = type;
		this.value = value;
		this.path = path;
		this.line = line;
		this.column = column;
		this.keyPosition = keyPosition;
	}

	Type type() {
		return this.type;
	}

	String path() {
		return this.path;
	}

	String position() {
		return "line " + this.line + ", column " + this.column;
	}

	boolean isNull() {
		return this.type == Type.NULL;
	}

	@SuppressWarnings("unchecked")
	Map<String, JsonNode> fields() {
		require(Type.OBJECT, "an object");
		return Collections.unmodifiableMap((LinkedHashMap<String, JsonNode>) this.value);
	}

	@SuppressWarnings("unchecked")
	List<JsonNode> elements() {
		require(Type.ARRAY, "an array");
		return Collections.unmodifiableList((List<JsonNode>) this.value);
	}

	String text() {
		require(Type.STRING, "a string");
		return (String) this.value;
	}

	BigDecimal number() {
		require(Type.NUMBER, "a number");
		return (BigDecimal) this.value;
	}

	private void require(Type expected, String description) {
		if (this.type != expected) {
			throw error("must be " + description);
		}
	}

	JsonException error(String problem) {
		return new JsonException(this.path + " " + problem + " (" + position() + ")");
	}

	/**
	 * Returns an error about the key of an object member, located at the key.
	 * @param problem what is wrong with the key
	 * @return the error
	 */
	JsonException keyError(String problem) {
		return new JsonException(this.path + " " + problem + " ("
				+ ((this.keyPosition.isEmpty()) ? position() : this.keyPosition) + ")");
	}

	/**
	 * Thrown for JSON that does not parse or does not have the expected shape.
	 */
	static final class JsonException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		JsonException(String message) {
			super(message);
		}

	}

}
