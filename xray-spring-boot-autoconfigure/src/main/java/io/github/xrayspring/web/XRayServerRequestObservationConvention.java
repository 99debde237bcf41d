package io.github.xrayspring.web;

import io.github.xrayspring.trace.internal.SpanAttributes;
import io.github.xrayspring.web.internal.RecordingSpans;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Server request convention that keeps Spring's metric tags and gives the span the
 * semantic-convention keys the collector reads for X-Ray's {@code http} block and its
 * error, fault and throttle flags. The client address is the first
 * {@code X-Forwarded-For} entry when there is one. The full URL is recorded without its
 * query string, which may carry secrets, as the X-Ray SDK did. The span keys are computed
 * only for a span that records: an unsampled request pays nothing for them.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRayServerRequestObservationConvention extends DefaultServerRequestObservationConvention {

	/**
	 * Creates a convention with the given observation name.
	 * @param name the observation name
	 */
	public XRayServerRequestObservationConvention(String name) {
		super(name);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ServerRequestObservationContext context) {
		if (!RecordingSpans.isRecording(context)) {
			return KeyValues.empty();
		}
		HttpServletRequest request = context.getCarrier();
		KeyValues keyValues = KeyValues.of(
				KeyValue.of(SpanAttributes.HTTP_REQUEST_METHOD.getKey(), request.getMethod()),
				KeyValue.of(SpanAttributes.URL_FULL.getKey(), request.getRequestURL().toString()),
				KeyValue.of(SpanAttributes.URL_PATH.getKey(), request.getRequestURI()),
				KeyValue.of(SpanAttributes.URL_SCHEME.getKey(), request.getScheme()),
				KeyValue.of(SpanAttributes.SERVER_ADDRESS.getKey(), request.getServerName()),
				KeyValue.of(SpanAttributes.SERVER_PORT.getKey(), Integer.toString(request.getServerPort())));
		String forwardedFor = firstForwardedFor(request.getHeader("X-Forwarded-For"));
		// the collector sets x_forwarded_for when the client address comes without a peer
		// address
		keyValues = (forwardedFor != null) ? keyValues.and("client.address", forwardedFor)
				: keyValues.and(KeyValue.of(SpanAttributes.CLIENT_ADDRESS.getKey(), request.getRemoteAddr()),
						KeyValue.of("network.peer.address", request.getRemoteAddr()));
		String route = context.getPathPattern();
		if (route != null) {
			keyValues = keyValues.and("http.route", route);
		}
		String userAgent = request.getHeader("User-Agent");
		if (userAgent != null) {
			keyValues = keyValues.and("user_agent.original", userAgent);
		}
		HttpServletResponse response = context.getResponse();
		if (response != null) {
			keyValues = keyValues.and("http.response.status_code", Integer.toString(response.getStatus()));
		}
		return keyValues;
	}

	private static @Nullable String firstForwardedFor(@Nullable String header) {
		if (header == null) {
			return null;
		}
		int comma = header.indexOf(',');
		String first = ((comma >= 0) ? header.substring(0, comma) : header).trim();
		return first.isEmpty() ? null : first;
	}

}
