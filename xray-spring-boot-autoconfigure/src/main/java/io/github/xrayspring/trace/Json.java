package io.github.xrayspring.trace;

import java.lang.reflect.Array;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A small JSON writer for segment documents and metadata values, so that the starter
 * needs no JSON library at run time.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class Json {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Json() {
	}

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
	 * Appends the JSON form of a value.
	 * @param json where to write
	 * @param value the value
	 */
	public static void writeValue(StringBuilder json, @Nullable Object value) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof CharSequence text) {
			writeString(json, text);
		}
		else if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			if (Double.isNaN(number) || Double.isInfinite(number)) {
				writeString(json, value.toString());
			}
			else {
				json.append(number);
			}
		}
		else if (value instanceof Number || value instanceof Boolean) {
			json.append(value);
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!first) {
					json.append(',');
				}
				first = false;
				writeString(json, String.valueOf(entry.getKey()));
				json.append(':');
				writeValue(json, entry.getValue());
			}
			json.append('}');
		}
		else if (value instanceof Iterable<?> iterable) {
			json.append('[');
			boolean first = true;
			for (Object element : iterable) {
				if (!first) {
					json.append(',');
				}
				first = false;
				writeValue(json, element);
			}
			json.append(']');
		}
		else if (value.getClass().isArray()) {
			json.append('[');
			for (int i = 0, length = Array.getLength(value); i < length; i++) {
				if (i > 0) {
					json.append(',');
				}
				writeValue(json, Array.get(value, i));
			}
			json.append(']');
		}
		else {
			writeString(json, value.toString());
		}
	}

	/**
	 * Appends a JSON string literal.
	 * @param json where to write
	 * @param text the text
	 */
	public static void writeString(StringBuilder json, CharSequence text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x2028 || c == 0x2029) {
						json.append("\\u")
							.append(HEX[(c >> 12) & 0xF])
							.append(HEX[(c >> 8) & 0xF])
							.append(HEX[(c >> 4) & 0xF])
							.append(HEX[c & 0xF]);
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
