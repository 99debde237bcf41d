package io.github.xrayspring.json.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Json}.
 *
 * @author xray-spring-boot-starter team
 */
class JsonTests {

	@Test
	void stringsAreEscapedAndReadBackUnchanged() {
		String text = "q\" b\\ n\n t\t \u0001 \u00e9 \ud83d\ude00 </script>";
		String json = Json.toJson(text);
		assertThat(json).isEqualTo("\"q\\\" b\\\\ n\\n t\\t \\u0001 \u00e9 \ud83d\ude00 </script>\"");
		assertThat(JsonReader.read(json).text()).isEqualTo(text);
	}

	@Test
	void valuesKeepTheirJsonTypes() {
		assertThat(Json.toJson(Map.of("a", List.of(1, 2.5, true)))).isEqualTo("{\"a\":[1,2.5,true]}");
		assertThat(Json.toJson(new int[] { 1, 2 })).isEqualTo("[1,2]");
		assertThat(Json.toJson(Double.NaN)).isEqualTo("\"NaN\"");
		assertThat(Json.toJson(null)).isEqualTo("null");
	}

	@Test
	void cutStringNeverSplitsASurrogatePair() {
		String json = Json.toJson("ab\ud83d\ude00cd", 3);
		assertThat(json).isEqualTo("\"ab...\"");
		assertThat(JsonReader.read(json).text()).isEqualTo("ab...");
	}

}
