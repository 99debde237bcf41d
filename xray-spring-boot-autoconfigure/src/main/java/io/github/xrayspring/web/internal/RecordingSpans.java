package io.github.xrayspring.web.internal;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;

import org.springframework.util.ClassUtils;

/**
 * Tells an observation convention whether the observation's span records, so that key
 * values only a span reads are not computed for requests whose trace is not sampled.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class RecordingSpans {

	private static final boolean TRACING_PRESENT = ClassUtils
		.isPresent("io.micrometer.tracing.handler.TracingObservationHandler", RecordingSpans.class.getClassLoader());

	private RecordingSpans() {
	}

	/**
	 * Returns whether the span of an observation records. Conventions are asked for key
	 * values when the observation starts, before its span exists, and again when it
	 * stops; span attributes are taken from the second answer.
	 * @param context the observation context
	 * @return {@code false} before the span starts and for a span that does not record;
	 * {@code true} for a recording span and without Micrometer Tracing
	 */
	public static boolean isRecording(Observation.Context context) {
		return !TRACING_PRESENT || Tracing.isRecording(context);
	}

	/**
	 * Reads Micrometer Tracing's context; a class of its own so that it loads only with
	 * Micrometer Tracing present.
	 */
	private static final class Tracing {

		static boolean isRecording(Observation.Context context) {
			TracingContext tracing = context.get(TracingContext.class);
			Span span = (tracing != null) ? tracing.getSpan() : null;
			return span != null && !span.isNoop();
		}

	}

}
