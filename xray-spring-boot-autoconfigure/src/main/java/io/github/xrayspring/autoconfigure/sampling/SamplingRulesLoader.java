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
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
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

	private final ResourceLoader resourceLoader;

	SamplingRulesLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	ConfiguredRules load(XRayProperties.Sampling sampling) {
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
