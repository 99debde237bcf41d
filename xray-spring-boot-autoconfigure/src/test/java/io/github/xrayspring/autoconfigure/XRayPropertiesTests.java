package io.github.xrayspring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the validation of {@link XRayProperties} at binding, with no other bean in
 * the context (no DataSource, no tracer).
 *
 * @author xray-spring-boot-starter team
 */
class XRayPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
							xray.jdbc.slow-query-threshold=-1s          | xray.jdbc.slow-query-threshold          | Must not be negative.
							xray.jdbc.max-statement-length=0             | xray.jdbc.max-statement-length          | Must be at least 1.
							xray.jdbc.max-statement-length=-5            | xray.jdbc.max-statement-length          | Must be at least 1.
							xray.jdbc.n-plus-one-threshold=-1            | xray.jdbc.n-plus-one-threshold          | Must be at least 1.
							xray.sampling.fixed-rate=1.5                 | xray.sampling.fixed-rate                | Must be between 0 and 1.
							xray.sampling.fixed-rate=-0.1                | xray.sampling.fixed-rate                | Must be between 0 and 1.
							xray.sampling.reservoir-per-second=-1        | xray.sampling.reservoir-per-second      | Must not be negative.
							xray.sampling.max-traces-per-second=-1       | xray.sampling.max-traces-per-second     | Must not be negative.
							xray.sampling.rules[0].fixed-rate=2          | xray.sampling.rules[0].fixed-rate       | Must be between 0 and 1.
							xray.sampling.rules[0].reservoir-per-second=-3 | xray.sampling.rules[0].reservoir-per-second | Must not be negative.
							xray.sampling.remote.polling-interval=0s     | xray.sampling.remote.polling-interval   | Must be positive.
					xray.cost.price-per-million-traces=-1        | xray.cost.price-per-million-traces      | Must not be negative.
					xray.cost.price-per-gb=-0.5                  | xray.cost.price-per-gb                  | Must not be negative.
					xray.preview.max-traces=0                    | xray.preview.max-traces                 | Must be at least 1.
					xray.preview.max-bytes=0B                    | xray.preview.max-bytes                  | Must be positive.
									""")
	void badValueFailsBindingWithBootsReportNamingTheProperty(String property, String name, String reason) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			String description = StartupFailures.describe(context.getStartupFailure());
			assertThat(description).contains("Property: " + name + "\n").contains("Reason: " + reason);
		});
	}

	@Test
	void remoteEndpointIsCheckedWhenCentralizedRulesAreOn() {
		this.contextRunner.withPropertyValues("xray.sampling.remote.endpoint=localhost:2000")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues("xray.sampling.remote.enabled=true", "xray.sampling.remote.endpoint=localhost:2000")
			.run((context) -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: xray.sampling.remote.endpoint\n")
				.contains("Reason: Must be an http or https URL"));
	}

	@Test
	void everyBadValueIsReportedAtOnce() {
		this.contextRunner
			.withPropertyValues("xray.jdbc.slow-query-threshold=-1s", "xray.sampling.fixed-rate=3",
					"xray.jdbc.n-plus-one-threshold=0")
			.run((context) -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: xray.jdbc.slow-query-threshold")
				.contains("Property: xray.sampling.fixed-rate")
				.contains("Property: xray.jdbc.n-plus-one-threshold"));
	}

	@Test
	void defaultsAndBoundaryValuesAreValid() {
		this.contextRunner
			.withPropertyValues("xray.jdbc.slow-query-threshold=0s", "xray.jdbc.max-statement-length=1",
					"xray.jdbc.n-plus-one-threshold=1", "xray.sampling.fixed-rate=1",
					"xray.sampling.reservoir-per-second=0", "xray.sampling.max-traces-per-second=0")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void unknownEnumValueIsReportedByBoot() {
		this.contextRunner.withPropertyValues("xray.exporter.type=zipkin")
			.run((context) -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: xray.exporter.type"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(XRayProperties.class)
	static class PropertiesConfiguration {

	}

}
