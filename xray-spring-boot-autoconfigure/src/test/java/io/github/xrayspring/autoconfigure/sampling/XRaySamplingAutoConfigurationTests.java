package io.github.xrayspring.autoconfigure.sampling;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.xrayspring.autoconfigure.StartupFailures;
import io.github.xrayspring.sampling.internal.SamplingRequest;
import io.github.xrayspring.sampling.internal.SamplingStatistics;
import io.github.xrayspring.sampling.internal.SamplingStatistics.RemoteState;
import io.github.xrayspring.sampling.internal.XRaySampler;
import io.github.xrayspring.web.internal.RequestFactsFilter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link XRaySamplingAutoConfiguration}.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class XRaySamplingAutoConfigurationTests {

	private static final String RULES = "classpath:io/github/xrayspring/autoconfigure/sampling/";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, XRaySamplingAutoConfiguration.class));

	@Test
	void samplerReplacesSpringBootSampler() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Sampler.class).hasSingleBean(XRaySampler.class);
			assertThat(context.getBean(SdkTracerProvider.class).getSampler().getDescription())
				.startsWith("UndecidedParentSampler{XRaySampler{");
			assertThat(context.getBean(XRaySampler.class).getStatistics())
				.isSameAs(context.getBean(SamplingStatistics.class));
		});
	}

	@Test
	void defaultRuleIsOnePerSecondAndFivePercent() {
		this.contextRunner.run((context) -> assertThat(rules(context)).singleElement().satisfies((rule) -> {
			assertThat(rule.name()).isEqualTo("default");
			assertThat(rule.reservoirPerSecond()).isEqualTo(1);
			assertThat(rule.fixedRate()).isEqualTo(0.05);
		}));
	}

	@Test
	void backsOffWhenXRayIsDisabled() {
		this.contextRunner.withPropertyValues("xray.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(Sampler.class)
				.doesNotHaveBean(XRaySampler.class)
				.doesNotHaveBean(SamplingStatistics.class));
	}

	@Test
	void backsOffWhenSamplingIsDisabled() {
		this.contextRunner.withPropertyValues("xray.sampling.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(Sampler.class).doesNotHaveBean(XRaySampler.class));
	}

	@Test
	void backsOffForUserSampler() {
		this.contextRunner.withUserConfiguration(UserSamplerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(Sampler.class)
				.doesNotHaveBean(XRaySampler.class)
				.doesNotHaveBean(RequestFactsFilter.class));
	}

	@Test
	void rulesFromPropertiesAndFileAreMergedByPriority() {
		this.contextRunner
			.withPropertyValues("xray.sampling.rules-file=" + RULES + "rules.json",
					"xray.sampling.rules[0].name=orders", "xray.sampling.rules[0].url-path=/orders/*",
					"xray.sampling.rules[0].fixed-rate=0.2", "xray.sampling.rules[1].priority=0",
					"xray.sampling.rules[1].url-path=/health", "xray.sampling.rules[2].name=zeta",
					"xray.sampling.rules[2].priority=1")
			.run((context) -> {
				assertThat(rules(context)).extracting(SamplingStatistics.Rule::name)
					.containsExactly("rules[1]", "Checkout", "zeta", "orders", "default");
				assertThat(rules(context).get(1).reservoirPerSecond()).isEqualTo(2);
			});
	}

	@Test
	void rulesFileDefaultReplacesDefaultRuleProperties() {
		this.contextRunner
			.withPropertyValues("xray.sampling.rules-file=" + RULES + "rules.json",
					"xray.sampling.reservoir-per-second=5")
			.run((context) -> {
				SamplingStatistics.Rule defaultRule = rules(context).get(1);
				assertThat(defaultRule.reservoirPerSecond()).isZero();
				assertThat(defaultRule.fixedRate()).isEqualTo(0.01);
			});
	}

	@Test
	void negativeReservoirFailsStartup() {
		assertFailure("xray.sampling.reservoir-per-second=-1", "xray.sampling.reservoir-per-second",
				"Must not be negative");
	}

	@Test
	void rateOutsideZeroToOneFailsStartup() {
		assertFailure("xray.sampling.fixed-rate=1.5", "xray.sampling.fixed-rate", "Must be between 0 and 1");
		assertFailure("xray.sampling.rules[0].fixed-rate=-0.1", "xray.sampling.rules[0].fixed-rate",
				"Must be between 0 and 1");
	}

	@Test
	void negativeRuleReservoirFailsStartup() {
		assertFailure("xray.sampling.rules[0].reservoir-per-second=-3", "xray.sampling.rules[0].reservoir-per-second",
				"Must not be negative");
	}

	@Test
	void negativeCeilingFailsStartup() {
		assertFailure("xray.sampling.max-traces-per-second=-1", "xray.sampling.max-traces-per-second",
				"Must not be negative");
	}

	@Test
	void duplicateRuleNamesFailStartup() {
		this.contextRunner.withPropertyValues("xray.sampling.rules[0].name=a", "xray.sampling.rules[1].name=a")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("xray.sampling.rules[1].name"));
	}

	@Test
	void misspeltRuleKeyFailsStartupNamingTheProperty() {
		// with a known key beside it, Spring Boot binds the rule and ignores the misspelt
		// one
		this.contextRunner
			.withPropertyValues("xray.sampling.rules[0].path=/authors/summary", "xray.sampling.rules[0].fixed-rate=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property xray.sampling.rules[0].path with value '/authors/summary' is invalid")
				.hasMessageContaining("'path' is not a sampling rule key; did you mean 'url-path'?"));
		this.contextRunner
			.withPropertyValues("xray.sampling.rules[0].name=a", "xray.sampling.rules[1].name=b",
					"xray.sampling.rules[1].fixed-rte=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("xray.sampling.rules[1].fixed-rte")
				.hasMessageContaining("did you mean 'fixed-rate'?"));
		this.contextRunner.withPropertyValues("xray.sampling.rules[0].name=a", "xray.sampling.rules[0].url-path.x=/a")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("xray.sampling.rules[0].url-path.x")
				.hasMessageContaining("is not a sampling rule key"));
	}

	@Test
	void ruleWithOnlyAnUnknownKeyFailsBindingNamingTheProperty() {
		this.contextRunner.withPropertyValues("xray.sampling.rules[0].path=/authors/summary")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("xray.sampling.rules[0].path"));
	}

	@Test
	void ruleKeysBindRelaxed() {
		this.contextRunner
			.withPropertyValues("xray.sampling.rules[0].urlPath=/a", "xray.sampling.rules[0].HTTP_METHOD=GET",
					"xray.sampling.rules[0].fixed-rate=0.5")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void catchAllRuleNotNamedDefaultIsWarnedAbout(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("xray.sampling.rules[0].name=everything", "xray.sampling.rules[0].fixed-rate=0",
					"xray.sampling.rules[1].name=orders", "xray.sampling.rules[1].url-path=/orders/*")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).containsOnlyOnce("Sampling rule 'everything' (xray.sampling.rules[0]) matches "
						+ "every request, so the rules after it and the default rule never decide");
			});
	}

	@Test
	void missingRulesFileFailsStartup() {
		assertFailure("xray.sampling.rules-file=" + RULES + "missing.json", "xray.sampling.rules-file",
				"cannot be read");
	}

	@Test
	void unknownKeyInRulesFileFailsStartupWithLocation() {
		assertFailure("xray.sampling.rules-file=" + RULES + "unknown-key.json", "xray.sampling.rules-file",
				RULES + "unknown-key.json: $.rules[0].url_pth is not a known key");
		assertFailure("xray.sampling.rules-file=" + RULES + "unknown-key.json", "xray.sampling.rules-file",
				"(line 6, column 7)");
	}

	@Test
	void malformedRulesFileFailsStartupWithLocation() {
		assertFailure("xray.sampling.rules-file=" + RULES + "malformed.json", "xray.sampling.rules-file",
				"malformed.json: Unexpected end-of-input: expected close marker for Object (line 6, column 1)");
	}

	@Test
	void invalidRemoteEndpointFailsStartup() {
		this.contextRunner.withPropertyValues("xray.sampling.remote.enabled=true")
			.withPropertyValues("xray.sampling.remote.endpoint=localhost:2000")
			.run((context) -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: xray.sampling.remote.endpoint"));
	}

	@Test
	void nonPositivePollingIntervalFailsStartup() {
		this.contextRunner.withPropertyValues("xray.sampling.remote.enabled=true")
			.withPropertyValues("xray.sampling.remote.polling-interval=0s")
			.run((context) -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: xray.sampling.remote.polling-interval"));
	}

	@Test
	void unreachableRemoteEndpointLeavesLocalRulesInUse() {
		this.contextRunner
			.withPropertyValues("xray.sampling.remote.enabled=true", "xray.sampling.remote.endpoint=http://127.0.0.1:1")
			.run((context) -> {
				SamplingStatistics statistics = context.getBean(SamplingStatistics.class);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(
							() -> assertThat(statistics.snapshot().remote().state()).isEqualTo(RemoteState.FALLBACK));
				assertThat(statistics.snapshot().rules()).extracting(SamplingStatistics.Rule::name)
					.containsExactly("default");
			});
	}

	private static List<SamplingStatistics.Rule> rules(AssertableApplicationContext context) {
		return context.getBean(SamplingStatistics.class).snapshot().rules();
	}

	private void assertFailure(String property, String name, String message) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.describe(context.getStartupFailure())).contains(name).contains(message);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSamplerConfiguration {

		@Bean
		Sampler userSampler() {
			return Sampler.alwaysOn();
		}

	}

}
