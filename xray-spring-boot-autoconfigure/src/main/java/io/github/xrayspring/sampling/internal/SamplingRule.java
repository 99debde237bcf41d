package io.github.xrayspring.sampling.internal;

import org.springframework.util.Assert;

/**
 * One X-Ray sampling rule: which requests it matches, how many traces per second it
 * always takes (the reservoir) and the fraction of the rest it samples.
 *
 * @param name the rule name, used in meters and to break priority ties
 * @param priority the priority; the lowest number is tried first
 * @param serviceName the service name to match, case-insensitive
 * @param host the host to match (without port), case-insensitive
 * @param httpMethod the HTTP method to match, case-insensitive
 * @param urlPath the URL path to match without the query string, case-sensitive
 * @param reservoirPerSecond traces per second always sampled
 * @param fixedRate fraction of the remaining traces sampled, from 0 to 1
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public record SamplingRule(String name, int priority, String serviceName, String host, String httpMethod,
		String urlPath, int reservoirPerSecond, double fixedRate) {

	/**
	 * Name of the rule that applies when no other rule matches.
	 */
	public static final String DEFAULT_RULE_NAME = "default";

	public SamplingRule {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(serviceName, "'serviceName' must not be null");
		Assert.notNull(host, "'host' must not be null");
		Assert.notNull(httpMethod, "'httpMethod' must not be null");
		Assert.notNull(urlPath, "'urlPath' must not be null");
		Assert.isTrue(reservoirPerSecond >= 0, "'reservoirPerSecond' must not be negative");
		Assert.isTrue(fixedRate >= 0 && fixedRate <= 1, "'fixedRate' must be between 0 and 1");
	}

	/**
	 * Returns a rule that matches every request.
	 * @param name the rule name
	 * @param reservoirPerSecond traces per second always sampled
	 * @param fixedRate fraction of the remaining traces sampled
	 * @return the rule
	 */
	public static SamplingRule matchingAll(String name, int reservoirPerSecond, double fixedRate) {
		return new SamplingRule(name, Integer.MAX_VALUE, "*", "*", "*", "*", reservoirPerSecond, fixedRate);
	}

}
