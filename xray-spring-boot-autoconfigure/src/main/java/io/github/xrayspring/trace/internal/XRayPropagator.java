package io.github.xrayspring.trace.internal;

import java.util.Collection;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the {@code X-Amzn-Trace-Id} header. Complete headers are handled by
 * OpenTelemetry's {@link AwsXrayPropagator}; this class adds the headers it drops: a
 * header without a sampling decision ({@code Sampled=?} or none, as an ALB sends) or
 * without a {@code Parent} keeps its trace ID, and the parent is marked in its trace
 * state (see {@link #MARKER_KEY}) so that the sampler decides and the exporter does not
 * point at a parent that was never recorded. A malformed header is ignored, so a new
 * trace starts; extraction never throws.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRayPropagator implements TextMapPropagator {

	/**
	 * Name of the X-Ray trace header.
	 */
	public static final String HEADER = "X-Amzn-Trace-Id";

	/**
	 * Trace-state key that marks a remote parent made from an incomplete header. Its
	 * value holds {@value #UNDECIDED} when the header had no sampling decision and
	 * {@value #NO_PARENT} when it had no {@code Parent}.
	 */
	public static final String MARKER_KEY = "xray-spring";

	/**
	 * Marker flag: the header carried no sampling decision.
	 */
	public static final char UNDECIDED = 'u';

	/**
	 * Marker flag: the header carried no parent segment ID.
	 */
	public static final char NO_PARENT = 'r';

	// Stands in for the missing parent so the span keeps the trace ID; removed on export
	static final String PLACEHOLDER_PARENT_ID = "0000000000000001";

	private final TextMapPropagator delegate;

	public XRayPropagator() {
		this(AwsXrayPropagator.getInstance());
	}

	XRayPropagator(TextMapPropagator delegate) {
		this.delegate = delegate;
	}

	@Override
	public Collection<String> fields() {
		return this.delegate.fields();
	}

	@Override
	public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
		this.delegate.inject(context, carrier, setter);
	}

	@Override
	public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
		try {
			String value = (carrier != null) ? getter.get(carrier, HEADER) : null;
			XRayTraceHeader header = (value != null) ? XRayTraceHeader.parse(value) : null;
			if (header == null || header.isComplete()) {
				return this.delegate.extract(context, carrier, getter);
			}
			return context.with(Span.wrap(remoteParent(header)));
		}
		catch (RuntimeException ex) {
			return context;
		}
	}

	private static SpanContext remoteParent(XRayTraceHeader header) {
		String parentId = header.parentId();
		String marker = ((header.sampled() == null) ? String.valueOf(UNDECIDED) : "")
				+ ((parentId == null) ? String.valueOf(NO_PARENT) : "");
		TraceFlags flags = Boolean.TRUE.equals(header.sampled()) ? TraceFlags.getSampled() : TraceFlags.getDefault();
		return SpanContext.createFromRemoteParent(header.traceId(),
				(parentId != null) ? parentId : PLACEHOLDER_PARENT_ID, flags,
				TraceState.builder().put(MARKER_KEY, marker).build());
	}

	/**
	 * Returns whether a parent span context was made from a header without a sampling
	 * decision.
	 * @param parent the parent span context
	 * @return whether the sampler should decide as for a new trace
	 */
	public static boolean isUndecided(SpanContext parent) {
		return hasMarkerFlag(parent, UNDECIDED);
	}

	/**
	 * Returns whether a parent span context stands in for a parent the header did not
	 * name.
	 * @param parent the parent span context
	 * @return whether the span should be exported without a parent
	 */
	public static boolean isPlaceholderParent(SpanContext parent) {
		return hasMarkerFlag(parent, NO_PARENT);
	}

	private static boolean hasMarkerFlag(SpanContext parent, char flag) {
		if (!parent.isRemote()) {
			return false;
		}
		String marker = parent.getTraceState().get(MARKER_KEY);
		return marker != null && marker.indexOf(flag) >= 0;
	}

	@Override
	public String toString() {
		return "XRayPropagator";
	}

}
