package io.github.xrayspring.sampling.internal;

import java.util.List;
import java.util.Map;

import io.github.xrayspring.trace.internal.MapTextMapGetter;
import io.github.xrayspring.trace.internal.XRayPropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UndecidedParentSampler}.
 *
 * @author xray-spring-boot-starter team
 */
class UndecidedParentSamplerTests {

	private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";

	private final Sampler sampler = new UndecidedParentSampler(Sampler.parentBased(Sampler.alwaysOn()));

	@Test
	void undecidedParentIsDecidedAsNewTrace() {
		SamplingResult result = sample("Root=1-5759e988-bd862e3fe1be46a994272793");
		assertThat(result.getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	@Test
	void decidedParentIsFollowed() {
		SamplingResult result = sample("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
		assertThat(result.getDecision()).isEqualTo(SamplingDecision.DROP);
	}

	@Test
	void decisionWithoutParentIsFollowed() {
		SamplingResult result = sample("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0");
		assertThat(result.getDecision()).isEqualTo(SamplingDecision.DROP);
	}

	@Test
	void markerDoesNotReachNewSpan() {
		Context context = extract("Root=1-5759e988-bd862e3fe1be46a994272793");
		TraceState parentState = Span.fromContext(context).getSpanContext().getTraceState();
		SamplingResult result = this.sampler.shouldSample(context, TRACE_ID, "GET", SpanKind.SERVER, Attributes.empty(),
				List.of());
		assertThat(parentState.get(XRayPropagator.MARKER_KEY)).isNotNull();
		assertThat(result.getUpdatedTraceState(parentState).get(XRayPropagator.MARKER_KEY)).isNull();
	}

	@Test
	void otherContextValuesReachDelegate() {
		io.opentelemetry.context.ContextKey<String> key = io.opentelemetry.context.ContextKey.named("request");
		Context context = extract("Root=1-5759e988-bd862e3fe1be46a994272793").with(key, "GET /orders");
		Sampler delegate = new Sampler() {

			@Override
			public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
					Attributes attributes, List<io.opentelemetry.sdk.trace.data.LinkData> parentLinks) {
				boolean root = !Span.fromContext(parentContext).getSpanContext().isValid();
				return (root && "GET /orders".equals(parentContext.get(key))) ? SamplingResult.recordAndSample()
						: SamplingResult.drop();
			}

			@Override
			public String getDescription() {
				return "test";
			}

		};
		SamplingResult result = new UndecidedParentSampler(delegate).shouldSample(context, TRACE_ID, "GET",
				SpanKind.SERVER, Attributes.empty(), List.of());
		assertThat(result.getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	@Test
	void localParentGoesStraightToDelegate() {
		SamplingResult result = this.sampler.shouldSample(Context.root(), TRACE_ID, "GET", SpanKind.SERVER,
				Attributes.empty(), List.of());
		assertThat(result.getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(this.sampler.getDescription()).contains("ParentBased");
	}

	private SamplingResult sample(String header) {
		return this.sampler.shouldSample(extract(header), TRACE_ID, "GET", SpanKind.SERVER, Attributes.empty(),
				List.of());
	}

	private static Context extract(String header) {
		return new XRayPropagator().extract(Context.root(), Map.of("X-Amzn-Trace-Id", header),
				MapTextMapGetter.INSTANCE);
	}

}
