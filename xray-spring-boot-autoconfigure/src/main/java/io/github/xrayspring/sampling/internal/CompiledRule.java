package io.github.xrayspring.sampling.internal;

import org.jspecify.annotations.Nullable;

/**
 * A rule ready to decide: compiled matchers, its reservoir and, for a centralized rule,
 * the quota X-Ray last assigned to this instance.
 *
 * @author xray-spring-boot-starter team
 */
final class CompiledRule {

	private final SamplingRule rule;

	private final Glob host;

	private final Glob httpMethod;

	private final Glob urlPath;

	private final boolean matchesAll;

	private final RuleCounters counters;

	private final boolean centralized;

	/**
	 * Local rules: the reservoir. Centralized rules: the one trace per second borrowed.
	 */
	private final Reservoir reservoir;

	private final long fixedRateBound;

	private volatile @Nullable Target target;

	private CompiledRule(SamplingRule rule, RuleCounters counters, boolean centralized) {
		this.rule = rule;
		this.host = Glob.of(rule.host(), true);
		this.httpMethod = Glob.of(rule.httpMethod(), true);
		this.urlPath = Glob.of(rule.urlPath(), false);
		this.matchesAll = this.host.matchesAll() && this.httpMethod.matchesAll() && this.urlPath.matchesAll();
		this.counters = counters;
		this.centralized = centralized;
		this.reservoir = new Reservoir(
				(centralized) ? Math.min(1, rule.reservoirPerSecond()) : rule.reservoirPerSecond());
		this.fixedRateBound = fixedRateBound(rule.fixedRate());
	}

	static CompiledRule local(SamplingRule rule, SamplingStatistics statistics) {
		return new CompiledRule(rule, statistics.counters(rule.name()), false);
	}

	static CompiledRule centralized(SamplingRule rule, SamplingStatistics statistics) {
		return new CompiledRule(rule, statistics.counters(rule.name()), true);
	}

	SamplingRule rule() {
		return this.rule;
	}

	RuleCounters counters() {
		return this.counters;
	}

	boolean isCentralized() {
		return this.centralized;
	}

	@Nullable Target target() {
		return this.target;
	}

	void target(@Nullable Target target) {
		this.target = target;
	}

	double currentFixedRate() {
		Target target = this.target;
		return (target != null) ? target.fixedRate() : this.rule.fixedRate();
	}

	boolean matches(@Nullable SamplingRequest request) {
		if (this.matchesAll) {
			return true;
		}
		if (request == null) {
			return false;
		}
		return this.urlPath.matches(request.path()) && this.httpMethod.matches(request.method())
				&& this.host.matches(request.host());
	}

	RuleDecision decide(long epochMillis, String traceId) {
		long second = epochMillis / 1000;
		long bound = this.fixedRateBound;
		Target target = this.target;
		if (target != null && epochMillis < target.expiresAtMillis()) {
			if (target.quota().tryTake(second)) {
				return RuleDecision.SAMPLED;
			}
			bound = target.fixedRateBound();
		}
		else {
			if (target != null) {
				bound = target.fixedRateBound();
			}
			if (this.reservoir.tryTake(second)) {
				return (this.centralized) ? RuleDecision.BORROWED : RuleDecision.SAMPLED;
			}
		}
		if (bound == 0) {
			return RuleDecision.NOT_SAMPLED;
		}
		if (bound == Long.MAX_VALUE) {
			return RuleDecision.SAMPLED;
		}
		return (randomPart(traceId) < bound) ? RuleDecision.SAMPLED : RuleDecision.NOT_SAMPLED;
	}

	/**
	 * Returns the bound under which the random part of a trace ID is sampled.
	 * @param fixedRate the fraction to sample
	 * @return the bound
	 */
	static long fixedRateBound(double fixedRate) {
		if (fixedRate >= 1) {
			return Long.MAX_VALUE;
		}
		return (long) (fixedRate * Long.MAX_VALUE);
	}

	/**
	 * Returns the last 16 hex digits of a trace ID (random in both X-Ray and W3C IDs) as
	 * a non-negative long, like OpenTelemetry's ratio sampler, so that services deciding
	 * the same trace ID with the same rate agree.
	 * @param traceId the trace ID in lower-case hex
	 * @return the random part
	 */
	static long randomPart(String traceId) {
		long value = 0;
		for (int i = traceId.length() - 16; i < traceId.length(); i++) {
			char c = traceId.charAt(i);
			// branch-free hex digit: '0'-'9' are 0x3_, 'a'-'f' and 'A'-'F' have bit 6 set
			value = (value << 4) | ((c & 0xF) + 9 * (c >>> 6));
		}
		return value & Long.MAX_VALUE;
	}

	/**
	 * The reservoir quota and fixed rate X-Ray assigned to a centralized rule.
	 *
	 * @param quota traces per second this instance may take
	 * @param expiresAtMillis when the quota expires
	 * @param fixedRate the fixed rate
	 * @param fixedRateBound the fixed rate as a trace ID bound
	 */
	record Target(Reservoir quota, long expiresAtMillis, double fixedRate, long fixedRateBound) {

		static Target of(int quotaPerSecond, long expiresAtMillis, double fixedRate) {
			return new Target(new Reservoir(quotaPerSecond), expiresAtMillis, fixedRate,
					CompiledRule.fixedRateBound(fixedRate));
		}

	}

}
