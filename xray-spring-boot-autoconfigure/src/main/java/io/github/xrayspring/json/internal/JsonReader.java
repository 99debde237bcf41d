package io.github.xrayspring.json.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.xrayspring.json.internal.JsonNode.JsonException;
import io.github.xrayspring.json.internal.JsonNode.Type;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Reads JSON with Jackson's streaming parser into {@link JsonNode nodes} that know their
 * JSON path, line and column, so that errors can name all three.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class JsonReader {

	private static final int MAX_DEPTH = 64;

	private static final JsonFactory STRICT = JsonFactory.builder().build();

	private static final JsonFactory WITH_COMMENTS = STRICT.rebuild()
		.enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
		.build();

	// Jackson adds where an unclosed container starts as a redacted source location
	private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[[^\\]]*\\]\\)");

	private final boolean lastKeyWins;

	private JsonReader(boolean lastKeyWins) {
		this.lastKeyWins = lastKeyWins;
	}

	/**
	 * Reads one JSON value that makes up the whole text: no comments, no trailing commas,
	 * no duplicate keys, at most 64 levels of nesting.
	 * @param text the JSON text
	 * @return the value
	 * @throws JsonException if the text is not one such JSON value
	 */
	public static JsonNode read(String text) {
		return new JsonReader(false).readDocument(STRICT, text);
	}

	/**
	 * Reads one JSON value as strictly as {@link #read(String)}, but skips {@code //} and
	 * {@code /* *}{@code /} comments, as the X-Ray SDK does in its rules files.
	 * @param text the JSON text
	 * @return the value
	 * @throws JsonException if the text is not one such JSON value
	 */
	public static JsonNode readWithComments(String text) {
		return new JsonReader(false).readDocument(WITH_COMMENTS, text);
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
		return new JsonReader(true).readDocument(STRICT, text).toValue();
	}

	/**
	 * Returns a position as {@code line L, column C}.
	 * @param line the line, from 1
	 * @param column the column, from 1
	 * @return the position
	 */
	static String position(int line, int column) {
		return "line " + line + ", column " + column;
	}

	private JsonNode readDocument(JsonFactory factory, String text) {
		try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), text)) {
			if (parser.nextToken() == null) {
				throw error("unexpected end of input", parser.currentLocation());
			}
			JsonNode root = readNode(parser, null, null, 0, 0, 0, 0);
			if (parser.nextToken() != null) {
				throw error("unexpected content after the JSON value", parser.currentTokenLocation());
			}
			return root;
		}
		catch (JacksonException ex) {
			throw new JsonException(describe(ex), ex);
		}
	}

	private JsonNode readNode(JsonParser parser, @Nullable JsonNode parent, @Nullable String key, int index,
			int keyLine, int keyColumn, int depth) {
		TokenStreamLocation at = parser.currentTokenLocation();
		int line = at.getLineNr();
		int column = at.getColumnNr();
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
			if (depth > MAX_DEPTH) {
				throw error("nesting deeper than " + MAX_DEPTH, at);
			}
			if (token == JsonToken.START_OBJECT) {
				Map<String, JsonNode> fields = new LinkedHashMap<>();
				JsonNode node = new JsonNode(Type.OBJECT, Collections.unmodifiableMap(fields), line, column, parent,
						key, index, keyLine, keyColumn);
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					TokenStreamLocation nameAt = parser.currentTokenLocation();
					if (!this.lastKeyWins && fields.containsKey(name)) {
						throw new JsonException(
								"duplicate key '" + name + "' in " + node.path() + " (" + position(nameAt) + ")");
					}
					parser.nextToken();
					fields.put(name,
							readNode(parser, node, name, 0, nameAt.getLineNr(), nameAt.getColumnNr(), depth + 1));
				}
				return node;
			}
			List<JsonNode> elements = new ArrayList<>();
			JsonNode node = new JsonNode(Type.ARRAY, Collections.unmodifiableList(elements), line, column, parent, key,
					index, keyLine, keyColumn);
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				elements.add(readNode(parser, node, null, elements.size(), 0, 0, depth + 1));
			}
			return node;
		}
		return switch (token) {
			case VALUE_STRING ->
				new JsonNode(Type.STRING, parser.getString(), line, column, parent, key, index, keyLine, keyColumn);
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
				new JsonNode(Type.NUMBER, parser.getString(), line, column, parent, key, index, keyLine, keyColumn);
			case VALUE_TRUE, VALUE_FALSE -> new JsonNode(Type.BOOLEAN, token == JsonToken.VALUE_TRUE, line, column,
					parent, key, index, keyLine, keyColumn);
			case VALUE_NULL -> new JsonNode(Type.NULL, null, line, column, parent, key, index, keyLine, keyColumn);
			default -> throw error("unexpected " + token, at);
		};
	}

	private static JsonException error(String problem, TokenStreamLocation at) {
		return new JsonException(problem + " (" + position(at) + ")");
	}

	private static String position(TokenStreamLocation at) {
		return position(at.getLineNr(), at.getColumnNr());
	}

	/**
	 * Returns Jackson's message for a parse error with its position in this reader's
	 * form.
	 */
	private static String describe(JacksonException ex) {
		String message = ex.getOriginalMessage();
		if (message == null || message.isBlank()) {
			message = "invalid JSON";
		}
		message = START_MARKER.matcher(message).replaceAll("");
		TokenStreamLocation at = ex.getLocation();
		return (at != null && at.getLineNr() > 0) ? message + " (" + position(at) + ")" : message;
	}

}
