package io.github.xrayspring.sampling.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Cumulative decision counts of one rule name, kept across rule refreshes.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class RuleCounters {

	private final String ruleName;

	private final LongAdder sampled = new LongAdder();

	private final LongAdder borrowed = new LongAdder();

	private final LongAdder notSampled = new LongAdder();

	RuleCounters(String ruleName) {
		this.ruleName = ruleName;
	}

	/**
	 * Returns the rule name.
	 * @return the rule name
	 */
	public String getRuleName() {
		return this.ruleName;
	}

	/**
	 * Returns how many decisions of this rule had the given outcome.
	 * @param decision the outcome
	 * @return the count since startup
	 */
	public long count(RuleDecision decision) {
		return switch (decision) {
			case SAMPLED -> this.sampled.sum();
			case BORROWED -> this.borrowed.sum();
			case NOT_SAMPLED -> this.notSampled.sum();
		};
	}

	public void increment(RuleDecision decision) {
		switch (decision) {
			case SAMPLED -> this.sampled.increment();
			case BORROWED -> this.borrowed.increment();
			case NOT_SAMPLED -> this.notSampled.increment();
		}
	}

}
