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
	void otherVersionsAreRejected() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class)
			.isThrownBy(() -> SamplingRulesFile.parse("{\"version\": 3, \"rules\": []}", "f"))
			.withMessage("f: $.version is 3 but only versions 1 and 2 are supported (line 1, column 13)");
	}

	@Test
	void version1FileReadsServiceNameAsTheHost() {
		// the shape of the X-Ray SDK for Java's own version 1 examples
		SamplingRulesFile file = SamplingRulesFile.parse("""
				{
				  "version": 1,
				  "rules": [
				    {
				      "description": "Health checks",
				      "service_name": "*.example.com",
				      "http_method": "GET",
				      "url_path": "/health",
				      "fixed_target": 0,
				      "rate": 0.0
				    },
				    {
				      "service_name": "*",
				      "http_method": "*",
				      "url_path": "/api/*",
				      "fixed_target": 2,
				      "rate": 0.1
				    }
				  ],
				  "default": {
				    "fixed_target": 1,
				    "rate": 0.05
				  }
				}
				""", "sampling-rules.json");
		assertThat(file.getRules()).containsExactly(
				new SamplingRule("Health checks", 1, "*", "*.example.com", "GET", "/health", 0, 0.0),
				new SamplingRule("rules-file[1]", 2, "*", "*", "*", "/api/*", 2, 0.1));
		assertThat(file.getDefaultRule()).isEqualTo(SamplingRule.matchingAll("default", 1, 0.05));
	}

	@Test
	void hostInVersion1FileIsNamedWithTheVersion1Key() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class)
			.isThrownBy(() -> SamplingRulesFile
				.parse("{\"version\": 1, \"rules\": [{\"host\": \"a\", \"fixed_target\": 1, \"rate\": 0}]}", "f"))
			.withMessageStartingWith("f: $.rules[0].host is not a known key (allowed: description, fixed_target, "
					+ "http_method, rate, service_name, url_path); version 1 files match the host with 'service_name'");
	}

	@Test
	void serviceNameInVersion2FileIsNamedWithTheVersion2Key() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class)
			.isThrownBy(() -> SamplingRulesFile.parse(
					"{\"version\": 2, \"rules\": [{\"service_name\": \"a\", \"fixed_target\": 1, \"rate\": 0}]}", "f"))
			.withMessageContaining("$.rules[0].service_name is not a known key")
			.withMessageContaining("'host' in version 2");
	}

	@Test
	void sdkDefaultRulesFileWithCommentsIsRead() {
		// the X-Ray SDK for Java's DefaultSamplingRules.json: a commented-out example
		// rule
		SamplingRulesFile file = SamplingRulesFile.parse(
				"""
						{
						  "version": 2,
						  "default": {
						    "fixed_target": 1,
						    "rate": 0.05
						  },
						  "rules": [
						    // Example path-based rule below. Rules are evaluated in array order, the default rule will be used if none match the incoming request.
						    // {
						    //    "description": "Player moves.",
						    //    "host ": "*",
						    //    "http_method": "*",
						    //    "url_path": "/api/move/*",
						    //    "fixed_target": 0,
						    //    "rate": 0.05
						    //}
						  ]
						}""",
				"classpath:DefaultSamplingRules.json");
		assertThat(file.getRules()).isEmpty();
		assertThat(file.getDefaultRule()).isEqualTo(SamplingRule.matchingAll("default", 1, 0.05));
	}

	@Test
	void version2FileWithLineAndBlockCommentsIsRead() {
		SamplingRulesFile file = SamplingRulesFile.parse("""
				/*
				 * Sampling for the checkout service.
				 */
				{
				  "version": 2,
				  "rules": [
				    {
				      "description": "Checkout", // the money path
				      "host": "shop.example.com",
				      "http_method": "POST",
				      "url_path": "/checkout/*", /* every step */
				      "fixed_target": 5,
				      "rate": 0.5
				    }
				  ],
				  "default": {"fixed_target": 1, "rate": 0.01} // X-Ray's default is 1 and 0.05
				}
				""", "rules.json");
		assertThat(file.getRules())
			.containsExactly(new SamplingRule("Checkout", 1, "*", "shop.example.com", "POST", "/checkout/*", 5, 0.5));
		assertThat(file.getDefaultRule()).isEqualTo(SamplingRule.matchingAll("default", 1, 0.01));
	}

	@Test
	void unknownKeyAfterCommentsIsReportedWithItsLocation() {
		assertThatExceptionOfType(InvalidSamplingRulesException.class).isThrownBy(() -> SamplingRulesFile.parse("""
				// rules
				{
				  "version": 1, /* old format */
				  "rules": [{"service_name": "*", "url_pth": "/", "fixed_target": 1, "rate": 0.1}]
				}
				""", "rules.json"))
			.withMessageStartingWith("rules.json: $.rules[0].url_pth is not a known key")
			.withMessageEndingWith("(line 4, column 35)");
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
				""", "rules.json"))
			.withMessage("rules.json: Unexpected character ('}' (code 125)): was expecting double-quote to start "
					+ "property name (line 4, column 1)");
	}

	@Test
	void byteOrderMarkIsAccepted() {
		assertThat(SamplingRulesFile.parse("\uFEFF{\"version\": 2}", "f").getRules()).isEmpty();
	}

}
