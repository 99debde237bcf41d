package io.github.xrayspring.library;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Bad configuration stops the library at startup with Spring Boot's report naming the
 * property.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class LibraryStartupTests {

	@Test
	void misspeltSamplingRuleKeyFailsStartupNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--xray.sampling.rules[0].name=summary",
				"--xray.sampling.rules[0].path=/authors/summary", "--xray.sampling.rules[0].fixed-rate=0"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("xray.sampling.rules[0].path")
			.contains("did you mean 'url-path'?");
	}

	@Test
	void negativeSlowQueryThresholdFailsStartupNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--xray.jdbc.slow-query-threshold=-1s"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: xray.jdbc.slow-query-threshold")
			.contains("Reason: Must not be negative.");
	}

	private static void start(String... args) {
		new SpringApplicationBuilder(LibraryApplication.class).run(concat("--server.port=0", args)).close();
	}

	private static String[] concat(String first, String[] rest) {
		String[] all = new String[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

}
