package io.github.xrayspring.trace.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;

/**
 * Helpers on spans shared by the starter's processors, filters and exporters.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRaySpans {

	private static final ContextKey<Span> SEGMENT = ContextKey.named("xray-segment");

	private XRaySpans() {
	}

	/**
	 * Returns whether a span with the given parent is a local root: the first span of its
	 * trace in this process, which X-Ray shows as a segment.
	 * @param parent the span's parent context
	 * @return {@code true} if the parent is invalid or remote
	 */
	public static boolean isLocalRoot(SpanContext parent) {
		return !parent.isValid() || parent.isRemote();
	}

	/**
	 * Returns whether a span is a recording local root of the SDK.
	 * @param span the span
	 * @return {@code true} if it is recording and its parent is invalid or remote
	 */
	public static boolean isRecordingLocalRoot(Span span) {
		return span.isRecording() && span instanceof ReadableSpan readable
				&& isLocalRoot(readable.getParentSpanContext());
	}

	/**
	 * Returns a context in which {@link #segment()} finds the given local root span,
	 * whatever spans are made current below it.
	 * @param context the context, usually the current one with the span in it
	 * @param localRoot the local root span
	 * @return the context holding the span as the segment
	 */
	public static Context withSegment(Context context, Span localRoot) {
		return context.with(SEGMENT, localRoot);
	}

	/**
	 * Returns the span that becomes the X-Ray segment of the current work: the local root
	 * span marked with {@link #withSegment(Context, Span)} (a request's server span) when
	 * it belongs to the current trace and is still open, otherwise the current span.
	 * @return the span to record segment-level data on
	 */
	public static Span segment() {
		Context context = Context.current();
		Span current = Span.fromContext(context);
		Span segment = segmentOf(context, current);
		return (segment != null) ? segment : current;
	}

	private static @Nullable Span segmentOf(Context context, Span current) {
		Span segment = context.get(SEGMENT);
		if (segment == null || segment == current) {
			return null;
		}
		if (segment instanceof ReadableSpan readable && readable.hasEnded()) {
			return null;
		}
		// a new trace started below the request (a span with no parent) is its own
		// segment
		String traceId = current.getSpanContext().getTraceId();
		return segment.getSpanContext().getTraceId().equals(traceId) ? segment : null;
	}

}
