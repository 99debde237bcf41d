package io.github.xrayspring.sampling;

import java.math.BigDecimal;

import io.github.xrayspring.sampling.JsonNode.JsonException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JsonReader}.
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
	void trailingCommaIsRejected() {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read("[1, 2,]"))
			.withMessage("unexpected character ']' (line 1, column 7)");
	}

	@Test
	void duplicateKeyIsRejected() {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read("{\"a\": 1,\n \"a\": 2}"))
			.withMessage("duplicate key 'a' in $ (line 2, column 2)");
	}

	@Test
	void commentsAreRejected() {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read("{\"a\": 1 // one\n}"))
			.withMessage("expected ',' or '}' (line 1, column 9)");
	}

	@Test
	void contentAfterValueIsRejected() {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read("{} {}"))
			.withMessage("unexpected content after the JSON value (line 1, column 4)");
	}

	@Test
	void unterminatedStringIsRejected() {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read("{\"a"))
			.withMessageStartingWith("unterminated string");
	}

	@Test
	void invalidNumbersAreRejected() {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read("[01]"))
			.withMessage("expected ',' or ']' (line 1, column 3)");
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read("[1.]"))
			.withMessage("invalid number (line 1, column 4)");
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read("[-]"))
			.withMessage("invalid number (line 1, column 3)");
	}

	@Test
	void emptyInputIsRejected() {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read("  "))
			.withMessage("unexpected end of input (line 1, column 3)");
	}

	@Test
	void deepNestingIsRejected() {
		assertThatExceptionOfType(JsonException.class).isThrownBy(() -> JsonReader.read("[".repeat(100)))
			.withMessageStartingWith("nesting deeper than 64");
	}

}
