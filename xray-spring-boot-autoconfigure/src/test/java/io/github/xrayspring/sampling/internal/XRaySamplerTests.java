package io.github.xrayspring.sampling.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRaySampler}.
 *
 * @author xray-spring-boot-starter team
 */
class XRaySamplerTests {

	private static final Resource SHOP = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop"));

	private static final SamplingRequest GET_ORDERS = new SamplingRequest("GET", "shop.example.com", "/orders/7",
			false);

	private final TestClock clock = TestClock.create(Instant.parse("2026-01-01T00:00:00Z"));

	private final SamplingStatistics statistics = new SamplingStatistics();

	@Test
	void defaultRuleTakesItsReservoirEachSecondAndNoMore() {
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(), 2, 0));
		assertThat(sampledOf(sampler, GET_ORDERS, 100)).isEqualTo(2);
		this.clock.advance(Duration.ofMillis(999));
		assertThat(sampledOf(sampler, GET_ORDERS, 100)).isZero();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(sampledOf(sampler, GET_ORDERS, 100)).isEqualTo(2);
	}

	@Test
	void reservoirDoesNotBurstAfterIdleSeconds() {
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(), 2, 0));
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(sampledOf(sampler, GET_ORDERS, 1000)).isEqualTo(2);
	}

	@Test
	void fixedRateSamplesThatFractionOfTheRest() {
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(), 0, 0.2));
		int sampled = sampledOf(sampler, GET_ORDERS, 10_000);
		// 0.2 ± 5 standard deviations of a binomial with n = 10,000
		assertThat(sampled).isBetween(1800, 2200);
	}

	@Test
	void fixedRateDecidesTheSameTraceIdTheSameWay() {
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(), 0, 0.5));
		for (int i = 0; i < 100; i++) {
			String traceId = IdGenerator.random().generateTraceId();
			boolean first = isSampled(sampler.shouldSample(context(GET_ORDERS), traceId, "", SpanKind.SERVER,
					Attributes.empty(), List.of()));
			assertThat(isSampled(sampler.shouldSample(context(GET_ORDERS), traceId, "", SpanKind.SERVER,
					Attributes.empty(), List.of())))
				.isEqualTo(first);
		}
	}

	@Test
	void fixedRateOfOneAndZero() {
		assertThat(sampledOf(sampler(ConfiguredRules.of(List.of(), 0, 1)), GET_ORDERS, 500)).isEqualTo(500);
		assertThat(sampledOf(sampler(ConfiguredRules.of(List.of(), 0, 0)), GET_ORDERS, 500)).isZero();
	}

	@Test
	void firstMatchingRuleByPriorityDecides() {
		SamplingRule all = rule("all", 1, "*", "*", "/orders/*", 0, 0);
		SamplingRule orders = rule("orders", 5, "*", "*", "/orders/*", 0, 1);
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(orders, all), 0, 1));
		assertThat(sampledOf(sampler, GET_ORDERS, 10)).isZero();
		assertThat(count("all", RuleDecision.NOT_SAMPLED)).isEqualTo(10);
		assertThat(count("orders", RuleDecision.NOT_SAMPLED)).isZero();
	}

	@Test
	void priorityTiesAreBrokenByName() {
		SamplingRule beta = rule("beta", 10, "*", "*", "*", 0, 1);
		SamplingRule alpha = rule("alpha", 10, "*", "*", "*", 0, 0);
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(beta, alpha), 0, 1));
		assertThat(sampledOf(sampler, GET_ORDERS, 10)).isZero();
		assertThat(count("alpha", RuleDecision.NOT_SAMPLED)).isEqualTo(10);
	}

	@Test
	void hostAndMethodMatchIgnoringCaseButPathRespectsCase() {
		SamplingRule rule = rule("orders", 1, "*.EXAMPLE.com", "get", "/orders/*", 0, 1);
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(rule), 0, 0));
		assertThat(sampledOf(sampler, GET_ORDERS, 1)).isEqualTo(1);
		assertThat(sampledOf(sampler, new SamplingRequest("GET", "shop.example.com", "/Orders/7", false), 1)).isZero();
		assertThat(sampledOf(sampler, new SamplingRequest("POST", "shop.example.com", "/orders/7", false), 1)).isZero();
		assertThat(sampledOf(sampler, new SamplingRequest("GET", "other.org", "/orders/7", false), 1)).isZero();
	}

	@Test
	void rulesForAnotherServiceDoNotApply() {
		SamplingRule other = new SamplingRule("other", 1, "billing", "*", "*", "*", 0, 1);
		SamplingRule shop = new SamplingRule("shop", 2, "SHOP", "*", "*", "*", 0, 0);
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(other, shop), 0, 1));
		assertThat(sampledOf(sampler, GET_ORDERS, 10)).isZero();
		assertThat(count("shop", RuleDecision.NOT_SAMPLED)).isEqualTo(10);
	}

	@Test
	void newTraceWithoutRequestFactsMatchesOnlyCatchAllRules() {
		SamplingRule orders = rule("orders", 1, "*", "*", "/orders/*", 0, 1);
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(orders), 0, 0));
		assertThat(sampledOf(sampler, null, 10)).isZero();
		assertThat(count(SamplingRule.DEFAULT_RULE_NAME, RuleDecision.NOT_SAMPLED)).isEqualTo(10);
	}

	@Test
	void remoteSampledParentIsFollowed() {
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(), 0, 0));
		assertThat(isSampled(sample(sampler, remoteParent(true), GET_ORDERS))).isTrue();
		assertThat(this.statistics.snapshot().parentSampled()).isEqualTo(1);
	}

	@Test
	void remoteUnsampledParentIsFollowed() {
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(), 0, 1));
		assertThat(isSampled(sample(sampler, remoteParent(false), GET_ORDERS))).isFalse();
		assertThat(this.statistics.snapshot().parentNotSampled()).isEqualTo(1);
	}

	@Test
	void remoteParentIsIgnoredWithoutRespectParent() {
		XRaySampler sampler = XRaySampler.builder(ConfiguredRules.of(List.of(), 0, 0))
			.clock(this.clock)
			.respectParent(false)
			.build();
		assertThat(isSampled(sample(sampler, remoteParent(true), GET_ORDERS))).isFalse();
	}

	@Test
	void localParentIsAlwaysFollowed() {
		XRaySampler sampler = XRaySampler.builder(ConfiguredRules.of(List.of(), 0, 0))
			.clock(this.clock)
			.statistics(this.statistics)
			.respectParent(false)
			.maxTracesPerSecond(0)
			.build();
		SpanContext parent = SpanContext.create(IdGenerator.random().generateTraceId(),
				IdGenerator.random().generateSpanId(), TraceFlags.getSampled(), TraceState.getDefault());
		assertThat(isSampled(sample(sampler, parent, GET_ORDERS))).isTrue();
		assertThat(this.statistics.snapshot().ceilingHits()).isZero();
	}

	@Test
	void ceilingHoldsAgainstSampledParents() {
		XRaySampler sampler = XRaySampler.builder(ConfiguredRules.of(List.of(), 0, 0))
			.clock(this.clock)
			.statistics(this.statistics)
			.maxTracesPerSecond(3)
			.build();
		int sampled = 0;
		for (int i = 0; i < 50; i++) {
			sampled += isSampled(sample(sampler, remoteParent(true), GET_ORDERS)) ? 1 : 0;
		}
		assertThat(sampled).isEqualTo(3);
		assertThat(this.statistics.snapshot().ceilingHits()).isEqualTo(47);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(isSampled(sample(sampler, remoteParent(true), GET_ORDERS))).isTrue();
	}

	@Test
	void ceilingCountsRuleAndParentDecisionsTogether() {
		XRaySampler sampler = XRaySampler.builder(ConfiguredRules.of(List.of(), 0, 1))
			.clock(this.clock)
			.statistics(this.statistics)
			.maxTracesPerSecond(5)
			.build();
		assertThat(sampledOf(sampler, GET_ORDERS, 3)).isEqualTo(3);
		int sampled = 0;
		for (int i = 0; i < 10; i++) {
			sampled += isSampled(sample(sampler, remoteParent(true), GET_ORDERS)) ? 1 : 0;
		}
		assertThat(sampled).isEqualTo(2);
		assertThat(sampledOf(sampler, GET_ORDERS, 10)).isZero();
		assertThat(count(SamplingRule.DEFAULT_RULE_NAME, RuleDecision.NOT_SAMPLED)).isEqualTo(10);
	}

	@Test
	void actuatorRequestsAreNeverSampledByDefault() {
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(), 10, 1));
		SamplingRequest health = new SamplingRequest("GET", "localhost", "/actuator/health", true);
		assertThat(sampledOf(sampler, health, 5)).isZero();
		assertThat(isSampled(sample(sampler, remoteParent(true), health))).isFalse();
		assertThat(this.statistics.snapshot().actuatorNotSampled()).isEqualTo(6);
	}

	@Test
	void actuatorRequestsFollowRulesWhenTraced() {
		XRaySampler sampler = XRaySampler.builder(ConfiguredRules.of(List.of(), 0, 1))
			.clock(this.clock)
			.traceActuator(true)
			.build();
		SamplingRequest health = new SamplingRequest("GET", "localhost", "/actuator/health", true);
		assertThat(sampledOf(sampler, health, 5)).isEqualTo(5);
	}

	@Test
	void statisticsListRulesInOrderWithCounts() {
		SamplingRule orders = rule("orders", 5, "*", "*", "/orders/*", 1, 0);
		XRaySampler sampler = sampler(ConfiguredRules.of(List.of(orders), 0, 0));
		sampledOf(sampler, GET_ORDERS, 4);
		SamplingStatistics.Snapshot snapshot = this.statistics.snapshot();
		assertThat(snapshot.rules()).extracting(SamplingStatistics.Rule::name).containsExactly("orders", "default");
		assertThat(snapshot.rules().get(0).sampled()).isEqualTo(1);
		assertThat(snapshot.rules().get(0).notSampled()).isEqualTo(3);
		assertThat(snapshot.remote().state()).isEqualTo(SamplingStatistics.RemoteState.DISABLED);
	}

	private XRaySampler sampler(ConfiguredRules rules) {
		return XRaySampler.builder(rules).clock(this.clock).resource(SHOP).statistics(this.statistics).build();
	}

	private static SamplingRule rule(String name, int priority, String host, String method, String path, int reservoir,
			double rate) {
		return new SamplingRule(name, priority, "*", host, method, path, reservoir, rate);
	}

	private long count(String rule, RuleDecision decision) {
		return this.statistics.counters(rule).count(decision);
	}

	private static int sampledOf(XRaySampler sampler, @Nullable SamplingRequest request, int requests) {
		int sampled = 0;
		for (int i = 0; i < requests; i++) {
			sampled += isSampled(sample(sampler, SpanContext.getInvalid(), request)) ? 1 : 0;
		}
		return sampled;
	}

	private static SamplingResult sample(XRaySampler sampler, SpanContext parent, @Nullable SamplingRequest request) {
		Context context = context(request).with(Span.wrap(parent));
		String traceId = (parent.isValid()) ? parent.getTraceId() : IdGenerator.random().generateTraceId();
		return sampler.shouldSample(context, traceId, "", SpanKind.SERVER, Attributes.empty(), List.of());
	}

	private static Context context(@Nullable SamplingRequest request) {
		return (request != null) ? Context.root().with(request) : Context.root();
	}

	private static SpanContext remoteParent(boolean sampled) {
		return SpanContext.createFromRemoteParent(IdGenerator.random().generateTraceId(),
				IdGenerator.random().generateSpanId(), sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
				TraceState.getDefault());
	}

	private static boolean isSampled(SamplingResult result) {
		return result.getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
	}

}
