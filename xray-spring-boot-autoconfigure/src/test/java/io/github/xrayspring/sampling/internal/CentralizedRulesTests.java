package io.github.xrayspring.sampling.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.xrayspring.sampling.internal.SamplingStatistics.RemoteState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.IdGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for centralized rules through {@link XRaySampler}, against a fake X-Ray sampling
 * API.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class CentralizedRulesTests {

	private static final Resource SHOP = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop",
			AttributeKey.stringKey("cloud.platform"), "aws_ecs"));

	private static final SamplingRequest ORDERS = new SamplingRequest("GET", "shop.example.com", "/orders/7", false);

	private static final SamplingRequest HOME = new SamplingRequest("GET", "shop.example.com", "/", false);

	private final TestClock clock = TestClock.create(Instant.parse("2026-01-01T00:00:00.100Z"));

	private final SamplingStatistics statistics = new SamplingStatistics();

	private FakeSamplingApi api;

	private XRaySampler sampler;

	@BeforeEach
	void startApi() throws Exception {
		this.api = FakeSamplingApi.start().serving();
	}

	@AfterEach
	void stop() {
		if (this.sampler != null) {
			this.sampler.close();
		}
		this.api.close();
	}

	@Test
	void centralizedRulesReplaceLocalRules() {
		this.api.setRules(FakeSamplingApi.rulesResponse(FakeSamplingApi.rule("orders", 1, "/orders/*", 0, 1),
				FakeSamplingApi.rule("Default", 10000, "*", 0, 0)));
		startSampler(ConfiguredRules.of(List.of(), 0, 1));
		assertThat(sampledOf(ORDERS, 10)).isEqualTo(10);
		assertThat(sampledOf(HOME, 10)).isZero();
		SamplingStatistics.Snapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.rules()).extracting(SamplingStatistics.Rule::name).containsExactly("orders", "Default");
		assertThat(snapshot.rules()).allMatch(SamplingStatistics.Rule::centralized);
		assertThat(snapshot.remote().endpoint()).isEqualTo(this.api.endpoint());
	}

	@Test
	void localRulesTakeOverWhileEndpointIsDownAndCentralizedRulesComeBack(CapturedOutput output) throws Exception {
		this.api.setRules(FakeSamplingApi.rulesResponse(FakeSamplingApi.rule("Default", 10000, "*", 0, 0)));
		startSampler(ConfiguredRules.of(List.of(), 0, 1));
		assertThat(sampledOf(ORDERS, 10)).isZero();
		this.api.stop();
		this.clock.advance(Duration.ofSeconds(10));
		this.sampler.centralizedRules().refresh();
		this.clock.advance(Duration.ofSeconds(10));
		this.sampler.centralizedRules().refresh();
		assertThat(this.statistics.snapshot().remote().state()).isEqualTo(RemoteState.FALLBACK);
		assertThat(this.statistics.snapshot().remote().lastError()).isNotNull();
		assertThat(sampledOf(ORDERS, 10)).isEqualTo(10);
		assertThat(output.getOut().split("Cannot use X-Ray sampling rules from", -1)).hasSize(2);
		this.api.restart();
		this.clock.advance(Duration.ofSeconds(10));
		this.sampler.centralizedRules().refresh();
		assertThat(this.statistics.snapshot().remote().state()).isEqualTo(RemoteState.CENTRALIZED);
		assertThat(sampledOf(ORDERS, 10)).isZero();
		assertThat(output).contains("Using 1 X-Ray sampling rules from " + this.api.endpoint() + " again");
	}

	@Test
	void garbageFromEndpointFallsBackToLocalRules(CapturedOutput output) {
		this.api.setRules("<html>Bad gateway</html>");
		startSampler(ConfiguredRules.of(List.of(), 0, 1), RemoteState.FALLBACK);
		assertThat(sampledOf(ORDERS, 5)).isEqualTo(5);
		assertThat(output)
			.contains("Cannot use X-Ray sampling rules from " + this.api.endpoint()
					+ " (Unexpected character ('<' (code 60))")
			.contains("(line 1, column 1)); using the local rules");
	}

	@Test
	void oversizedAnswerFallsBackToLocalRules(CapturedOutput output) {
		this.api.setRules("{\"SamplingRuleRecords\": [], \"padding\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}");
		startSampler(ConfiguredRules.of(List.of(), 0, 1), RemoteState.FALLBACK);
		assertThat(sampledOf(ORDERS, 5)).isEqualTo(5);
		assertThat(output).contains("answered more than 1048576 bytes");
	}

	@Test
	void invalidRuleValuesFallBackToLocalRules() {
		this.api.setRules(FakeSamplingApi.rulesResponse(FakeSamplingApi.rule("Default", 10000, "*", 0, 2)));
		startSampler(ConfiguredRules.of(List.of(), 0, 1), RemoteState.FALLBACK);
		assertThat(sampledOf(ORDERS, 5)).isEqualTo(5);
	}

	@Test
	void ruleBorrowsOneTracePerSecondUntilQuotaIsAssigned() {
		this.api.setRules(FakeSamplingApi.rulesResponse(FakeSamplingApi.rule("Default", 10000, "*", 50, 0)));
		startSampler(ConfiguredRules.of(List.of(), 0, 0));
		assertThat(sampledOf(ORDERS, 100)).isEqualTo(1);
		assertThat(this.statistics.snapshot().rules().get(0).borrowed()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(sampledOf(ORDERS, 100)).isEqualTo(1);
	}

	@Test
	void assignedQuotaAppliesUntilItExpiresAndStatisticsAreReported() {
		this.api.setRules(FakeSamplingApi.rulesResponse(FakeSamplingApi.rule("Default", 10000, "*", 50, 0)));
		startSampler(ConfiguredRules.of(List.of(), 0, 0));
		sampledOf(ORDERS, 10);
		long expiry = Instant.parse("2026-01-01T00:01:00Z").getEpochSecond();
		this.api.setTargets("""
				{"LastRuleModification": 1.0, "UnprocessedStatistics": [],
				 "SamplingTargetDocuments": [{"RuleName": "Default", "FixedRate": 0.0, "ReservoirQuota": 3,
				   "ReservoirQuotaTTL": %d.0, "Interval": 10}]}
				""".formatted(expiry));
		this.clock.advance(Duration.ofSeconds(10));
		this.sampler.centralizedRules().refresh();
		assertThat(this.api.targetRequests()).last()
			.asString()
			.contains("\"RuleName\":\"Default\"", "\"RequestCount\":10", "\"SampledCount\":1", "\"BorrowCount\":1");
		assertThat(sampledOf(ORDERS, 100)).isEqualTo(3);
		assertThat(this.statistics.snapshot().rules().get(0).sampled()).isEqualTo(3);
		this.clock.setTime(Instant.parse("2026-01-01T00:01:00Z"));
		assertThat(sampledOf(ORDERS, 100)).isEqualTo(1);
		assertThat(this.statistics.snapshot().rules().get(0).borrowed()).isEqualTo(2);
	}

	@Test
	void targetsFixedRateReplacesRuleRate() {
		this.api.setRules(FakeSamplingApi.rulesResponse(FakeSamplingApi.rule("Default", 10000, "*", 0, 0)));
		startSampler(ConfiguredRules.of(List.of(), 0, 0));
		this.api.setTargets("""
				{"LastRuleModification": 1.0, "SamplingTargetDocuments": [{"RuleName": "Default", "FixedRate": 1.0}]}
				""");
		this.clock.advance(Duration.ofSeconds(10));
		this.sampler.centralizedRules().refresh();
		assertThat(sampledOf(ORDERS, 10)).isEqualTo(10);
		assertThat(this.statistics.snapshot().rules().get(0).fixedRate()).isEqualTo(1.0);
	}

	@Test
	void newerRuleModificationFetchesRulesAgain() {
		this.api.setRules(FakeSamplingApi.rulesResponse(FakeSamplingApi.rule("Default", 10000, "*", 0, 0)));
		startSampler(ConfiguredRules.of(List.of(), 0, 0));
		this.api.setRules(FakeSamplingApi.rulesResponse(FakeSamplingApi.rule("Default", 10000, "*", 0, 1)));
		this.api.setTargets("""
				{"LastRuleModification": %d.0, "SamplingTargetDocuments": []}
				""".formatted(Instant.parse("2026-01-01T00:00:05Z").getEpochSecond()));
		this.clock.advance(Duration.ofSeconds(10));
		this.sampler.centralizedRules().refresh();
		this.sampler.centralizedRules().refresh();
		assertThat(sampledOf(ORDERS, 10)).isEqualTo(10);
	}

	@Test
	void rulesForOtherServicesOrWithAttributesAreLeftOut() {
		this.api
			.setRules(FakeSamplingApi.rulesResponse(FakeSamplingApi.rule("billing", 1, "billing", "*", "*", 0, 1, "{}"),
					FakeSamplingApi.rule("lambda", 2, "*", "AWS::Lambda::Function", "*", 0, 1, "{}"),
					FakeSamplingApi.rule("tenant", 3, "*", "*", "*", 0, 1, "{\"tenant\": \"a\"}"),
					FakeSamplingApi.rule("ecs", 4, "Shop", "AWS::ECS::*", "/orders/*", 0, 1, "{}"),
					FakeSamplingApi.rule("Default", 10000, "*", 0, 0)));
		startSampler(ConfiguredRules.of(List.of(), 0, 0));
		assertThat(this.statistics.snapshot().rules()).extracting(SamplingStatistics.Rule::name)
			.containsExactly("ecs", "Default");
		assertThat(sampledOf(ORDERS, 5)).isEqualTo(5);
	}

	@Test
	void localDefaultRuleEndsRulesWithoutCatchAll() {
		this.api.setRules(FakeSamplingApi.rulesResponse(FakeSamplingApi.rule("orders", 1, "/orders/*", 0, 0)));
		startSampler(ConfiguredRules.of(List.of(), 0, 1));
		assertThat(this.statistics.snapshot().rules()).extracting(SamplingStatistics.Rule::name)
			.containsExactly("orders", "default");
		assertThat(sampledOf(HOME, 5)).isEqualTo(5);
	}

	private void startSampler(ConfiguredRules localRules) {
		startSampler(localRules, RemoteState.CENTRALIZED);
	}

	private void startSampler(ConfiguredRules localRules, RemoteState expected) {
		this.sampler = XRaySampler.builder(localRules)
			.clock(this.clock)
			.resource(SHOP)
			.statistics(this.statistics)
			.centralized(this.api.endpoint(), Duration.ofMinutes(5))
			.targetsInterval(Duration.ofSeconds(10))
			.build();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.statistics.snapshot().remote().state()).isEqualTo(expected));
	}

	private int sampledOf(SamplingRequest request, int requests) {
		int sampled = 0;
		for (int i = 0; i < requests; i++) {
			if (this.sampler
				.shouldSample(Context.root().with(request), IdGenerator.random().generateTraceId(), "", SpanKind.SERVER,
						Attributes.empty(), List.of())
				.getDecision() == io.opentelemetry.sdk.trace.samplers.SamplingDecision.RECORD_AND_SAMPLE) {
				sampled++;
			}
		}
		return sampled;
	}

}
