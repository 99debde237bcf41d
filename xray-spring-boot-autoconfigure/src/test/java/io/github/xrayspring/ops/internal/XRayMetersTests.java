package io.github.xrayspring.ops.internal;

import io.github.xrayspring.sampling.internal.RuleDecision;
import io.github.xrayspring.sampling.internal.SamplingStatistics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayMeters}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayMetersTests {

	private final SamplingStatistics statistics = new SamplingStatistics();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void countsEveryDecisionOfEveryRule() {
		this.statistics.counters("orders").increment(RuleDecision.SAMPLED);
		new XRayMeters(this.statistics, null).bindTo(this.registry);
		this.statistics.counters("orders").increment(RuleDecision.NOT_SAMPLED);
		this.statistics.counters("orders").increment(RuleDecision.NOT_SAMPLED);
		assertThat(count("orders", "sampled")).isEqualTo(1);
		assertThat(count("orders", "borrowed")).isZero();
		assertThat(count("orders", "not_sampled")).isEqualTo(2);
	}

	@Test
	void rulesThatAppearLaterGetMeters() {
		new XRayMeters(this.statistics, null).bindTo(this.registry);
		this.statistics.counters("Default").increment(RuleDecision.BORROWED);
		assertThat(count("Default", "borrowed")).isEqualTo(1);
	}

	private double count(String rule, String decision) {
		return this.registry.get("xray.sampling.decisions")
			.tag("rule", rule)
			.tag("decision", decision)
			.functionCounter()
			.count();
	}

}
