package io.github.xrayspring.sampling.internal;

/**
 * How a sampling rule decided a new trace.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public enum RuleDecision {

	/**
	 * Sampled by the rule's reservoir or fixed rate.
	 */
	SAMPLED("sampled"),

	/**
	 * Sampled with the one trace per second a centralized rule borrows until X-Ray
	 * assigns it a quota.
	 */
	BORROWED("borrowed"),

	/**
	 * Not sampled.
	 */
	NOT_SAMPLED("not_sampled");

	private final String tag;

	RuleDecision(String tag) {
		this.tag = tag;
	}

	/**
	 * Returns the value of the {@code decision} meter tag.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

}
