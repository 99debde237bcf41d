package io.github.xrayspring.sampling.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.xrayspring.json.internal.JsonNode;
import io.github.xrayspring.json.internal.JsonNode.JsonException;
import io.github.xrayspring.json.internal.JsonReader;
import org.jspecify.annotations.Nullable;

/**
 * An X-Ray local sampling rules document as the X-Ray SDK for Java reads it: version 2
 * rules with {@code description}, {@code host}, {@code http_method}, {@code url_path},
 * {@code fixed_target} and {@code rate}; version 1 rules, which name the host
 * {@code service_name}; an optional {@code default}; and {@code //} and
 * {@code /* *}{@code /} comments. Rules keep the file's order as priorities 1, 2,
 * 3&hellip; and are named by their description. Unlike the SDK, an unknown key is an
 * error, so that a misspelt matcher does not silently match everything.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class SamplingRulesFile {

	private static final Set<String> ROOT_KEYS = Set.of("version", "rules", "default");

	private static final Set<String> RULE_KEYS = Set.of("description", "host", "http_method", "url_path",
			"fixed_target", "rate");

	// version 1 names the host matcher service_name; the SDK copies it to host
	private static final Set<String> VERSION_1_RULE_KEYS = Set.of("description", "service_name", "http_method",
			"url_path", "fixed_target", "rate");

	private static final Set<String> DEFAULT_KEYS = Set.of("fixed_target", "rate");

	private final List<SamplingRule> rules;

	private final @Nullable SamplingRule defaultRule;

	private SamplingRulesFile(List<SamplingRule> rules, @Nullable SamplingRule defaultRule) {
		this.rules = rules;
		this.defaultRule = defaultRule;
	}

	/**
	 * Parses a rules document.
	 * @param json the document
	 * @param location where it was read from, for error messages
	 * @return the parsed rules
	 * @throws InvalidSamplingRulesException if the document is not valid JSON (comments
	 * allowed) or not a valid version 1 or 2 rules document
	 */
	public static SamplingRulesFile parse(String json, String location) {
		try {
			String text = (json.startsWith("\uFEFF")) ? json.substring(1) : json;
			return read(JsonReader.readWithComments(text));
		}
		catch (JsonException ex) {
			throw new InvalidSamplingRulesException(location + ": " + ex.getMessage(), ex);
		}
	}

	private static SamplingRulesFile read(JsonNode root) {
		Map<String, JsonNode> fields = checkedFields(root, ROOT_KEYS);
		JsonNode version = fields.get("version");
		if (version == null) {
			throw root.error("has no 'version' (the supported versions are 1 and 2)");
		}
		BigDecimal number = version.number();
		boolean version1 = number.compareTo(BigDecimal.ONE) == 0;
		if (!version1 && number.compareTo(BigDecimal.valueOf(2)) != 0) {
			throw version.error("is " + number.toPlainString() + " but only versions 1 and 2 are supported");
		}
		List<SamplingRule> rules = new ArrayList<>();
		JsonNode rulesNode = fields.get("rules");
		if (rulesNode != null) {
			List<JsonNode> elements = rulesNode.elements();
			Set<String> descriptions = duplicateDescriptions(elements);
			for (int i = 0; i < elements.size(); i++) {
				rules.add(readRule(elements.get(i), i, descriptions, version1));
			}
		}
		JsonNode defaultNode = fields.get("default");
		SamplingRule defaultRule = (defaultNode != null) ? readDefault(defaultNode) : null;
		return new SamplingRulesFile(List.copyOf(rules), defaultRule);
	}

	private static SamplingRule readRule(JsonNode node, int index, Set<String> duplicateDescriptions,
			boolean version1) {
		Map<String, JsonNode> fields = checkedFields(node, version1 ? VERSION_1_RULE_KEYS : RULE_KEYS);
		String description = optionalText(fields.get("description"), "");
		String name = (!description.isBlank() && !duplicateDescriptions.contains(description)) ? description
				: "rules-file[" + index + "]";
		String host = optionalText(fields.get(version1 ? "service_name" : "host"), "*");
		return new SamplingRule(name, index + 1, "*", host, optionalText(fields.get("http_method"), "*"),
				optionalText(fields.get("url_path"), "*"), fixedTarget(required(node, fields, "fixed_target")),
				rate(required(node, fields, "rate")));
	}

	private static SamplingRule readDefault(JsonNode node) {
		Map<String, JsonNode> fields = checkedFields(node, DEFAULT_KEYS);
		return SamplingRule.matchingAll(SamplingRule.DEFAULT_RULE_NAME,
				fixedTarget(required(node, fields, "fixed_target")), rate(required(node, fields, "rate")));
	}

	private static Map<String, JsonNode> checkedFields(JsonNode node, Set<String> allowed) {
		Map<String, JsonNode> fields = node.fields();
		for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
			if (!allowed.contains(field.getKey())) {
				throw field.getValue()
					.keyError("is not a known key (allowed: " + String.join(", ", allowed.stream().sorted().toList())
							+ ")" + (allowed.contains("url_path") ? versionHint(field.getKey()) : ""));
			}
		}
		return fields;
	}

	private static String versionHint(String key) {
		return switch (key) {
			case "service_name" -> "; 'service_name' matches the host in version 1 files, 'host' in version 2";
			case "host" -> "; version 1 files match the host with 'service_name'";
			default -> "";
		};
	}

	private static JsonNode required(JsonNode parent, Map<String, JsonNode> fields, String key) {
		JsonNode value = fields.get(key);
		if (value == null) {
			throw parent.error("has no '" + key + "'");
		}
		return value;
	}

	private static String optionalText(@Nullable JsonNode node, String fallback) {
		return (node != null) ? node.text() : fallback;
	}

	private static int fixedTarget(JsonNode node) {
		BigDecimal value = node.number();
		try {
			int target = value.intValueExact();
			if (target >= 0) {
				return target;
			}
		}
		catch (ArithmeticException ex) {
			// reported below together with negative values
		}
		throw node.error("must be a whole number of traces per second, 0 or more, but is " + value.toPlainString());
	}

	private static double rate(JsonNode node) {
		BigDecimal value = node.number();
		if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
			throw node.error("must be between 0 and 1 but is " + value.toPlainString());
		}
		return value.doubleValue();
	}

	private static Set<String> duplicateDescriptions(List<JsonNode> rules) {
		Set<String> seen = new HashSet<>();
		Set<String> duplicates = new HashSet<>();
		for (JsonNode rule : rules) {
			if (rule.type() == JsonNode.Type.OBJECT) {
				JsonNode description = rule.fields().get("description");
				if (description != null && description.type() == JsonNode.Type.STRING
						&& !seen.add(description.text())) {
					duplicates.add(description.text());
				}
			}
		}
		return duplicates;
	}

	/**
	 * Returns the rules in file order, with priorities 1, 2, 3&hellip;.
	 * @return the rules
	 */
	public List<SamplingRule> getRules() {
		return this.rules;
	}

	/**
	 * Returns the file's {@code default} rule, if it has one.
	 * @return the default rule or {@code null}
	 */
	public @Nullable SamplingRule getDefaultRule() {
		return this.defaultRule;
	}

}
