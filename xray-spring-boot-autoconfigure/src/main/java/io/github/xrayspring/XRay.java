package io.github.xrayspring;

import java.math.BigDecimal;
import java.math.BigInteger;

import io.github.xrayspring.json.internal.Json;
import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.github.xrayspring.trace.internal.XRayTraceIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;

/**
 * Static helpers on the current span. They never throw and do nothing when no span is
 * current or the current one is not recorded.
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
	 * {@code metadata.default} and does not index. Strings, whole numbers, decimals and
	 * booleans keep their type; anything else is recorded as its JSON form, nested at
	 * most {@value Json#MAX_DEPTH} levels deep and cut after about 8 KB.
	 * @param key the key, kept as is
	 * @param value the value; {@code null} records nothing
	 */
	public static void metadata(String key, @Nullable Object value) {
		Span span = Span.current();
		if (key == null || value == null || !span.isRecording()) {
			return;
		}
		try {
			if (value instanceof CharSequence text) {
				span.setAttribute(key, text.toString());
			}
			else if (value instanceof Boolean bool) {
				span.setAttribute(key, bool);
			}
			else if (value instanceof Integer || value instanceof Long || value instanceof Short
					|| value instanceof Byte) {
				span.setAttribute(key, ((Number) value).longValue());
			}
			else if (value instanceof Float || value instanceof Double) {
				span.setAttribute(key, ((Number) value).doubleValue());
			}
			else if (value instanceof BigInteger || value instanceof BigDecimal || value instanceof Enum<?>) {
				span.setAttribute(key, value.toString());
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

}
