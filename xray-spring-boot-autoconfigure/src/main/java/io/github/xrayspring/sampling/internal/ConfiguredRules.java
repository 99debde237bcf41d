package io.github.xrayspring.sampling.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * The rules as configured, from {@code application.yml} and the rules file, before they
 * are compiled into {@link ActiveRules}: the rules in the order they are tried (lowest
 * priority first, ties by name) and the default rule that applies when none matches.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class ConfiguredRules {

	/**
	 * The order in which rules are tried.
	 */
	public static final Comparator<SamplingRule> ORDER = Comparator.comparingInt(SamplingRule::priority)
		.thenComparing(SamplingRule::name);

	private final List<SamplingRule> rules;

	private final SamplingRule defaultRule;

	private ConfiguredRules(List<SamplingRule> rules, SamplingRule defaultRule) {
		this.rules = rules;
		this.defaultRule = defaultRule;
	}

	/**
	 * Creates the rules, sorting them by priority, then name.
	 * @param rules the rules in any order, with unique names
	 * @param defaultReservoirPerSecond traces per second always sampled by the default
	 * rule
	 * @param defaultFixedRate fraction of the remaining traces sampled by the default
	 * rule
	 * @return the rules
	 */
	public static ConfiguredRules of(List<SamplingRule> rules, int defaultReservoirPerSecond, double defaultFixedRate) {
		Set<String> names = new HashSet<>();
		names.add(SamplingRule.DEFAULT_RULE_NAME);
		for (SamplingRule rule : rules) {
			Assert.isTrue(names.add(rule.name()), () -> "Rule name '" + rule.name() + "' is used more than once");
		}
		List<SamplingRule> sorted = new ArrayList<>(rules);
		sorted.sort(ORDER);
		return new ConfiguredRules(List.copyOf(sorted),
				SamplingRule.matchingAll(SamplingRule.DEFAULT_RULE_NAME, defaultReservoirPerSecond, defaultFixedRate));
	}

	/**
	 * Returns the rules in the order they are tried, without the default rule.
	 * @return the rules
	 */
	public List<SamplingRule> getRules() {
		return this.rules;
	}

	/**
	 * Returns the rule that applies when no other rule matches.
	 * @return the default rule
	 */
	public SamplingRule getDefaultRule() {
		return this.defaultRule;
	}

}
