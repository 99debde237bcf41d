package io.github.xrayspring.json.internal;

import java.lang.reflect.Array;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes segment documents and metadata values as JSON into a {@link StringBuilder}:
 * strings are escaped by Jackson's {@link JsonStringEncoder}; maps, iterables and arrays
 * are walked here, because the starter bounds their depth, cycles and length, which a
 * JSON generator does not.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class Json {

	private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

	private Json() {
	}

	/**
	 * How deep maps, iterables and arrays are written; deeper ones, and ones that contain
	 * themselves, are written as {@code "..."}.
	 */
	public static final int MAX_DEPTH = 16;

	private static final String ELIDED = "\"...\"";

	/**
	 * Returns the JSON form of a value: strings, numbers, booleans, maps, iterables and
	 * arrays as JSON, anything else as its {@code toString()} in a JSON string.
	 * @param value the value
	 * @return the JSON text
	 */
	public static String toJson(@Nullable Object value) {
		StringBuilder json = new StringBuilder();
		writeValue(json, value);
		return json.toString();
	}

	/**
	 * Returns the JSON form of a value, cut to about {@code maxLength} characters while
	 * staying valid JSON: a long string is cut and closed, and a map, iterable or array
	 * that reaches the limit ends with a {@code "..."} element.
	 * @param value the value
	 * @param maxLength the length after which nothing more is written but closing quotes
	 * and brackets and a {@code "..."} element
	 * @return the JSON text
	 */
	public static String toJson(@Nullable Object value, int maxLength) {
		StringBuilder json = new StringBuilder();
		writeValue(json, value, maxLength);
		return json.toString();
	}

	/**
	 * Appends the JSON form of a value, nested at most {@value #MAX_DEPTH} levels deep.
	 * @param json where to write
	 * @param value the value
	 */
	public static void writeValue(StringBuilder json, @Nullable Object value) {
		writeValue(json, value, Integer.MAX_VALUE);
	}

	/**
	 * Appends the JSON form of a value, nested at most {@value #MAX_DEPTH} levels deep
	 * and cut after about {@code maxLength} characters as {@link #toJson(Object, int)}
	 * does.
	 * @param json where to write
	 * @param value the value
	 * @param maxLength the most characters to append before the value is cut
	 */
	public static void writeValue(StringBuilder json, @Nullable Object value, int maxLength) {
		long limit = (long) json.length() + Math.max(maxLength, 0);
		new Writer(json, (int) Math.min(limit, Integer.MAX_VALUE)).write(value);
	}

	/**
	 * Appends a JSON string literal.
	 * @param json where to write
	 * @param text the text
	 */
	public static void writeString(StringBuilder json, CharSequence text) {
		writeString(json, text, Integer.MAX_VALUE);
	}

	private static void writeString(StringBuilder json, CharSequence text, int limit) {
		json.append('"');
		int room = limit - json.length();
		if (text.length() <= room) {
			ENCODER.quoteAsString(text, json);
		}
		else {
			int cut = Math.max(room, 0);
			if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
				// never split a surrogate pair: half of one is not valid text
				cut--;
			}
			ENCODER.quoteAsString(text.subSequence(0, cut), json);
			json.append("...");
		}
		json.append('"');
	}

	/**
	 * Writes one value, tracking the containers being written and the length limit.
	 */
	private static final class Writer {

		private final StringBuilder json;

		private final int limit;

		private final Object[] path = new Object[MAX_DEPTH];

		private int depth;

		Writer(StringBuilder json, int limit) {
			this.json = json;
			this.limit = limit;
		}

		void write(@Nullable Object value) {
			StringBuilder json = this.json;
			if (value == null) {
				json.append("null");
			}
			else if (value instanceof CharSequence text) {
				writeString(json, text, this.limit);
			}
			else if (value instanceof Double || value instanceof Float) {
				double number = ((Number) value).doubleValue();
				if (Double.isNaN(number) || Double.isInfinite(number)) {
					writeString(json, value.toString(), this.limit);
				}
				else {
					json.append(number);
				}
			}
			else if (value instanceof Number || value instanceof Boolean) {
				json.append(value);
			}
			else if (value instanceof Map<?, ?> || value instanceof Iterable<?> || value.getClass().isArray()) {
				writeContainer(value);
			}
			else {
				writeString(json, value.toString(), this.limit);
			}
		}

		private void writeContainer(Object value) {
			if (this.depth >= MAX_DEPTH || onPath(value)) {
				this.json.append(ELIDED);
				return;
			}
			this.path[this.depth++] = value;
			try {
				if (value instanceof Map<?, ?> map) {
					writeMap(map);
				}
				else if (value instanceof Iterable<?> iterable) {
					this.json.append('[');
					boolean first = true;
					for (Object element : iterable) {
						if (!separate(first)) {
							break;
						}
						first = false;
						write(element);
					}
					this.json.append(']');
				}
				else {
					this.json.append('[');
					for (int i = 0, length = Array.getLength(value); i < length; i++) {
						if (!separate(i == 0)) {
							break;
						}
						write(Array.get(value, i));
					}
					this.json.append(']');
				}
			}
			finally {
				this.path[--this.depth] = null;
			}
		}

		private void writeMap(Map<?, ?> map) {
			this.json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (this.json.length() >= this.limit) {
					this.json.append(first ? "" : ",").append("\"...\":").append(ELIDED);
					break;
				}
				if (!first) {
					this.json.append(',');
				}
				first = false;
				writeString(this.json, String.valueOf(entry.getKey()), this.limit);
				this.json.append(':');
				write(entry.getValue());
			}
			this.json.append('}');
		}

		/**
		 * Writes the separator before an array element, or a {@code "..."} element when
		 * the limit is reached.
		 */
		private boolean separate(boolean first) {
			if (!first) {
				this.json.append(',');
			}
			if (this.json.length() >= this.limit) {
				this.json.append(ELIDED);
				return false;
			}
			return true;
		}

		private boolean onPath(Object value) {
			for (int i = 0; i < this.depth; i++) {
				if (this.path[i] == value) {
					return true;
				}
			}
			return false;
		}

	}

}
