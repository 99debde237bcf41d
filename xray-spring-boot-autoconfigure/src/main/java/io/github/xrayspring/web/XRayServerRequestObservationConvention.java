package io.github.xrayspring.web;

import java.util.ArrayList;
import java.util.List;

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
		// collected first and sorted once: every KeyValues.and copies and sorts
		List<KeyValue> keyValues = new ArrayList<>(12);
		keyValues.add(KeyValue.of(SpanAttributes.HTTP_REQUEST_METHOD.getKey(), request.getMethod()));
		keyValues.add(KeyValue.of(SpanAttributes.URL_FULL.getKey(), request.getRequestURL().toString()));
		keyValues.add(KeyValue.of(SpanAttributes.URL_PATH.getKey(), request.getRequestURI()));
		keyValues.add(KeyValue.of(SpanAttributes.URL_SCHEME.getKey(), request.getScheme()));
		keyValues.add(KeyValue.of(SpanAttributes.SERVER_ADDRESS.getKey(), request.getServerName()));
		keyValues.add(KeyValue.of(SpanAttributes.SERVER_PORT.getKey(), Integer.toString(request.getServerPort())));
		String forwardedFor = firstForwardedFor(request.getHeader("X-Forwarded-For"));
		// the collector sets x_forwarded_for when the client address comes without a peer
		// address
		if (forwardedFor != null) {
			keyValues.add(KeyValue.of("client.address", forwardedFor));
		}
		else {
			keyValues.add(KeyValue.of(SpanAttributes.CLIENT_ADDRESS.getKey(), request.getRemoteAddr()));
			keyValues.add(KeyValue.of("network.peer.address", request.getRemoteAddr()));
		}
		String route = context.getPathPattern();
		if (route != null) {
			keyValues.add(KeyValue.of("http.route", route));
		}
		String userAgent = request.getHeader("User-Agent");
		if (userAgent != null) {
			keyValues.add(KeyValue.of("user_agent.original", userAgent));
		}
		HttpServletResponse response = context.getResponse();
		if (response != null) {
			keyValues.add(KeyValue.of("http.response.status_code", Integer.toString(response.getStatus())));
		}
		return KeyValues.of(keyValues);
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
