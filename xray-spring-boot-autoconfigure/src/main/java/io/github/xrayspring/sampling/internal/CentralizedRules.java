package io.github.xrayspring.sampling.internal;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.xrayspring.json.internal.Json;
import io.github.xrayspring.json.internal.JsonNode;
import io.github.xrayspring.sampling.internal.CompiledRule.Target;
import io.github.xrayspring.sampling.internal.SamplingStatistics.Remote;
import io.github.xrayspring.sampling.internal.SamplingStatistics.RemoteState;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.resources.Resource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Polls X-Ray's centralized sampling rules and the quotas X-Ray assigns to this instance,
 * and hands the sampler the local rules whenever the endpoint is unreachable or answers
 * garbage. Runs on one daemon thread; nothing here is on the decision path.
 *
 * @author xray-spring-boot-starter team
 */
final class CentralizedRules implements Closeable {

	private static final Log logger = LogFactory.getLog(CentralizedRules.class);

	private static final int MAX_STATISTICS_PER_REQUEST = 25;

	private static final Map<String, String> SERVICE_TYPES = Map.of("aws_ec2", "AWS::EC2::Instance", "aws_ecs",
			"AWS::ECS::Container", "aws_eks", "AWS::EKS::Container", "aws_elastic_beanstalk",
			"AWS::ElasticBeanstalk::Environment", "aws_lambda", "AWS::Lambda::Function");

	private final SamplingApiClient client;

	private final String endpoint;

	private final String serviceName;

	private final @Nullable String serviceType;

	private final @Nullable String resourceArn;

	private final long pollingIntervalMillis;

	private final long targetsIntervalMillis;

	private final Clock clock;

	private final SamplingStatistics statistics;

	private final CompiledRule fallbackRule;

	private final Consumer<@Nullable ActiveRules> use;

	private final String clientId = clientId();

	private final Map<String, long[]> reported = new HashMap<>();

	private @Nullable ActiveRules current;

	private long nextRulesMillis;

	private long nextTargetsMillis;

	private long rulesFetchedMillis;

	private boolean failing;

	private @Nullable Instant lastSuccess;

	private volatile @Nullable ScheduledExecutorService executor;

	private volatile boolean closed;

	CentralizedRules(SamplingApiClient client, String endpoint, Resource resource, Duration pollingInterval,
			Duration targetsInterval, Clock clock, SamplingStatistics statistics, ActiveRules localRules,
			Consumer<@Nullable ActiveRules> use) {
		this.client = client;
		this.endpoint = endpoint;
		String name = resource.getAttribute(AttributeKey.stringKey("service.name"));
		this.serviceName = (name != null) ? name : "";
		String platform = resource.getAttribute(AttributeKey.stringKey("cloud.platform"));
		this.serviceType = (platform != null) ? SERVICE_TYPES.get(platform) : null;
		String containerArn = resource.getAttribute(AttributeKey.stringKey("aws.ecs.container.arn"));
		this.resourceArn = (containerArn != null) ? containerArn
				: resource.getAttribute(AttributeKey.stringKey("cloud.resource_id"));
		this.pollingIntervalMillis = pollingInterval.toMillis();
		this.targetsIntervalMillis = targetsInterval.toMillis();
		this.clock = clock;
		this.statistics = statistics;
		List<CompiledRule> local = localRules.rules();
		this.fallbackRule = local.get(local.size() - 1);
		this.use = use;
		statistics.remote(new Remote(RemoteState.STARTING, endpoint, null, null));
	}

	void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "xray-sampling-rules");
			thread.setDaemon(true);
			return thread;
		});
		this.executor = executor;
		executor.execute(this::tick);
	}

	private void tick() {
		long delay = this.targetsIntervalMillis;
		try {
			delay = refresh();
		}
		finally {
			// even an Error in one refresh must not end polling: the next one may recover
			scheduleNext(delay);
		}
	}

	private void scheduleNext(long delay) {
		ScheduledExecutorService executor = this.executor;
		if (!this.closed && executor != null) {
			try {
				executor.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// closed while refreshing
			}
		}
	}

	/**
	 * Fetches rules or targets, whichever is due, and returns the milliseconds until the
	 * next refresh.
	 * @return the delay until the next refresh
	 */
	synchronized long refresh() {
		long now = now();
		try {
			if (this.current == null || now >= this.nextRulesMillis) {
				fetchRules(now);
				succeeded(now);
			}
			else if (now >= this.nextTargetsMillis) {
				fetchTargets(now);
				succeeded(now);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.targetsIntervalMillis;
		}
		catch (IOException | RuntimeException ex) {
			failed(now, ex);
			return this.targetsIntervalMillis;
		}
		return Math.max(1, Math.min(this.nextRulesMillis, this.nextTargetsMillis) - now);
	}

	private void fetchRules(long now) throws IOException, InterruptedException {
		List<CompiledRule> rules = new ArrayList<>();
		for (JsonNode node : this.client.getSamplingRules()) {
			SamplingRule rule = toRule(node);
			if (rule != null) {
				rules.add(CompiledRule.centralized(rule, this.statistics));
			}
		}
		rules.sort((a, b) -> ConfiguredRules.ORDER.compare(a.rule(), b.rule()));
		if (rules.isEmpty() || !isCatchAll(rules.get(rules.size() - 1).rule())) {
			rules.add(this.fallbackRule);
		}
		ActiveRules previous = this.current;
		for (CompiledRule rule : rules) {
			CompiledRule old = (previous != null) ? previous.find(rule.rule().name()) : null;
			if (old != null && old != rule) {
				rule.target(old.target());
			}
			this.reported.computeIfAbsent(rule.rule().name(), (name) -> counts(rule.counters()));
		}
		ActiveRules current = ActiveRules.centralized(rules);
		if (previous == null) {
			this.nextTargetsMillis = now + this.targetsIntervalMillis;
			logger.info("Using " + rules.size() + " X-Ray sampling rules from " + this.endpoint
					+ ((this.failing) ? " again" : ""));
		}
		this.current = current;
		this.rulesFetchedMillis = now;
		this.nextRulesMillis = now + this.pollingIntervalMillis;
		this.use.accept(current);
	}

	private @Nullable SamplingRule toRule(JsonNode node) {
		Map<String, JsonNode> fields = node.fields();
		if (integer(node, fields, "Version") != 1 || !matches(text(node, fields, "ServiceType"), this.serviceType)
				|| !matches(text(node, fields, "ResourceARN"), this.resourceArn)
				|| !matches(text(node, fields, "ServiceName"), this.serviceName)) {
			return null;
		}
		JsonNode attributes = fields.get("Attributes");
		if (attributes != null && !attributes.isNull() && !attributes.fields().isEmpty()) {
			// span attributes do not exist yet when a server span is sampled
			return null;
		}
		String name = text(node, fields, "RuleName");
		int reservoir = integer(node, fields, "ReservoirSize");
		double fixedRate = fields.containsKey("FixedRate") ? fields.get("FixedRate").number().doubleValue() : -1;
		if (reservoir < 0 || fixedRate < 0 || fixedRate > 1) {
			throw node.error("has an invalid ReservoirSize or FixedRate");
		}
		return new SamplingRule(name, integer(node, fields, "Priority"), text(node, fields, "ServiceName"),
				text(node, fields, "Host"), text(node, fields, "HTTPMethod"), text(node, fields, "URLPath"), reservoir,
				fixedRate);
	}

	private static boolean matches(String pattern, @Nullable String value) {
		return Glob.of(pattern, true).matches(value);
	}

	private static boolean isCatchAll(SamplingRule rule) {
		return "*".equals(rule.host()) && "*".equals(rule.httpMethod()) && "*".equals(rule.urlPath());
	}

	private void fetchTargets(long now) throws IOException, InterruptedException {
		ActiveRules current = this.current;
		if (current == null) {
			return;
		}
		List<CompiledRule> rules = current.rules().stream().filter(CompiledRule::isCentralized).toList();
		Map<String, long[]> counts = new LinkedHashMap<>();
		List<Map<String, Object>> documents = new ArrayList<>();
		for (CompiledRule rule : rules) {
			String name = rule.rule().name();
			long[] count = counts(rule.counters());
			long[] last = this.reported.getOrDefault(name, new long[3]);
			counts.put(name, count);
			Map<String, Object> document = new LinkedHashMap<>();
			document.put("RuleName", name);
			document.put("ClientID", this.clientId);
			document.put("Timestamp", now / 1000.0);
			document.put("RequestCount", (count[0] + count[1] + count[2]) - (last[0] + last[1] + last[2]));
			document.put("SampledCount", (count[0] + count[1]) - (last[0] + last[1]));
			document.put("BorrowCount", count[1] - last[1]);
			documents.add(document);
		}
		long nextInterval = this.targetsIntervalMillis;
		for (int start = 0; start < documents.size(); start += MAX_STATISTICS_PER_REQUEST) {
			List<Map<String, Object>> batch = documents.subList(start,
					Math.min(documents.size(), start + MAX_STATISTICS_PER_REQUEST));
			JsonNode response = this.client
				.getSamplingTargets(Json.toJson(Map.of("SamplingStatisticsDocuments", batch)));
			nextInterval = Math.min(nextInterval, applyTargets(current, response, now));
		}
		this.reported.putAll(counts);
		this.nextTargetsMillis = now + nextInterval;
	}

	private long applyTargets(ActiveRules current, JsonNode response, long now) {
		Map<String, JsonNode> fields = response.fields();
		long interval = this.targetsIntervalMillis;
		JsonNode documents = fields.get("SamplingTargetDocuments");
		if (documents != null && !documents.isNull()) {
			for (JsonNode document : documents.elements()) {
				interval = Math.min(interval, applyTarget(current, document));
			}
		}
		JsonNode lastModification = fields.get("LastRuleModification");
		if (lastModification != null && !lastModification.isNull()
				&& seconds(lastModification) * 1000 > this.rulesFetchedMillis) {
			this.nextRulesMillis = now;
		}
		return interval;
	}

	private long applyTarget(ActiveRules current, JsonNode document) {
		Map<String, JsonNode> fields = document.fields();
		CompiledRule rule = current.find(text(document, fields, "RuleName"));
		if (rule == null || !rule.isCentralized()) {
			return this.targetsIntervalMillis;
		}
		double fixedRate = fields.containsKey("FixedRate") ? fields.get("FixedRate").number().doubleValue()
				: rule.currentFixedRate();
		if (fixedRate < 0 || fixedRate > 1) {
			throw document.error("has an invalid FixedRate");
		}
		JsonNode quota = fields.get("ReservoirQuota");
		JsonNode ttl = fields.get("ReservoirQuotaTTL");
		Target previous = rule.target();
		if (quota != null && !quota.isNull() && ttl != null && !ttl.isNull()) {
			int perSecond = quota.number().intValueExact();
			if (perSecond < 0) {
				throw quota.error("must not be negative");
			}
			rule.target(Target.of(perSecond, (long) (seconds(ttl) * 1000), fixedRate));
		}
		else if (previous != null) {
			rule.target(new Target(previous.quota(), previous.expiresAtMillis(), fixedRate,
					CompiledRule.fixedRateBound(fixedRate)));
		}
		else {
			rule.target(Target.of(0, 0, fixedRate));
		}
		JsonNode interval = fields.get("Interval");
		return (interval != null && !interval.isNull()) ? Math.max(1000, interval.number().longValue() * 1000)
				: this.targetsIntervalMillis;
	}

	private void succeeded(long now) {
		this.failing = false;
		this.lastSuccess = Instant.ofEpochMilli(now);
		this.statistics.remote(new Remote(RemoteState.CENTRALIZED, this.endpoint, this.lastSuccess, null));
	}

	private void failed(long now, Exception ex) {
		String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		if (!this.failing) {
			logger.warn("Cannot use X-Ray sampling rules from " + this.endpoint + " (" + reason
					+ "); using the local rules until it answers");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("X-Ray sampling endpoint " + this.endpoint + " still unusable", ex);
		}
		this.failing = true;
		this.current = null;
		this.nextRulesMillis = now + this.targetsIntervalMillis;
		this.use.accept(null);
		this.statistics.remote(new Remote(RemoteState.FALLBACK, this.endpoint, this.lastSuccess, reason));
	}

	private long now() {
		return this.clock.now(false) / 1_000_000;
	}

	private static long[] counts(RuleCounters counters) {
		return new long[] { counters.count(RuleDecision.SAMPLED), counters.count(RuleDecision.BORROWED),
				counters.count(RuleDecision.NOT_SAMPLED) };
	}

	private static String text(JsonNode parent, Map<String, JsonNode> fields, String key) {
		JsonNode node = fields.get(key);
		if (node == null) {
			throw parent.error("has no '" + key + "'");
		}
		return node.text();
	}

	private static int integer(JsonNode parent, Map<String, JsonNode> fields, String key) {
		JsonNode node = fields.get(key);
		if (node == null) {
			throw parent.error("has no '" + key + "'");
		}
		try {
			return node.number().intValueExact();
		}
		catch (ArithmeticException ex) {
			throw node.error("must be a whole number");
		}
	}

	private static double seconds(JsonNode node) {
		BigDecimal value = node.number();
		return value.doubleValue();
	}

	private static String clientId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("%016x%08x", random.nextLong(), random.nextInt());
	}

	@Override
	public void close() {
		this.closed = true;
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			executor.shutdownNow();
		}
		this.client.close();
	}

}
