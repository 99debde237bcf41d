package io.github.xrayspring.json.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.xrayspring.json.internal.JsonNode.JsonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JsonReader} and {@link JsonNode}.
 *
 * @author xray-spring-boot-starter team
 */
class JsonReaderTests {

	@Test
	void readsAllValueTypes() {
		JsonNode root = JsonReader.read(
				"{\"s\": \"a\\\"b\\u00e9\\n\", \"n\": -1.5e2, \"t\": true, \"f\": false, \"z\": null, \"a\": [1, {}]}");
		assertThat(root.fields().get("s").text()).isEqualTo("a\"b\u00e9\n");
		assertThat(root.fields().get("n").number()).isEqualByComparingTo(new BigDecimal("-150"));
		assertThat(root.fields().get("t").type()).isEqualTo(JsonNode.Type.BOOLEAN);
		assertThat(root.fields().get("f").type()).isEqualTo(JsonNode.Type.BOOLEAN);
		assertThat(root.fields().get("z").isNull()).isTrue();
		assertThat(root.fields().get("a").elements()).hasSize(2);
		assertThat(root.fields().get("a").elements().get(1).path()).isEqualTo("$.a[1]");
	}

	@Test
	void readsNestedValuesAsPlainValues() {
		Object value = JsonReader.readValue(
				" {\"a\": [1, -2.5e1, true, null, \"x\\u00e9\\n\"], \"b\": {\"c\": 12345678901234567890}, \"a2\": {}} ");
		assertThat(value).isEqualTo(Map.of("a", Arrays.asList(1L, -25.0, true, null, "xé\n"), "b",
				Map.of("c", 1.2345678901234567e19), "a2", Map.of()));
	}

	@Test
	void readsNullLiteralAsPlainValue() {
		assertThat(JsonReader.readValue("null")).isNull();
		assertThat(JsonReader.readValue("[]")).isEqualTo(List.of());
	}

	@Test
	void plainNumbersAreLongsOnlyWhenWrittenAsWholeNumbers() {
		assertThat(JsonReader.readValue("[-0, 7, 1.0, 1e2, 1E0]")).isEqualTo(List.of(0L, 7L, 1.0, 100.0, 1.0));
		assertThat(JsonReader.readValue("1e99999999999")).isEqualTo(Double.POSITIVE_INFINITY);
	}

	@Test
	void plainValuesLetTheLastRepeatedKeyWin() {
		assertThat(JsonReader.readValue("{\"a\": 1, \"b\": 2, \"a\": {\"a\": 3}}"))
			.isEqualTo(Map.of("a", Map.of("a", 3L), "b", 2L));
	}

	@Test
	void nodeConvertsToPlainValue() {
		assertThat(JsonReader.read("{\"a\": [\"x\", false, null, 2.5]}").toValue())
			.isEqualTo(Map.of("a", Arrays.asList("x", false, null, 2.5)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{", "{\"a\":1,}", "{a:1}", "[1 2]", "01", "1.", "\"\\x\"", "{} x", "tru",
			"\"line\nbreak\"", "\"\\", "\"\\u12\"", "[1] // comment" })
	void rejectsInvalidJson(String text) {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read(text));
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.readValue(text));
	}

	@Test
	void trailingCommaIsRejected() {
		assertRejectedAt("[1, 2,]", "line 1, column 7");
	}

	@Test
	void duplicateKeyIsRejected() {
		assertRejected("{\"a\": 1,\n \"a\": 2}", "duplicate key 'a' in $ (line 2, column 2)");
	}

	@Test
	void commentsAreRejected() {
		assertRejectedAt("{\"a\": 1 // one\n}", "line 1, column 9");
	}

	@Test
	void commentsAreSkippedWhenAsked() {
		JsonNode root = JsonReader.readWithComments("""
				// leading
				{
				  /* block
				     comment */ "a": [1, // after an element
				    2],
				  "b": "// not a comment"
				}
				""");
		assertThat(root.toValue()).isEqualTo(Map.of("a", List.of(1L, 2L), "b", "// not a comment"));
		assertThat(root.fields().get("a").position()).isEqualTo("line 4, column 22");
	}

	@Test
	void unclosedContainerNamesWhereInputEnds() {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read("{\n  \"a\": [1"))
			.withMessageNotContaining("Source")
			.withMessageEndingWith("(line 2, column 10)");
	}

	@Test
	void contentAfterValueIsRejected() {
		assertRejected("{} {}", "unexpected content after the JSON value (line 1, column 4)");
	}

	@Test
	void unterminatedStringIsRejected() {
		assertRejectedAt("{\"a", "line 1, column 4");
		assertRejectedAt("\"a\\", "line 1, column 4");
	}

	@Test
	void invalidEscapeIsRejected() {
		assertRejectedAt("\"a\\x\"", "line 1, column 4");
		assertRejectedAt("\"\\u00g0\"", "line 1, column 6");
	}

	@Test
	void invalidNumbersAreRejected() {
		assertRejectedAt("[01]", "line 1, column 3");
		assertRejectedAt("[1.]", "line 1, column 3");
		assertRejectedAt("[-]", "line 1, column 3");
	}

	@Test
	void numberOutOfRangeIsReportedAtTheNumber() {
		JsonNode huge = JsonReader.read("{\"n\":\n 1e99999999999}").fields().get("n");
		assertThatExceptionOfType(JsonException.class).isThrownBy(huge::number)
			.withMessage("$.n is out of range (line 2, column 2)");
	}

	@Test
	void surrogatePairsAreRead() {
		assertThat(JsonReader.read("\"\\ud83d\\ude00 \ud83d\ude00\"").text()).isEqualTo("\ud83d\ude00 \ud83d\ude00");
		assertThat(JsonReader.readValue("\"\\uD83D\\uDE00\"")).isEqualTo("\ud83d\ude00");
	}

	@Test
	void emptyInputIsRejected() {
		assertRejected("  ", "unexpected end of input (line 1, column 3)");
	}

	@Test
	void deepNestingIsRejected() {
		assertRejected("[".repeat(100), "nesting deeper than 64 (line 1, column 66)");
		assertThatExceptionOfType(JsonException.class)
			.isThrownBy(() -> JsonReader.readValue("[".repeat(100) + "]".repeat(100)))
			.withMessageStartingWith("nesting deeper than 64");
		assertThat(JsonReader.read("[".repeat(65) + "]".repeat(65)).type()).isEqualTo(JsonNode.Type.ARRAY);
	}

	@Test
	void errorsNameThePathAndPosition() {
		JsonNode b = JsonReader.read("{\n  \"a\": [true, {\"b\": 1}]\n}")
			.fields()
			.get("a")
			.elements()
			.get(1)
			.fields()
			.get("b");
		assertThat(b.path()).isEqualTo("$.a[1].b");
		assertThat(b.position()).isEqualTo("line 2, column 21");
		assertThatExceptionOfType(JsonException.class).isThrownBy(b::text)
			.withMessage("$.a[1].b must be a string (line 2, column 21)");
		assertThat(b.keyError("is not a known key")).hasMessage("$.a[1].b is not a known key (line 2, column 16)");
		JsonNode root = JsonReader.read("[]");
		assertThat(root.keyError("is odd")).hasMessage("$ is odd (line 1, column 1)");
		assertThatExceptionOfType(JsonException.class).isThrownBy(root::fields)
			.withMessage("$ must be an object (line 1, column 1)");
	}

	private static void assertRejectedAt(String json, String position) {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read(json))
			.withMessageEndingWith("(" + position + ")");
	}

	private static void assertRejected(String json, String message) {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read(json)).withMessage(message);
	}

}
