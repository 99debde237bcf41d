package io.github.xrayspring.web.internal;

import io.github.xrayspring.trace.internal.LocalRootSpans;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Finds the span that becomes a request's X-Ray segment: the server span of Spring's
 * {@code ServerHttpObservationFilter}, read from the observation it keeps in a request
 * attribute. Other observations (Spring Security's, {@code @Observed} methods) may be
 * current by the time the user or a controller's annotations are known; this finds the
 * server span whatever sits in between, without allocating anything.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class ServerSpans {

	private static final boolean TRACING_PRESENT = isPresent("io.micrometer.tracing.otel.bridge.OtelSpan")
			&& isPresent("io.micrometer.tracing.handler.TracingObservationHandler")
			&& isPresent("org.springframework.web.filter.ServerHttpObservationFilter");

	private ServerSpans() {
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, ServerSpans.class.getClassLoader());
	}

	/**
	 * Returns the recording server span of a request when it is the first span of the
	 * request in this process (the X-Ray segment).
	 * @param request the request
	 * @return the server span, or {@code null} when there is none, it is not recorded, or
	 * it has a parent observation in this process
	 */
	public static @Nullable Span segment(HttpServletRequest request) {
		return TRACING_PRESENT ? Lookup.segment(request) : null;
	}

	/**
	 * Returns the segment of the request that the current thread handles, when it belongs
	 * to the current trace, otherwise the current span.
	 * @return the span to record segment-level data on
	 */
	public static Span segmentOrCurrent() {
		Span current = Span.current();
		if (!TRACING_PRESENT || !current.isRecording()) {
			return current;
		}
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			Span segment = Lookup.segment(servlet.getRequest());
			if (segment != null
					&& segment.getSpanContext().getTraceId().equals(current.getSpanContext().getTraceId())) {
				return segment;
			}
		}
		return current;
	}

	/**
	 * Reads Micrometer's observation and tracing types; loaded only when they are
	 * present.
	 */
	private static final class Lookup {

		static @Nullable Span segment(HttpServletRequest request) {
			Object attribute = request.getAttribute(ServerHttpObservationFilter.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE);
			// a parent observation means the server span is not the first span here
			if (!(attribute instanceof Observation.Context observation) || observation.getParentObservation() != null) {
				return null;
			}
			TracingContext tracing = observation.get(TracingContext.class);
			io.micrometer.tracing.Span span = (tracing != null) ? tracing.getSpan() : null;
			if (span == null) {
				return null;
			}
			Span server = OtelSpan.toOtel(span);
			// the SDK span itself, whose attributes can be read back (the annotation key
			// list is merged, not replaced), rather than Micrometer's view of it
			ReadableSpan localRoot = LocalRootSpans.shared().find(server.getSpanContext());
			if (localRoot instanceof Span sdkSpan) {
				return sdkSpan;
			}
			return server.isRecording() ? server : null;
		}

	}

}
