package io.github.xrayspring.trace.internal;

import io.micrometer.tracing.otel.bridge.EventListener;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeAttachedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeClosedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeRestoredEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Keeps the MDC entry {@value #MDC_KEY}
 * ({@code 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx@<span id>}, the form the X-Ray SDK logged)
 * in step with the current span, so that log lines can be found from a trace and the
 * other way round.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRayLogCorrelationListener implements EventListener {

	/**
	 * The MDC key.
	 */
	public static final String MDC_KEY = "AWS-XRAY-TRACE-ID";

	// scopes of the same span are attached and restored many times per request: the
	// entry is built once per span and thread
	private static final ThreadLocal<LastEntry> LAST = ThreadLocal.withInitial(LastEntry::new);

	@Override
	public void onEvent(Object event) {
		if (event instanceof ScopeAttachedEvent attached) {
			update(attached.getSpan());
		}
		else if (event instanceof ScopeRestoredEvent restored) {
			update(restored.getSpan());
		}
		else if (event instanceof ScopeClosedEvent) {
			MDC.remove(MDC_KEY);
		}
	}

	private static void update(@Nullable Span span) {
		SpanContext context = (span != null) ? span.getSpanContext() : SpanContext.getInvalid();
		if (context.isValid()) {
			MDC.put(MDC_KEY, LAST.get().entry(context));
		}
		else {
			MDC.remove(MDC_KEY);
		}
	}

	/**
	 * The MDC entry of the span this thread saw last.
	 */
	private static final class LastEntry {

		private String traceId = "";

		private String spanId = "";

		private String entry = "";

		String entry(SpanContext context) {
			String traceId = context.getTraceId();
			String spanId = context.getSpanId();
			if (!spanId.equals(this.spanId) || !traceId.equals(this.traceId)) {
				this.traceId = traceId;
				this.spanId = spanId;
				this.entry = XRayTraceIds.toXRay(traceId) + "@" + spanId;
			}
			return this.entry;
		}

	}

}
