package io.github.xrayspring.web;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link XRayServerRequestObservationConvention}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayServerRequestObservationConventionTests {

	private final XRayServerRequestObservationConvention convention = new XRayServerRequestObservationConvention(
			"http.server.requests");

	@Test
	void recordsSemanticConventionKeysOnTheSpan() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/42");
		request.setQueryString("token=secret");
		request.setServerName("shop.example.com");
		request.setServerPort(8443);
		request.setScheme("https");
		request.setRemoteAddr("10.0.0.7");
		request.addHeader("User-Agent", "curl/8.0");
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(429);
		ServerRequestObservationContext context = recording(new ServerRequestObservationContext(request, response));
		context.setPathPattern("/orders/{id}");
		KeyValues keyValues = this.convention.getHighCardinalityKeyValues(context);
		assertThat(keyValues).contains(KeyValue.of("http.request.method", "GET"), KeyValue.of("url.path", "/orders/42"),
				KeyValue.of("url.scheme", "https"), KeyValue.of("url.full", "https://shop.example.com:8443/orders/42"),
				KeyValue.of("http.route", "/orders/{id}"), KeyValue.of("http.response.status_code", "429"),
				KeyValue.of("client.address", "10.0.0.7"), KeyValue.of("network.peer.address", "10.0.0.7"),
				KeyValue.of("server.address", "shop.example.com"), KeyValue.of("server.port", "8443"),
				KeyValue.of("user_agent.original", "curl/8.0"));
		assertThat(keyValues.stream().map(KeyValue::getValue)).noneMatch((value) -> value.contains("secret"));
	}

	@Test
	void clientAddressComesFromForwardedForWithoutPeerAddress() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.addHeader("X-Forwarded-For", " 203.0.113.9 , 10.0.0.1");
		KeyValues keyValues = this.convention.getHighCardinalityKeyValues(
				recording(new ServerRequestObservationContext(request, new MockHttpServletResponse())));
		assertThat(keyValues).contains(KeyValue.of("client.address", "203.0.113.9"));
		assertThat(keyValues.stream().map(KeyValue::getKey)).doesNotContain("network.peer.address", "http.route",
				"user_agent.original");
	}

	@Test
	void computesNoSpanKeysBeforeTheSpanStartsNorForASpanThatDoesNotRecord() {
		ServerRequestObservationContext context = new ServerRequestObservationContext(
				new MockHttpServletRequest("GET", "/orders/42"), new MockHttpServletResponse());
		assertThat(this.convention.getHighCardinalityKeyValues(context)).isEmpty();
		TracingContext tracing = new TracingContext();
		tracing.setSpan(Span.NOOP);
		context.put(TracingContext.class, tracing);
		assertThat(this.convention.getHighCardinalityKeyValues(context)).isEmpty();
	}

	@Test
	void keepsSpringMetricTags() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders");
		ServerRequestObservationContext context = new ServerRequestObservationContext(request,
				new MockHttpServletResponse());
		assertThat(this.convention.getLowCardinalityKeyValues(context).stream().map(KeyValue::getKey))
			.contains("method", "uri", "status", "outcome");
	}

	static <C extends Observation.Context> C recording(C context) {
		TracingContext tracing = new TracingContext();
		tracing.setSpan(mock(Span.class));
		context.put(TracingContext.class, tracing);
		return context;
	}

}
