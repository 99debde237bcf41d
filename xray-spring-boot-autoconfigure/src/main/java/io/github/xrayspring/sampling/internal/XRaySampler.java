package io.github.xrayspring.sampling.internal;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An OpenTelemetry {@link Sampler} with X-Ray's sampling semantics: rules tried by
 * priority, each with a reservoir per calendar second and a fixed rate for the rest,
 * optional centralized rules with the local ones as fallback, incoming decisions
 * followed, and a ceiling over all new local traces per second.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRaySampler implements Sampler, Closeable {

	private static final SamplingResult SAMPLE = SamplingResult.recordAndSample();

	private static final SamplingResult DROP = SamplingResult.drop();

	private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

	private final ActiveRules localRules;

	private volatile ActiveRules rules;

	private final SamplingStatistics statistics;

	private final Clock clock;

	private final boolean respectParent;

	private final boolean traceActuator;

	private final @Nullable Reservoir ceiling;

	private final @Nullable CentralizedRules centralizedRules;

	private XRaySampler(Builder builder) {
		String serviceName = serviceName(builder.resource);
		this.statistics = builder.statistics;
		this.clock = builder.clock;
		this.respectParent = builder.respectParent;
		this.traceActuator = builder.traceActuator;
		this.ceiling = (builder.maxTracesPerSecond != null) ? new Reservoir(builder.maxTracesPerSecond) : null;
		this.localRules = ActiveRules.local(builder.rules, serviceName, this.statistics);
		this.rules = this.localRules;
		this.statistics.activeRules(this.localRules.rules());
		this.centralizedRules = (builder.endpoint != null) ? new CentralizedRules(
				new SamplingApiClient(builder.endpoint), builder.endpoint, builder.resource, builder.pollingInterval,
				builder.targetsInterval, this.clock, this.statistics, this.localRules, this::use) : null;
	}

	/**
	 * Returns a builder for a sampler with the given local rules.
	 * @param rules the local rules
	 * @return the builder
	 */
	public static Builder builder(ConfiguredRules rules) {
		return new Builder(rules);
	}

	private static String serviceName(Resource resource) {
		String name = resource.getAttribute(SERVICE_NAME);
		return (name != null) ? name : "";
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		SpanContext parent = Span.fromContext(parentContext).getSpanContext();
		if (parent.isValid() && !parent.isRemote()) {
			// spans inside a local trace follow its root's decision
			return (parent.isSampled()) ? SAMPLE : DROP;
		}
		SamplingRequest request = SamplingRequest.fromContext(parentContext);
		if (request != null && request.actuator() && !this.traceActuator) {
			this.statistics.actuatorNotSampled.increment();
			return DROP;
		}
		if (parent.isValid() && this.respectParent) {
			return followParent(parent);
		}
		long now = this.clock.now(false) / 1_000_000;
		CompiledRule rule = this.rules.match(request);
		RuleDecision decision = rule.decide(now, traceId);
		if (decision != RuleDecision.NOT_SAMPLED && !belowCeiling(now)) {
			decision = RuleDecision.NOT_SAMPLED;
		}
		rule.counters().increment(decision);
		return (decision != RuleDecision.NOT_SAMPLED) ? SAMPLE : DROP;
	}

	private SamplingResult followParent(SpanContext parent) {
		if (!parent.isSampled()) {
			this.statistics.parentNotSampled.increment();
			return DROP;
		}
		if (!belowCeiling(this.clock.now(false) / 1_000_000)) {
			return DROP;
		}
		this.statistics.parentSampled.increment();
		return SAMPLE;
	}

	private boolean belowCeiling(long epochMillis) {
		Reservoir ceiling = this.ceiling;
		if (ceiling == null || ceiling.tryTake(epochMillis / 1000)) {
			return true;
		}
		this.statistics.ceilingHits.increment();
		return false;
	}

	private void use(@Nullable ActiveRules centralized) {
		ActiveRules rules = (centralized != null) ? centralized : this.localRules;
		this.rules = rules;
		this.statistics.activeRules(rules.rules());
	}

	/**
	 * Returns the statistics this sampler counts into.
	 * @return the statistics
	 */
	public SamplingStatistics getStatistics() {
		return this.statistics;
	}

	@Nullable CentralizedRules centralizedRules() {
		return this.centralizedRules;
	}

	@Override
	public String getDescription() {
		return "XRaySampler{rules=" + this.rules.rules().size() + ", centralized=" + this.rules.isCentralized()
				+ ", respectParent=" + this.respectParent + ", ceiling="
				+ ((this.ceiling != null) ? this.ceiling.perSecond() : "none") + "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

	/**
	 * Stops polling for centralized rules.
	 */
	@Override
	public void close() {
		if (this.centralizedRules != null) {
			this.centralizedRules.close();
		}
	}

	/**
	 * Builds an {@link XRaySampler}.
	 */
	public static final class Builder {

		private final ConfiguredRules rules;

		private Resource resource = Resource.getDefault();

		private SamplingStatistics statistics = new SamplingStatistics();

		private Clock clock = Clock.getDefault();

		private boolean respectParent = true;

		private boolean traceActuator;

		private @Nullable Integer maxTracesPerSecond;

		private @Nullable String endpoint;

		private Duration pollingInterval = Duration.ofMinutes(5);

		private Duration targetsInterval = Duration.ofSeconds(10);

		private Builder(ConfiguredRules rules) {
			Assert.notNull(rules, "'rules' must not be null");
			this.rules = rules;
		}

		/**
		 * Sets the resource whose {@code service.name} rules match (and, for centralized
		 * rules, whose cloud attributes match service type and resource ARN).
		 * @param resource the resource
		 * @return this builder
		 */
		public Builder resource(Resource resource) {
			this.resource = resource;
			return this;
		}

		/**
		 * Sets where decisions are counted.
		 * @param statistics the statistics
		 * @return this builder
		 */
		public Builder statistics(SamplingStatistics statistics) {
			this.statistics = statistics;
			return this;
		}

		/**
		 * Sets the clock that decides which calendar second a decision falls in.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Sets whether an incoming sampled or unsampled decision is followed.
		 * @param respectParent whether to follow incoming decisions
		 * @return this builder
		 */
		public Builder respectParent(boolean respectParent) {
			this.respectParent = respectParent;
			return this;
		}

		/**
		 * Sets whether actuator requests may be sampled.
		 * @param traceActuator whether actuator requests may be sampled
		 * @return this builder
		 */
		public Builder traceActuator(boolean traceActuator) {
			this.traceActuator = traceActuator;
			return this;
		}

		/**
		 * Sets the ceiling over all new local traces per second.
		 * @param maxTracesPerSecond the ceiling or {@code null} for none
		 * @return this builder
		 */
		public Builder maxTracesPerSecond(@Nullable Integer maxTracesPerSecond) {
			Assert.isTrue(maxTracesPerSecond == null || maxTracesPerSecond >= 0,
					"'maxTracesPerSecond' must not be negative");
			this.maxTracesPerSecond = maxTracesPerSecond;
			return this;
		}

		/**
		 * Enables centralized rules from a collector's or X-Ray daemon's sampling
		 * endpoint.
		 * @param endpoint the sampling endpoint, such as {@code http://localhost:2000}
		 * @param pollingInterval how often to refresh the rules
		 * @return this builder
		 */
		public Builder centralized(String endpoint, Duration pollingInterval) {
			Assert.hasText(endpoint, "'endpoint' must not be empty");
			Assert.isTrue(!pollingInterval.isNegative() && !pollingInterval.isZero(),
					"'pollingInterval' must be positive");
			this.endpoint = endpoint;
			this.pollingInterval = pollingInterval;
			return this;
		}

		Builder targetsInterval(Duration targetsInterval) {
			this.targetsInterval = targetsInterval;
			return this;
		}

		/**
		 * Builds the sampler; with centralized rules, polling starts in the background.
		 * @return the sampler
		 */
		public XRaySampler build() {
			XRaySampler sampler = new XRaySampler(this);
			if (sampler.centralizedRules != null) {
				sampler.centralizedRules.start();
			}
			return sampler;
		}

	}

}
