package io.github.xrayspring.trace.internal;

/**
 * Conversions between OpenTelemetry and X-Ray trace IDs.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRayTraceIds {

	private XRayTraceIds() {
	}

	/**
	 * Returns the X-Ray form of a 32-hex-digit OpenTelemetry trace ID:
	 * {@code 1-<first 8>-<last 24>}.
	 * @param traceId the OpenTelemetry trace ID
	 * @return the X-Ray trace ID
	 */
	public static String toXRay(String traceId) {
		return new StringBuilder(35).append("1-").append(traceId, 0, 8).append('-').append(traceId, 8, 32).toString();
	}

}
