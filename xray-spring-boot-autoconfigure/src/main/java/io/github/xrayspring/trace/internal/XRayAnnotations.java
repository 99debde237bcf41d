package io.github.xrayspring.trace.internal;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;

/**
 * Records X-Ray annotations on a span: the value under the sanitized key, and the key in
 * the {@code aws.xray.annotations} list that the collector turns into indexed
 * annotations. Every annotation made by the starter goes through here; the per-trace key
 * limit is enforced when spans are exported.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRayAnnotations {

	/**
	 * The span attribute listing the keys the collector indexes as annotations.
	 */
	public static final AttributeKey<List<String>> ANNOTATIONS = SpanAttributes.AWS_XRAY_ANNOTATIONS;

	/**
	 * Longest annotation key X-Ray accepts.
	 */
	public static final int MAX_KEY_LENGTH = 500;

	/**
	 * Longest annotation string value X-Ray accepts.
	 */
	public static final int MAX_VALUE_LENGTH = 1000;

	/**
	 * Most indexed annotations X-Ray keeps per trace.
	 */
	public static final int MAX_KEYS_PER_TRACE = 50;

	private XRayAnnotations() {
	}

	/**
	 * Returns the key X-Ray can index: every character outside {@code [A-Za-z0-9_]}
	 * becomes {@code _}, then the key is cut to {@value #MAX_KEY_LENGTH} characters.
	 * @param key the attribute key
	 * @return the annotation key
	 */
	public static String sanitizeKey(String key) {
		int length = Math.min(key.length(), MAX_KEY_LENGTH);
		for (int i = 0; i < length; i++) {
			if (!isKeyChar(key.charAt(i))) {
				return replaceInvalid(key, length);
			}
		}
		return (length == key.length()) ? key : key.substring(0, length);
	}

	private static String replaceInvalid(String key, int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			char c = key.charAt(i);
			chars[i] = isKeyChar(c) ? c : '_';
		}
		return new String(chars);
	}

	private static boolean isKeyChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
	}

	/**
	 * Cuts a string value to {@value #MAX_VALUE_LENGTH} characters without splitting a
	 * surrogate pair.
	 * @param value the value
	 * @return the value X-Ray keeps whole
	 */
	public static String truncateValue(String value) {
		if (value.length() <= MAX_VALUE_LENGTH) {
			return value;
		}
		int end = MAX_VALUE_LENGTH;
		if (Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(0, end);
	}

	/**
	 * Annotates a span with a string value.
	 * @param span the span, ignored unless recording
	 * @param key the key, sanitized
	 * @param value the value, cut to {@value #MAX_VALUE_LENGTH} characters
	 */
	public static void annotate(Span span, String key, @Nullable String value) {
		if (value != null && span.isRecording()) {
			String annotationKey = sanitizeKey(key);
			span.setAttribute(annotationKey, truncateValue(value));
			addKey(span, annotationKey);
		}
	}

	/**
	 * Annotates a span with a number.
	 * @param span the span, ignored unless recording
	 * @param key the key, sanitized
	 * @param value the value
	 */
	public static void annotate(Span span, String key, long value) {
		if (span.isRecording()) {
			String annotationKey = sanitizeKey(key);
			span.setAttribute(annotationKey, value);
			addKey(span, annotationKey);
		}
	}

	/**
	 * Annotates a span with a number.
	 * @param span the span, ignored unless recording
	 * @param key the key, sanitized
	 * @param value the value
	 */
	public static void annotate(Span span, String key, double value) {
		if (span.isRecording()) {
			String annotationKey = sanitizeKey(key);
			span.setAttribute(annotationKey, value);
			addKey(span, annotationKey);
		}
	}

	/**
	 * Annotates a span with a boolean.
	 * @param span the span, ignored unless recording
	 * @param key the key, sanitized
	 * @param value the value
	 */
	public static void annotate(Span span, String key, boolean value) {
		if (span.isRecording()) {
			String annotationKey = sanitizeKey(key);
			span.setAttribute(annotationKey, value);
			addKey(span, annotationKey);
		}
	}

	private static void addKey(Span span, String annotationKey) {
		// called only for recording spans; the lock makes the read-modify-write of the
		// list atomic when several threads annotate one span
		synchronized (span) {
			List<String> keys = (span instanceof ReadableSpan readable) ? readable.getAttribute(ANNOTATIONS) : null;
			if (keys == null || keys.isEmpty()) {
				span.setAttribute(ANNOTATIONS, List.of(annotationKey));
			}
			else if (!keys.contains(annotationKey)) {
				List<String> merged = new ArrayList<>(keys.size() + 1);
				merged.addAll(keys);
				merged.add(annotationKey);
				span.setAttribute(ANNOTATIONS, merged);
			}
		}
	}

}
