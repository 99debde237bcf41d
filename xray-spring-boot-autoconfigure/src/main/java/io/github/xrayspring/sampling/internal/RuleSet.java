package io.github.xrayspring.sampling.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Rules in the order they are tried; the last one matches every request.
 *
 * @author xray-spring-boot-starter team
 */
final class RuleSet {

	private final RuleApplier[] rules;

	private final boolean centralized;

	private RuleSet(List<RuleApplier> rules, boolean centralized) {
		this.rules = rules.toArray(new RuleApplier[0]);
		this.centralized = centralized;
	}

	/**
	 * Compiles local rules, leaving out those for another service.
	 * @param rules the local rules
	 * @param serviceName this service's name
	 * @param statistics where decisions are counted
	 * @return the rule set
	 */
	static RuleSet local(SamplingRules rules, String serviceName, SamplingStatistics statistics) {
		List<RuleApplier> appliers = rules.getRules()
			.stream()
			.filter((rule) -> Glob.of(rule.serviceName(), true).matches(serviceName))
			.map((rule) -> RuleApplier.local(rule, statistics))
			.collect(Collectors.toCollection(ArrayList::new));
		appliers.add(RuleApplier.local(rules.getDefaultRule(), statistics));
		return new RuleSet(appliers, false);
	}

	/**
	 * Creates a rule set of centralized rules, already filtered and sorted, ending with a
	 * rule that matches every request.
	 * @param rules the rules
	 * @return the rule set
	 */
	static RuleSet centralized(List<RuleApplier> rules) {
		return new RuleSet(rules, true);
	}

	boolean isCentralized() {
		return this.centralized;
	}

	List<RuleApplier> rules() {
		return List.of(this.rules);
	}

	RuleApplier match(@Nullable SamplingRequest request) {
		RuleApplier[] rules = this.rules;
		for (int i = 0; i < rules.length - 1; i++) {
			if (rules[i].matches(request)) {
				return rules[i];
			}
		}
		return rules[rules.length - 1];
	}

	@Nullable RuleApplier find(String ruleName) {
		for (RuleApplier rule : this.rules) {
			if (rule.rule().name().equals(ruleName)) {
				return rule;
			}
		}
		return null;
	}

}
