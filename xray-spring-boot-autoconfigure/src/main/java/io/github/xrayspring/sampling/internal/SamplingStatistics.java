package io.github.xrayspring.sampling.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Sampling counts for meters and the actuator endpoint: per rule name, decisions that
 * followed an incoming parent, ceiling hits, skipped actuator requests and the state of
 * centralized rules.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class SamplingStatistics {

	private final ConcurrentMap<String, RuleCounters> counters = new ConcurrentHashMap<>();

	private final List<Consumer<RuleCounters>> listeners = new CopyOnWriteArrayList<>();

	final LongAdder parentSampled = new LongAdder();

	final LongAdder parentNotSampled = new LongAdder();

	final LongAdder ceilingHits = new LongAdder();

	final LongAdder actuatorNotSampled = new LongAdder();

	private volatile List<CompiledRule> activeRules = List.of();

	private volatile Remote remote = new Remote(RemoteState.DISABLED, null, null, null);

	public RuleCounters counters(String ruleName) {
		RuleCounters existing = this.counters.get(ruleName);
		if (existing != null) {
			return existing;
		}
		RuleCounters created = new RuleCounters(ruleName);
		RuleCounters previous = this.counters.putIfAbsent(ruleName, created);
		if (previous != null) {
			return previous;
		}
		this.listeners.forEach((listener) -> listener.accept(created));
		return created;
	}

	/**
	 * Calls the listener for the counters of every rule seen so far and of every rule
	 * seen later.
	 * @param listener the listener
	 */
	public void forEachRule(Consumer<RuleCounters> listener) {
		this.listeners.add(listener);
		this.counters.values().forEach(listener);
	}

	/**
	 * Returns the new local traces the rules sampled (by reservoir, fixed rate or a
	 * borrowed reservoir), over every rule name seen: the traces this process starts
	 * recording. Traces that followed an incoming sampled header are not included.
	 * @return the number of traces sampled by the rules since startup
	 */
	public long sampledByRules() {
		long sampled = 0;
		for (RuleCounters ruleCounters : this.counters.values()) {
			sampled += ruleCounters.count(RuleDecision.SAMPLED) + ruleCounters.count(RuleDecision.BORROWED);
		}
		return sampled;
	}

	void activeRules(List<CompiledRule> rules) {
		this.activeRules = rules;
	}

	void remote(Remote remote) {
		this.remote = remote;
	}

	/**
	 * Returns the current counts.
	 * @return a snapshot of the counts
	 */
	public Snapshot snapshot() {
		List<Rule> rules = new ArrayList<>();
		for (CompiledRule applier : this.activeRules) {
			RuleCounters ruleCounters = applier.counters();
			SamplingRule rule = applier.rule();
			rules.add(new Rule(rule.name(), rule.priority(), applier.isCentralized(), rule.reservoirPerSecond(),
					applier.currentFixedRate(), ruleCounters.count(RuleDecision.SAMPLED),
					ruleCounters.count(RuleDecision.BORROWED), ruleCounters.count(RuleDecision.NOT_SAMPLED)));
		}
		return new Snapshot(List.copyOf(rules), this.parentSampled.sum(), this.parentNotSampled.sum(),
				this.ceilingHits.sum(), this.actuatorNotSampled.sum(), this.remote);
	}

	/**
	 * Sampling counts at one moment.
	 *
	 * @param rules the rules in use, in the order they are tried, the default last
	 * @param parentSampled new local traces sampled because the incoming header said so
	 * @param parentNotSampled new local traces not sampled because the incoming header
	 * said so
	 * @param ceilingHits traces not sampled because of the traces-per-second ceiling
	 * @param actuatorNotSampled actuator requests not sampled
	 * @param remote the state of centralized rules
	 */
	public record Snapshot(List<Rule> rules, long parentSampled, long parentNotSampled, long ceilingHits,
			long actuatorNotSampled, Remote remote) {

	}

	/**
	 * One rule in use and its counts since startup.
	 *
	 * @param name the rule name
	 * @param priority the priority
	 * @param centralized whether the rule comes from X-Ray's centralized rules
	 * @param reservoirPerSecond traces per second always sampled (for centralized rules,
	 * shared by all instances)
	 * @param fixedRate fraction of the remaining traces sampled
	 * @param sampled traces sampled by the reservoir or fixed rate
	 * @param borrowed traces sampled with a borrowed reservoir
	 * @param notSampled traces not sampled
	 */
	public record Rule(String name, int priority, boolean centralized, int reservoirPerSecond, double fixedRate,
			long sampled, long borrowed, long notSampled) {

	}

	/**
	 * The state of centralized rules.
	 *
	 * @param state the state
	 * @param endpoint the sampling endpoint, when enabled
	 * @param lastSuccess when rules or targets were last fetched
	 * @param lastError the last failure, if it has not been followed by a success
	 */
	public record Remote(RemoteState state, @Nullable String endpoint, @Nullable Instant lastSuccess,
			@Nullable String lastError) {

	}

	/**
	 * Where the rules in use come from.
	 */
	public enum RemoteState {

		/**
		 * Centralized rules are not enabled; the local rules are in use.
		 */
		DISABLED,

		/**
		 * Centralized rules have not been fetched yet; the local rules are in use.
		 */
		STARTING,

		/**
		 * Centralized rules are in use.
		 */
		CENTRALIZED,

		/**
		 * The sampling endpoint is unreachable or answers garbage; the local rules are in
		 * use until it recovers.
		 */
		FALLBACK

	}

}
