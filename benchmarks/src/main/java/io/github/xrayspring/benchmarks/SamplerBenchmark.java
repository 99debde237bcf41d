package io.github.xrayspring.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.xrayspring.sampling.internal.ConfiguredRules;
import io.github.xrayspring.sampling.internal.SamplingRequest;
import io.github.xrayspring.sampling.internal.SamplingRule;
import io.github.xrayspring.sampling.internal.UndecidedParentSampler;
import io.github.xrayspring.sampling.internal.XRaySampler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One sampling decision of {@link XRaySampler} for a new server span, as Spring Boot asks
 * it through the foundation's {@link UndecidedParentSampler}: five rules before the
 * default, request facts in the context. Run with {@code -t 1} and {@code -t 2} to see
 * that threads do not contend.
 *
 * @author xray-spring-boot-starter team
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SamplerBenchmark {

	private static final int TRACE_IDS = 1024;

	/**
	 * The sampler, shared by all threads as in an application.
	 */
	@State(Scope.Benchmark)
	public static class Shared {

		Sampler sampler;

		Sampler samplerWithCeiling;

		Sampler bootDefault;

		@Setup
		public void setUp() {
			List<SamplingRule> rules = List.of(new SamplingRule("checkout", 1, "*", "*", "POST", "/checkout", 5, 0.5),
					new SamplingRule("search", 2, "*", "*", "GET", "/search*", 1, 0.01),
					new SamplingRule("admin", 3, "*", "admin.example.com", "*", "*", 0, 1),
					new SamplingRule("images", 4, "*", "*", "GET", "/images/*/thumb?.png", 0, 0),
					new SamplingRule("orders", 5, "*", "*", "*", "/api/*/orders/*", 2, 0.1));
			Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop"));
			this.sampler = new UndecidedParentSampler(
					XRaySampler.builder(ConfiguredRules.of(rules, 1, 0.05)).resource(resource).build());
			this.samplerWithCeiling = new UndecidedParentSampler(XRaySampler.builder(ConfiguredRules.of(rules, 1, 0.05))
				.resource(resource)
				.maxTracesPerSecond(100)
				.build());
			this.bootDefault = Sampler.parentBased(Sampler.traceIdRatioBased(0.1));
		}

	}

	/**
	 * Per-thread inputs, so that threads share nothing but the sampler.
	 */
	@State(Scope.Thread)
	public static class Request {

		final String[] traceIds = new String[TRACE_IDS];

		Context customers;

		Context orders;

		Context sampledParent;

		Context localParent;

		int next;

		@Setup
		public void setUp() {
			for (int i = 0; i < TRACE_IDS; i++) {
				this.traceIds[i] = IdGenerator.random().generateTraceId();
			}
			this.customers = Context.root()
				.with(new SamplingRequest("GET", "shop.example.com", "/customers/42", false));
			this.orders = Context.root()
				.with(new SamplingRequest("GET", "shop.example.com", "/api/v2/orders/42", false));
			this.sampledParent = this.customers.with(Span.wrap(SpanContext.createFromRemoteParent(this.traceIds[0],
					"53995c3f42cd8ad8", TraceFlags.getSampled(), TraceState.getDefault())));
			this.localParent = this.customers.with(Span.wrap(SpanContext.create(this.traceIds[0], "53995c3f42cd8ad8",
					TraceFlags.getSampled(), TraceState.getDefault())));
		}

		String traceId() {
			this.next = (this.next + 1) & (TRACE_IDS - 1);
			return this.traceIds[this.next];
		}

	}

	/**
	 * Spring Boot's default sampler, as a baseline measured under the same conditions.
	 * @param shared the sampler
	 * @param request the inputs
	 * @return the decision
	 */
	@Benchmark
	public SamplingResult baselineBootDefaultSampler(Shared shared, Request request) {
		return shared.bootDefault.shouldSample(request.customers, request.traceId(), "", SpanKind.SERVER,
				Attributes.empty(), List.of());
	}

	@Benchmark
	public SamplingResult newTraceDefaultRule(Shared shared, Request request) {
		return shared.sampler.shouldSample(request.customers, request.traceId(), "", SpanKind.SERVER,
				Attributes.empty(), List.of());
	}

	@Benchmark
	public SamplingResult newTraceLastRule(Shared shared, Request request) {
		return shared.sampler.shouldSample(request.orders, request.traceId(), "", SpanKind.SERVER, Attributes.empty(),
				List.of());
	}

	@Benchmark
	public SamplingResult newTraceDefaultRuleWithCeiling(Shared shared, Request request) {
		return shared.samplerWithCeiling.shouldSample(request.customers, request.traceId(), "", SpanKind.SERVER,
				Attributes.empty(), List.of());
	}

	@Benchmark
	public SamplingResult sampledRemoteParentWithCeiling(Shared shared, Request request) {
		return shared.samplerWithCeiling.shouldSample(request.sampledParent, request.traceIds[0], "", SpanKind.SERVER,
				Attributes.empty(), List.of());
	}

	@Benchmark
	public SamplingResult childOfLocalSpan(Shared shared, Request request) {
		return shared.sampler.shouldSample(request.localParent, request.traceIds[0], "", SpanKind.CLIENT,
				Attributes.empty(), List.of());
	}

}
