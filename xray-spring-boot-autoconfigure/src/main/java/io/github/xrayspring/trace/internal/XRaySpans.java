package io.github.xrayspring.trace.internal;

import io.opentelemetry.api.trace.SpanContext;

/**
 * Helpers on spans shared by the starter's processors and exporters.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRaySpans {

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

}
