package io.github.xrayspring;

import java.util.function.Supplier;

import io.github.xrayspring.json.internal.Json;
import io.github.xrayspring.trace.internal.AttributeValues;
import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.github.xrayspring.trace.internal.XRayTraceIds;
import io.github.xrayspring.trace.internal.XRayTracerHolder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * Static helpers on the current span. They never throw and do nothing when no span is
 * current or the current one is not recorded.
 * <p>
 * The {@code subsegment} helpers run work in a child span of the current one (an
 * {@code INTERNAL} span, which X-Ray shows as a subsegment). They rethrow whatever the
 * work throws, after recording it on the child span. Without a current span, or before
 * the application context has started, they only run the work: no new trace is started,
 * as the X-Ray SDK records nothing without a segment either.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRay {

	/**
	 * About the longest JSON text recorded for one metadata value.
	 */
	static final int MAX_METADATA_LENGTH = 8 * 1024;

	private XRay() {
	}

	/**
	 * Adds a searchable X-Ray annotation to the current span.
	 * @param key the key; characters outside {@code [A-Za-z0-9_]} become {@code _}
	 * @param value the value; {@code null} records nothing
	 */
	public static void annotate(String key, @Nullable String value) {
		if (key != null) {
			XRayAnnotations.annotate(Span.current(), key, value);
		}
	}

	/**
	 * Adds a searchable X-Ray annotation to the current span.
	 * @param key the key; characters outside {@code [A-Za-z0-9_]} become {@code _}
	 * @param value the value
	 */
	public static void annotate(String key, long value) {
		if (key != null) {
			XRayAnnotations.annotate(Span.current(), key, value);
		}
	}

	/**
	 * Adds a searchable X-Ray annotation to the current span.
	 * @param key the key; characters outside {@code [A-Za-z0-9_]} become {@code _}
	 * @param value the value
	 */
	public static void annotate(String key, double value) {
		if (key != null) {
			XRayAnnotations.annotate(Span.current(), key, value);
		}
	}

	/**
	 * Adds a searchable X-Ray annotation to the current span.
	 * @param key the key; characters outside {@code [A-Za-z0-9_]} become {@code _}
	 * @param value the value
	 */
	public static void annotate(String key, boolean value) {
		if (key != null) {
			XRayAnnotations.annotate(Span.current(), key, value);
		}
	}

	/**
	 * Adds metadata to the current span: a plain span attribute, which X-Ray stores under
	 * {@code metadata.default} and does not index. Scalars are typed as annotation values
	 * are (strings, whole numbers, decimals, booleans, enum names); anything else is
	 * recorded as its JSON form, nested at most {@value Json#MAX_DEPTH} levels deep and
	 * cut after about 8 KB.
	 * @param key the key, kept as is
	 * @param value the value; {@code null} records nothing
	 */
	public static void metadata(String key, @Nullable Object value) {
		Span span = Span.current();
		if (key == null || value == null || !span.isRecording()) {
			return;
		}
		try {
			Object scalar = AttributeValues.scalar(value);
			if (scalar != null) {
				span.setAttribute(AttributeValues.key(key, scalar), scalar);
			}
			else {
				span.setAttribute(key, Json.toJson(value, MAX_METADATA_LENGTH));
			}
		}
		catch (Throwable ex) {
			// a value whose toString() or iteration fails, even with an Error such as a
			// StackOverflowError, must not fail the caller; only a VirtualMachineError
			// that is not a stack overflow (out of memory, internal error) propagates, as
			// the JVM may no longer be able to run the caller's code correctly
			if (ex instanceof VirtualMachineError && !(ex instanceof StackOverflowError)) {
				throw ex;
			}
		}
	}

	/**
	 * Returns the current trace ID in X-Ray form, for example
	 * {@code 1-5759e988-bd862e3fe1be46a994272793}.
	 * @return the trace ID, or an empty string when no span is current
	 */
	public static String currentTraceId() {
		SpanContext context = Span.current().getSpanContext();
		return context.isValid() ? XRayTraceIds.toXRay(context.getTraceId()) : "";
	}

	/**
	 * Runs work in a child span named {@code name}, which X-Ray shows as a subsegment.
	 * @param name the span name
	 * @param work the work; what it throws is recorded on the span and rethrown
	 */
	public static void subsegment(String name, Runnable work) {
		subsegmentChecked(name, work::run);
	}

	/**
	 * Runs work in a child span named {@code name}, which X-Ray shows as a subsegment.
	 * @param <T> the result type
	 * @param name the span name
	 * @param work the work; what it throws is recorded on the span and rethrown
	 * @return what the work returned
	 */
	public static <T> T subsegment(String name, Supplier<T> work) {
		return subsegmentChecked(name, work::get);
	}

	/**
	 * Runs work that may throw a checked exception in a child span named {@code name},
	 * which X-Ray shows as a subsegment.
	 * @param <E> what the work may throw
	 * @param name the span name
	 * @param work the work; what it throws is recorded on the span and rethrown
	 * @throws E what the work threw
	 */
	public static <E extends Throwable> void subsegmentChecked(String name, CheckedRunnable<E> work) throws E {
		subsegmentChecked(name, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * Runs work that may throw a checked exception in a child span named {@code name},
	 * which X-Ray shows as a subsegment.
	 * @param <T> the result type
	 * @param <E> what the work may throw
	 * @param name the span name
	 * @param work the work; what it throws is recorded on the span and rethrown
	 * @return what the work returned
	 * @throws E what the work threw
	 */
	public static <T, E extends Throwable> T subsegmentChecked(String name, CheckedSupplier<T, E> work) throws E {
		Span child = startChild(name);
		if (child == null) {
			return work.get();
		}
		try (Scope scope = child.makeCurrent()) {
			return work.get();
		}
		catch (Throwable ex) {
			child.recordException(ex);
			child.setStatus(StatusCode.ERROR);
			throw ex;
		}
		finally {
			child.end();
		}
	}

	private static @Nullable Span startChild(@Nullable String name) {
		Tracer tracer = XRayTracerHolder.tracer();
		if (tracer == null || !Span.current().getSpanContext().isValid()) {
			return null;
		}
		try {
			return tracer.spanBuilder((name != null) ? name : "subsegment").setSpanKind(SpanKind.INTERNAL).startSpan();
		}
		catch (RuntimeException ex) {
			// tracing must never keep the work from running
			return null;
		}
	}

	/**
	 * Work without a result that may throw a checked exception.
	 *
	 * @param <E> what the work may throw
	 */
	@FunctionalInterface
	public interface CheckedRunnable<E extends Throwable> {

		/**
		 * Runs the work.
		 * @throws E what the work threw
		 */
		void run() throws E;

	}

	/**
	 * Work with a result that may throw a checked exception.
	 *
	 * @param <T> the result type
	 * @param <E> what the work may throw
	 */
	@FunctionalInterface
	public interface CheckedSupplier<T, E extends Throwable> {

		/**
		 * Runs the work.
		 * @return the result
		 * @throws E what the work threw
		 */
		T get() throws E;

	}

}
