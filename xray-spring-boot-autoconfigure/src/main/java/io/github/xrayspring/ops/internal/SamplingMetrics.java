package io.github.xrayspring.ops.internal;

import io.github.xrayspring.sampling.internal.RuleDecision;
import io.github.xrayspring.sampling.internal.SamplingStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Registers {@code xray.sampling.decisions} (tags {@code rule} and {@code decision}) for
 * every rule, including centralized rules that appear later.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class SamplingMetrics implements MeterBinder {

	private final SamplingStatistics statistics;

	/**
	 * Creates a new binder.
	 * @param statistics the statistics to expose
	 */
	public SamplingMetrics(SamplingStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.statistics.forEachRule((counters) -> {
			for (RuleDecision decision : RuleDecision.values()) {
				FunctionCounter.builder("xray.sampling.decisions", counters, (rule) -> rule.count(decision))
					.description("Sampling decisions of new local traces, by rule")
					.tag("rule", counters.getRuleName())
					.tag("decision", decision.tag())
					.register(registry);
			}
		});
	}

}
