package io.github.xrayspring.trace.internal;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an {@code X-Amzn-Trace-Id} header that tracing needs, for example
 * {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}.
 *
 * @param traceId the OpenTelemetry form of the {@code Root} trace ID
 * @param parentId the {@code Parent} segment ID, or {@code null} when absent
 * @param sampled the {@code Sampled} decision, or {@code null} when absent or {@code ?}
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
record XRayTraceHeader(String traceId, @Nullable String parentId, @Nullable Boolean sampled) {

	private static final int MAX_LENGTH = 8192;

	/**
	 * Returns whether the header names both a parent and a decision.
	 * @return whether OpenTelemetry's X-Ray propagator handles it as is
	 */
	boolean isComplete() {
		return this.parentId != null && this.sampled != null;
	}

	/**
	 * Parses a header value.
	 * @param value the header value
	 * @return the header, or {@code null} when it is malformed or has no valid
	 * {@code Root}
	 */
	static @Nullable XRayTraceHeader parse(String value) {
		if (value.length() > MAX_LENGTH) {
			return null;
		}
		String traceId = null;
		String parentId = null;
		Boolean sampled = null;
		int start = 0;
		while (start <= value.length()) {
			int end = value.indexOf(';', start);
			if (end < 0) {
				end = value.length();
			}
			String part = value.substring(start, end).trim();
			start = end + 1;
			if (part.isEmpty()) {
				continue;
			}
			int equals = part.indexOf('=');
			if (equals <= 0) {
				return null;
			}
			String key = part.substring(0, equals).trim();
			String partValue = part.substring(equals + 1).trim();
			if (key.equals("Root")) {
				traceId = traceId(partValue);
				if (traceId == null) {
					return null;
				}
			}
			else if (key.equals("Parent")) {
				if (!SpanId.isValid(partValue)) {
					return null;
				}
				parentId = partValue;
			}
			else if (key.equals("Sampled")) {
				switch (partValue) {
					case "1" -> sampled = Boolean.TRUE;
					case "0" -> sampled = Boolean.FALSE;
					case "?" -> sampled = null;
					default -> {
						return null;
					}
				}
			}
		}
		return (traceId != null) ? new XRayTraceHeader(traceId, parentId, sampled) : null;
	}

	// 1-<1 to 8 hex digits of epoch seconds>-<24 hex digits>
	private static @Nullable String traceId(String root) {
		int secondDash = root.indexOf('-', 2);
		if (!root.startsWith("1-") || secondDash < 3 || secondDash > 10 || root.length() - secondDash - 1 != 24) {
			return null;
		}
		String epoch = root.substring(2, secondDash);
		String traceId = "00000000".substring(epoch.length()) + epoch + root.substring(secondDash + 1);
		return TraceId.isValid(traceId) ? traceId : null;
	}

}
