package io.github.xrayspring.sampling.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The compiled rules the sampler tries, in order; the last one matches every request.
 * Centralized rules replace the whole set when they refresh.
 *
 * @author xray-spring-boot-starter team
 */
final class ActiveRules {

	private final CompiledRule[] rules;

	private final boolean centralized;

	private ActiveRules(List<CompiledRule> rules, boolean centralized) {
		this.rules = rules.toArray(new CompiledRule[0]);
		this.centralized = centralized;
	}

	/**
	 * Compiles local rules, leaving out those for another service.
	 * @param rules the local rules
	 * @param serviceName this service's name
	 * @param statistics where decisions are counted
	 * @return the rule set
	 */
	static ActiveRules local(ConfiguredRules rules, String serviceName, SamplingStatistics statistics) {
		List<CompiledRule> appliers = rules.getRules()
			.stream()
			.filter((rule) -> Glob.of(rule.serviceName(), true).matches(serviceName))
			.map((rule) -> CompiledRule.local(rule, statistics))
			.collect(Collectors.toCollection(ArrayList::new));
		appliers.add(CompiledRule.local(rules.getDefaultRule(), statistics));
		return new ActiveRules(appliers, false);
	}

	/**
	 * Creates a rule set of centralized rules, already filtered and sorted, ending with a
	 * rule that matches every request.
	 * @param rules the rules
	 * @return the rule set
	 */
	static ActiveRules centralized(List<CompiledRule> rules) {
		return new ActiveRules(rules, true);
	}

	boolean isCentralized() {
		return this.centralized;
	}

	List<CompiledRule> rules() {
		return List.of(this.rules);
	}

	CompiledRule match(@Nullable SamplingRequest request) {
		CompiledRule[] rules = this.rules;
		for (int i = 0; i < rules.length - 1; i++) {
			if (rules[i].matches(request)) {
				return rules[i];
			}
		}
		return rules[rules.length - 1];
	}

	@Nullable CompiledRule find(String ruleName) {
		for (CompiledRule rule : this.rules) {
			if (rule.rule().name().equals(ruleName)) {
				return rule;
			}
		}
		return null;
	}

}
