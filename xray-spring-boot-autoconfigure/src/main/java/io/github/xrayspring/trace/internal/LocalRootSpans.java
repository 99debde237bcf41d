package io.github.xrayspring.trace.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the open, sampled local root spans (the spans that become X-Ray segments) by span
 * ID, so that segment-level data (the user, a controller's annotations) can be written to
 * the SDK span itself when only its context, or a view of it such as Micrometer
 * Tracing's, is at hand. Unsampled spans are not tracked; at most {@value #MAX_SPANS}
 * spans are held, each until it ends.
 * <p>
 * One instance serves the process ({@link #shared()}), as the span IDs it holds are
 * unique across tracer providers.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class LocalRootSpans implements SpanProcessor {

	static final int MAX_SPANS = 10_000;

	private static final LocalRootSpans SHARED = new LocalRootSpans();

	private final ConcurrentMap<String, ReadWriteSpan> spans = new ConcurrentHashMap<>();

	LocalRootSpans() {
	}

	/**
	 * Returns the instance of the process.
	 * @return the shared instance
	 */
	public static LocalRootSpans shared() {
		return SHARED;
	}

	/**
	 * Returns the open local root span with the given context.
	 * @param context the span context
	 * @return the span, or {@code null} when it is not a sampled local root or has ended
	 */
	public @Nullable ReadableSpan find(SpanContext context) {
		ReadWriteSpan span = this.spans.get(context.getSpanId());
		return (span != null && !span.hasEnded() && span.getSpanContext().getTraceId().equals(context.getTraceId()))
				? span : null;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		if (isTracked(span) && this.spans.size() < MAX_SPANS) {
			this.spans.put(span.getSpanContext().getSpanId(), span);
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (isTracked(span)) {
			this.spans.remove(span.getSpanContext().getSpanId(), span);
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	int size() {
		return this.spans.size();
	}

	private static boolean isTracked(ReadableSpan span) {
		return span.getSpanContext().isSampled() && XRaySpans.isLocalRoot(span.getParentSpanContext());
	}

}
