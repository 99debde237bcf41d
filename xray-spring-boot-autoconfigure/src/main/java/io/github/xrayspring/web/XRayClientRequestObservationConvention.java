package io.github.xrayspring.web;

import java.io.IOException;
import java.net.URI;

import io.github.xrayspring.trace.internal.SpanAttributes;
import io.github.xrayspring.web.internal.RecordingSpans;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;

/**
 * Client request convention that keeps Spring's metric tags and gives the span the keys
 * X-Ray reads for a remote subsegment: the method, the URL without user info or query,
 * the status code, and {@code peer.service} set to the host so the downstream node is
 * named after it.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRayClientRequestObservationConvention extends DefaultClientRequestObservationConvention {

	/**
	 * Creates a convention with the given observation name.
	 * @param name the observation name
	 */
	public XRayClientRequestObservationConvention(String name) {
		super(name);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ClientRequestObservationContext context) {
		KeyValues keyValues = super.getHighCardinalityKeyValues(context);
		ClientHttpRequest request = context.getCarrier();
		if (request == null || !RecordingSpans.isRecording(context)) {
			return keyValues;
		}
		URI uri = request.getURI();
		keyValues = keyValues.and(KeyValue.of(SpanAttributes.HTTP_REQUEST_METHOD.getKey(), request.getMethod().name()));
		if (uri.getHost() != null) {
			String port = Integer.toString((uri.getPort() != -1) ? uri.getPort() : defaultPort(uri.getScheme()));
			keyValues = keyValues.and(
					KeyValue.of(SpanAttributes.URL_FULL.getKey(),
							uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
									+ uri.getRawPath()),
					KeyValue.of(SpanAttributes.SERVER_ADDRESS.getKey(), uri.getHost()),
					KeyValue.of(SpanAttributes.SERVER_PORT.getKey(), port),
					KeyValue.of(SpanAttributes.PEER_SERVICE.getKey(), uri.getHost()));
		}
		ClientHttpResponse response = context.getResponse();
		if (response != null) {
			try {
				keyValues = keyValues.and("http.response.status_code",
						Integer.toString(response.getStatusCode().value()));
			}
			catch (IOException ex) {
				// no status to record; the observation records the error
			}
		}
		return keyValues;
	}

	private static int defaultPort(String scheme) {
		return "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}

}
