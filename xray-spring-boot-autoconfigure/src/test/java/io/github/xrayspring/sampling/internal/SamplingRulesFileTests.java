package io.github.xrayspring.sampling.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SamplingRulesFile}.
 *
 * @author xray-spring-boot-starter team
 */
class SamplingRulesFileTests {

	@Test
	void readsRulesInFileOrderAndTheDefault() {
		SamplingRulesFile file = SamplingRulesFile.parse("""
				{
				  "version": 2,
				  "rules": [
				    {
				      "description": "Player moves.",
				      "host": "*",
				      "http_method": "*",
				      "url_path": "/api/move/*",
				      "fixed_target": 0,
				      "rate": 0.05
				    },
				    {
				      "description": "Orders",
				      "host": "shop.example.com",
				      "http_method": "POST",
				      "url_path": "/orders",
				      "fixed_target": 3,
				      "rate": 1
				    }
				  ],
				  "default": {
				    "fixed_target": 1,
				    "rate": 0.1
				  }
				}
				""", "rules.json");
		assertThat(file.getRules()).containsExactly(
				new SamplingRule("Player moves.", 1, "*", "*", "*", "/api/move/*", 0, 0.05),
				new SamplingRule("Orders", 2, "*", "shop.example.com", "POST", "/orders", 3, 1));
		assertThat(file.getDefaultRule()).isEqualTo(SamplingRule.matchingAll("default", 1, 0.1));
	}

	@Test
	void matchersDefaultToStarAndNamesToPosition() {
		SamplingRulesFile file = SamplingRulesFile.parse("""
				{"version": 2, "rules": [{"url_path": "/a", "fixed_target": 1, "rate": 0},
				  {"description": "same", "fixed_target": 1, "rate": 0},
				  {"description": "same", "fixed_target": 1, "rate": 0}]}
				""", "rules.json");
		assertThat(file.getRules()).extracting(SamplingRule::name)
			.containsExactly("rules-file[0]", "rules-file[1]", "rules-file[2]");
		assertThat(file.getRules().get(0).host()).isEqualTo("*");
		assertThat(file.getDefaultRule()).isNull();
	}

	@Test
	void unknownKeyIsReportedWithItsLocation() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class).isThrownBy(() -> SamplingRulesFile.parse("""
				{
				  "version": 2,
				  "rules": [
				    {"hots": "example.com", "fixed_target": 1, "rate": 0.1}
				  ]
				}
				""", "classpath:rules.json"))
			.withMessageStartingWith("classpath:rules.json: $.rules[0].hots is not a known key")
			.withMessageEndingWith("(line 4, column 6)");
	}

	@Test
	void unknownKeyInDefaultIsReported() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class)
			.isThrownBy(() -> SamplingRulesFile
				.parse("{\"version\": 2, \"default\": {\"fixed_target\": 1, \"rate\": 0.1, \"url_path\": \"/\"}}", "f"))
			.withMessageContaining("$.default.url_path is not a known key (allowed: fixed_target, rate)");
	}

	@Test
	void version1IsRejected() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class)
			.isThrownBy(() -> SamplingRulesFile.parse("{\"version\": 1, \"rules\": []}", "f"))
			.withMessage("f: $.version is 1 but only version 2 is supported (line 1, column 13)");
	}

	@Test
	void missingVersionIsRejected() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class)
			.isThrownBy(() -> SamplingRulesFile.parse("{\"rules\": []}", "f"))
			.withMessageContaining("$ has no 'version'");
	}

	@Test
	void rateOutsideZeroToOneIsRejected() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class)
			.isThrownBy(() -> SamplingRulesFile
				.parse("{\"version\": 2, \"rules\": [{\"fixed_target\": 1, \"rate\": 1.5}]}", "f"))
			.withMessageContaining("$.rules[0].rate must be between 0 and 1 but is 1.5");
	}

	@Test
	void negativeOrFractionalTargetIsRejected() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class)
			.isThrownBy(() -> SamplingRulesFile
				.parse("{\"version\": 2, \"rules\": [{\"fixed_target\": -1, \"rate\": 0}]}", "f"))
			.withMessageContaining("$.rules[0].fixed_target must be a whole number");
		assertThatExceptionOfType(InvalidSamplingRulesException.class)
			.isThrownBy(() -> SamplingRulesFile
				.parse("{\"version\": 2, \"default\": {\"fixed_target\": 1.5, \"rate\": 0}}", "f"))
			.withMessageContaining("$.default.fixed_target must be a whole number");
	}

	@Test
	void missingRateIsRejected() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class)
			.isThrownBy(() -> SamplingRulesFile.parse("{\"version\": 2, \"rules\": [{\"fixed_target\": 1}]}", "f"))
			.withMessageContaining("$.rules[0] has no 'rate'");
	}

	@Test
	void wrongTypeIsRejected() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class)
			.isThrownBy(() -> SamplingRulesFile
				.parse("{\"version\": 2, \"rules\": [{\"host\": 7, \"fixed_target\": 1, \"rate\": 0}]}", "f"))
			.withMessageContaining("$.rules[0].host must be a string");
	}

	@Test
	void malformedJsonIsReportedWithLineAndColumn() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class).isThrownBy(() -> SamplingRulesFile.parse("""
				{
				  "version": 2,
				  "rules": [],
				}
				""", "rules.json")).withMessage("rules.json: expected a quoted key (line 4, column 1)");
	}

	@Test
	void byteOrderMarkIsAccepted() {
		assertThat(SamplingRulesFile.parse("\uFEFF{\"version\": 2}", "f").getRules()).isEmpty();
	}

}
