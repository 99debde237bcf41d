package io.github.xrayspring.export;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JsonReader}.
 *
 * @author xray-spring-boot-starter team
 */
class JsonReaderTests {

	@Test
	void readsNestedValues() {
		Object value = JsonReader.read(
				" {\"a\": [1, -2.5e1, true, null, \"x\\u00e9\\n\"], \"b\": {\"c\": 12345678901234567890}, \"a2\": {}} ");
		assertThat(value).isEqualTo(Map.of("a", Arrays.asList(1L, -25.0, true, null, "xé\n"), "b",
				Map.of("c", 1.2345678901234567e19), "a2", Map.of()));
	}

	@Test
	void readsNullLiteral() {
		assertThat(JsonReader.read("null")).isNull();
		assertThat(JsonReader.read("[]")).isEqualTo(List.of());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{", "{\"a\":1,}", "{a:1}", "[1 2]", "01", "1.", "\"\\x\"", "{} x", "tru",
			"\"line\nbreak\"" })
	void rejectsInvalidJson(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read(text));
	}

	@Test
	void rejectsDeepNesting() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonReader.read("[".repeat(100) + "]".repeat(100)));
	}

}
