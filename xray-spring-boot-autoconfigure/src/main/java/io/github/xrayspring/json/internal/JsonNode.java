package io.github.xrayspring.json.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A JSON value read by {@link JsonReader} that knows its JSON path, line and column.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class JsonNode {

	private final Type type;

	private final @Nullable Object value;

	private final int line;

	private final int column;

	private final @Nullable JsonNode parent;

	private final @Nullable String key;

	private final int index;

	private final int keyLine;

	private final int keyColumn;

	/**
	 * Creates a node.
	 * @param type the type
	 * @param value the fields (an unmodifiable map), the elements (an unmodifiable list),
	 * the text of a string, the literal text of a number, the boolean, or {@code null}
	 * @param line the line where the value starts, from 1
	 * @param column the column where the value starts, from 1
	 * @param parent the object or array holding the value; {@code null} for the root
	 * @param key the member name in an object; {@code null} for an element or the root
	 * @param index the position in an array
	 * @param keyLine the line where the member name starts; 0 if there is none
	 * @param keyColumn the column where the member name starts; 0 if there is none
	 */
	JsonNode(Type type, @Nullable Object value, int line, int column, @Nullable JsonNode parent, @Nullable String key,
			int index, int keyLine, int keyColumn) {
		this.type = type;
		this.value = value;
		this.line = line;
		this.column = column;
		this.parent = parent;
		this.key = key;
		this.index = index;
		this.keyLine = keyLine;
		this.keyColumn = keyColumn;
	}

	/**
	 * Returns the type of the value.
	 * @return the type
	 */
	public Type type() {
		return this.type;
	}

	/**
	 * Returns the JSON path of the value, such as {@code $.rules[0].rate}.
	 * @return the path
	 */
	public String path() {
		if (this.parent == null) {
			return "$";
		}
		return (this.key != null) ? this.parent.path() + "." + this.key : this.parent.path() + "[" + this.index + "]";
	}

	/**
	 * Returns where the value starts, as {@code line L, column C}.
	 * @return the position
	 */
	public String position() {
		return JsonReader.position(this.line, this.column);
	}

	/**
	 * Returns whether the value is the literal {@code null}.
	 * @return whether the value is {@code null}
	 */
	public boolean isNull() {
		return this.type == Type.NULL;
	}

	/**
	 * Returns the members of an object in document order.
	 * @return the members, unmodifiable
	 * @throws JsonException if the value is not an object
	 */
	@SuppressWarnings("unchecked")
	public Map<String, JsonNode> fields() {
		require(Type.OBJECT, "an object");
		return (Map<String, JsonNode>) this.value;
	}

	/**
	 * Returns the elements of an array.
	 * @return the elements, unmodifiable
	 * @throws JsonException if the value is not an array
	 */
	@SuppressWarnings("unchecked")
	public List<JsonNode> elements() {
		require(Type.ARRAY, "an array");
		return (List<JsonNode>) this.value;
	}

	/**
	 * Returns the text of a string.
	 * @return the text
	 * @throws JsonException if the value is not a string
	 */
	public String text() {
		require(Type.STRING, "a string");
		return (String) this.value;
	}

	/**
	 * Returns the exact value of a number.
	 * @return the number
	 * @throws JsonException if the value is not a number or its exponent is too large
	 */
	public BigDecimal number() {
		require(Type.NUMBER, "a number");
		try {
			return new BigDecimal((String) this.value);
		}
		catch (NumberFormatException ex) {
			throw error("is out of range");
		}
	}

	/**
	 * Returns the value as plain Java values: objects as maps in document order, arrays
	 * as lists, whole numbers that fit a {@code long} as longs, other numbers as doubles,
	 * strings, booleans and {@code null}.
	 * @return the plain value
	 */
	public @Nullable Object toValue() {
		return switch (this.type) {
			case OBJECT -> {
				Map<String, @Nullable Object> map = new LinkedHashMap<>();
				fields().forEach((name, field) -> map.put(name, field.toValue()));
				yield map;
			}
			case ARRAY -> {
				List<@Nullable Object> list = new ArrayList<>();
				elements().forEach((element) -> list.add(element.toValue()));
				yield list;
			}
			case NUMBER -> plainNumber((String) this.value);
			default -> this.value;
		};
	}

	private static Number plainNumber(String literal) {
		if (literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0) {
			try {
				return Long.parseLong(literal);
			}
			catch (NumberFormatException ex) {
				// too large for a long: Go reads every JSON number as a float64 anyway
			}
		}
		return Double.parseDouble(literal);
	}

	private void require(Type expected, String description) {
		if (this.type != expected) {
			throw error("must be " + description);
		}
	}

	/**
	 * Returns an error about the value, naming its path and position.
	 * @param problem what is wrong, such as {@code must be a string}
	 * @return the error
	 */
	public JsonException error(String problem) {
		return new JsonException(path() + " " + problem + " (" + position() + ")");
	}

	/**
	 * Returns an error about the name of an object member, located at the name.
	 * @param problem what is wrong with the name
	 * @return the error
	 */
	public JsonException keyError(String problem) {
		String at = (this.keyLine > 0) ? JsonReader.position(this.keyLine, this.keyColumn) : position();
		return new JsonException(path() + " " + problem + " (" + at + ")");
	}

	/**
	 * The type of a JSON value.
	 */
	public enum Type {

		/**
		 * An object.
		 */
		OBJECT,

		/**
		 * An array.
		 */
		ARRAY,

		/**
		 * A string.
		 */
		STRING,

		/**
		 * A number.
		 */
		NUMBER,

		/**
		 * {@code true} or {@code false}.
		 */
		BOOLEAN,

		/**
		 * {@code null}.
		 */
		NULL

	}

	/**
	 * Thrown for JSON that does not parse or does not have the expected shape.
	 */
	public static final class JsonException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		JsonException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

		JsonException(String message) {
			super(message);
		}

	}

}
