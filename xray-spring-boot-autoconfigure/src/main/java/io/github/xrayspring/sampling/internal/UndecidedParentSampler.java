package io.github.xrayspring.sampling.internal;

import java.util.List;

import io.github.xrayspring.trace.internal.XRayPropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * A {@link Sampler} decorator for remote parents made by {@link XRayPropagator} from an
 * incomplete header: when the header carried no decision, the wrapped sampler decides as
 * for a new trace (keeping the trace ID and every other context value), and the marker
 * never reaches the trace state of the new span.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class UndecidedParentSampler implements Sampler {

	private final Sampler delegate;

	/**
	 * Wraps a sampler.
	 * @param delegate the sampler that decides
	 */
	public UndecidedParentSampler(Sampler delegate) {
		this.delegate = delegate;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		SpanContext parent = Span.fromContext(parentContext).getSpanContext();
		if (!parent.isRemote() || parent.getTraceState().get(XRayPropagator.MARKER_KEY) == null) {
			return this.delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
		}
		Context decisionContext = XRayPropagator.isUndecided(parent) ? parentContext.with(Span.getInvalid())
				: parentContext;
		return new UnmarkedResult(
				this.delegate.shouldSample(decisionContext, traceId, name, spanKind, attributes, parentLinks));
	}

	@Override
	public String getDescription() {
		return "UndecidedParentSampler{" + this.delegate.getDescription() + "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

	private record UnmarkedResult(SamplingResult result) implements SamplingResult {

		@Override
		public SamplingDecision getDecision() {
			return this.result.getDecision();
		}

		@Override
		public Attributes getAttributes() {
			return this.result.getAttributes();
		}

		@Override
		public TraceState getUpdatedTraceState(TraceState parentTraceState) {
			return this.result
				.getUpdatedTraceState(parentTraceState.toBuilder().remove(XRayPropagator.MARKER_KEY).build());
		}

	}

}
