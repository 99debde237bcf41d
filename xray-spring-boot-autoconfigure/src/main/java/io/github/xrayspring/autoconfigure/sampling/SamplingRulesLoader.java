package io.github.xrayspring.autoconfigure.sampling;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.sampling.internal.ConfiguredRules;
import io.github.xrayspring.sampling.internal.InvalidSamplingRulesException;
import io.github.xrayspring.sampling.internal.SamplingRule;
import io.github.xrayspring.sampling.internal.SamplingRulesFile;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Checks the {@code xray.sampling.*} properties and merges the rules from
 * {@code application.yml} with those of the rules file, failing with the property name
 * (and file location) on bad input.
 *
 * @author xray-spring-boot-starter team
 */
final class SamplingRulesLoader {

	private static final String PREFIX = "xray.sampling.";

	private static final Log logger = LogFactory.getLog(SamplingRulesLoader.class);

	private static final ConfigurationPropertyName RULES = ConfigurationPropertyName.of(PREFIX + "rules");

	// the keys of a rule in their uniform form (relaxed binding ignores case and dashes)
	private static final List<String> RULE_KEYS = List.of("name", "priority", "service-name", "host", "http-method",
			"url-path", "reservoir-per-second", "fixed-rate");

	private final ResourceLoader resourceLoader;

	private final @Nullable Environment environment;

	SamplingRulesLoader(ResourceLoader resourceLoader, @Nullable Environment environment) {
		this.resourceLoader = resourceLoader;
		this.environment = environment;
	}

	ConfiguredRules load(XRayProperties.Sampling sampling) {
		if (this.environment != null) {
			checkRuleKeys(this.environment);
		}
		int reservoir = reservoir("reservoir-per-second", sampling.getReservoirPerSecond());
		double fixedRate = fixedRate("fixed-rate", sampling.getFixedRate());
		List<SamplingRule> rules = new ArrayList<>();
		Set<String> names = new HashSet<>();
		names.add(SamplingRule.DEFAULT_RULE_NAME);
		List<XRayProperties.Sampling.Rule> configured = sampling.getRules();
		for (int i = 0; i < configured.size(); i++) {
			SamplingRule rule = rule(configured.get(i), "rules[" + i + "].");
			if (!names.add(rule.name())) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "rules[" + i + "].name", rule.name(),
						"Rule names must be unique and 'default' is reserved.");
			}
			warnIfCatchAll(rule, PREFIX + "rules[" + i + "]");
			rules.add(rule);
		}
		String location = sampling.getRulesFile();
		if (StringUtils.hasText(location)) {
			SamplingRulesFile file = readRulesFile(location);
			for (SamplingRule rule : file.getRules()) {
				if (!names.add(rule.name())) {
					throw new InvalidConfigurationPropertyValueException(PREFIX + "rules-file", location,
							"The rule '" + rule.name() + "' has the name of a rule in 'xray.sampling.rules'.");
				}
				warnIfCatchAll(rule, location);
				rules.add(rule);
			}
			SamplingRule fileDefault = file.getDefaultRule();
			if (fileDefault != null) {
				reservoir = fileDefault.reservoirPerSecond();
				fixedRate = fileDefault.fixedRate();
			}
		}
		return ConfiguredRules.of(rules, reservoir, fixedRate);
	}

	/**
	 * Fails on a key under {@code xray.sampling.rules[n]} that no rule property binds:
	 * Spring Boot ignores it, and the rule, missing the matcher that was meant, matches
	 * every request.
	 * @param environment the environment holding the rules
	 */
	static void checkRuleKeys(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.filter(RULES::isAncestorOf).stream().forEach((name) -> checkRuleKey(source, name));
			}
		}
	}

	private static void checkRuleKey(ConfigurationPropertySource source, ConfigurationPropertyName name) {
		int keyIndex = RULES.getNumberOfElements() + 1;
		if (name.getNumberOfElements() <= keyIndex || !name.isNumericIndex(keyIndex - 1)) {
			// xray.sampling.rules itself, or a list given as one comma-separated value
			return;
		}
		String key = name.getElement(keyIndex, Form.UNIFORM);
		if (name.getNumberOfElements() == keyIndex + 1
				&& RULE_KEYS.stream().anyMatch((known) -> known.replace("-", "").equals(key))) {
			return;
		}
		ConfigurationProperty property = source.getConfigurationProperty(name);
		Object value = (property != null) ? property.getValue() : "";
		String suggestion = closest(name.getElement(keyIndex, Form.DASHED));
		throw new InvalidConfigurationPropertyValueException(name.toString(), value,
				"'" + name.getElement(keyIndex, Form.ORIGINAL) + "' is not a sampling rule key"
						+ ((suggestion != null) ? "; did you mean '" + suggestion + "'?" : ".")
						+ " A rule without the matcher you meant matches every request. The keys are "
						+ String.join(", ", RULE_KEYS) + ".");
	}

	// the known key that contains, is contained in or is at most two edits from the
	// unknown one
	private static @Nullable String closest(String key) {
		for (String known : RULE_KEYS) {
			if (known.contains(key) || key.contains(known) || distance(known, key) <= 2) {
				return known;
			}
		}
		return null;
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) != b.charAt(j - 1)) ? 1 : 0);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	// a rule that matches everything decides every request before the rules after it and
	// the default rule; fine when meant, a silent trap when a matcher was left out
	private static void warnIfCatchAll(SamplingRule rule, String where) {
		if (isWildcard(rule.serviceName()) && isWildcard(rule.host()) && isWildcard(rule.httpMethod())
				&& isWildcard(rule.urlPath()) && logger.isWarnEnabled()) {
			logger.warn("Sampling rule '" + rule.name() + "' (" + where
					+ ") matches every request, so the rules after it and the default rule never decide. "
					+ "Give it a service-name, host, http-method or url-path, or set the default rule with "
					+ "xray.sampling.reservoir-per-second and xray.sampling.fixed-rate instead.");
		}
	}

	private static boolean isWildcard(String pattern) {
		return pattern.isBlank() || pattern.chars().allMatch((c) -> c == '*');
	}

	private SamplingRule rule(XRayProperties.Sampling.Rule rule, String prefix) {
		String name = (StringUtils.hasText(rule.getName())) ? rule.getName() : prefix.substring(0, prefix.length() - 1);
		return new SamplingRule(name, rule.getPriority(), rule.getServiceName(), rule.getHost(), rule.getHttpMethod(),
				rule.getUrlPath(), reservoir(prefix + "reservoir-per-second", rule.getReservoirPerSecond()),
				fixedRate(prefix + "fixed-rate", rule.getFixedRate()));
	}

	private SamplingRulesFile readRulesFile(String location) {
		Resource resource = (location.startsWith(ResourceLoader.CLASSPATH_URL_PREFIX) || hasScheme(location))
				? this.resourceLoader.getResource(location) : new FileSystemResource(location);
		String json;
		try (InputStream input = resource.getInputStream()) {
			json = new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "rules-file", location,
					"The sampling rules file cannot be read: " + ex.getMessage());
		}
		try {
			return SamplingRulesFile.parse(json, location);
		}
		catch (InvalidSamplingRulesException ex) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "rules-file", location,
					"Invalid sampling rules file: " + ex.getMessage());
		}
	}

	private static boolean hasScheme(String location) {
		int colon = location.indexOf(':');
		// a drive letter such as C: is a path, not a scheme
		return colon > 1 && location.substring(0, colon).chars().allMatch(Character::isLetter);
	}

	static int reservoir(String property, int value) {
		if (value < 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + property, value, "Must not be negative.");
		}
		return value;
	}

	static double fixedRate(String property, double value) {
		if (!(value >= 0 && value <= 1)) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + property, value, "Must be between 0 and 1.");
		}
		return value;
	}

	static @Nullable Integer maxTracesPerSecond(@Nullable Integer value) {
		if (value != null && value < 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "max-traces-per-second", value,
					"Must not be negative.");
		}
		return value;
	}

	static Duration pollingInterval(Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "remote.polling-interval", interval,
					"Must be positive.");
		}
		return interval;
	}

	static String endpoint(String endpoint) {
		try {
			URI uri = URI.create(endpoint);
			if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
				return endpoint;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		throw new InvalidConfigurationPropertyValueException(PREFIX + "remote.endpoint", endpoint,
				"Must be an http or https URL such as http://localhost:2000.");
	}

}
