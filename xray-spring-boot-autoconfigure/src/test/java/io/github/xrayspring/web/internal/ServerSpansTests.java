package io.github.xrayspring.web.internal;

import io.github.xrayspring.trace.internal.LocalRootSpans;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.ServerHttpObservationFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServerSpans}.
 *
 * @author xray-spring-boot-starter team
 */
class ServerSpansTests {

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();

	@AfterEach
	void close() {
		RequestContextHolder.resetRequestAttributes();
		this.tracerProvider.close();
	}

	@Test
	void segmentIsTheServerSpanOfTheServerObservation() {
		Span server = this.tracerProvider.get("test").spanBuilder("GET /orders").startSpan();
		Span segment = ServerSpans.segment(requestWithServerObservation(server, null));
		assertThat(segment).isNotNull();
		assertThat(segment.getSpanContext()).isEqualTo(server.getSpanContext());
	}

	@Test
	void serverSpanWithAParentObservationIsNoSegment() {
		Span server = this.tracerProvider.get("test").spanBuilder("GET /orders").startSpan();
		Observation parent = Observation.start("outer", ObservationRegistry.create());
		assertThat(ServerSpans.segment(requestWithServerObservation(server, parent))).isNull();
	}

	@Test
	void noSegmentWithoutServerObservationOrOnceTheServerSpanEnded() {
		assertThat(ServerSpans.segment(new MockHttpServletRequest())).isNull();
		Span server = this.tracerProvider.get("test").spanBuilder("GET /orders").startSpan();
		MockHttpServletRequest request = requestWithServerObservation(server, null);
		server.end();
		assertThat(ServerSpans.segment(request)).isNull();
	}

	@Test
	void segmentOrCurrentFindsTheSegmentOfTheRequestOfThisThread() {
		Span server = this.tracerProvider.get("test").spanBuilder("GET /orders").startSpan();
		RequestContextHolder
			.setRequestAttributes(new ServletRequestAttributes(requestWithServerObservation(server, null)));
		try (Scope outer = server.makeCurrent()) {
			Span security = this.tracerProvider.get("test").spanBuilder("secured request").startSpan();
			try (Scope inner = security.makeCurrent()) {
				assertThat(ServerSpans.segmentOrCurrent().getSpanContext()).isEqualTo(server.getSpanContext());
			}
			// a new trace started inside the request is its own segment
			Span other = this.tracerProvider.get("test").spanBuilder("job").setNoParent().startSpan();
			try (Scope inner = other.makeCurrent()) {
				assertThat(ServerSpans.segmentOrCurrent()).isSameAs(other);
			}
		}
	}

	@Test
	void segmentIsTheSdkSpanWhenTheObservationHoldsAViewOfIt() {
		// Micrometer Tracing may hand out a view of the SDK span, whose attributes cannot
		// be read back; the local root registry has the SDK span itself
		try (SdkTracerProvider tracked = SdkTracerProvider.builder()
			.addSpanProcessor(LocalRootSpans.shared())
			.build()) {
			Span server = tracked.get("test").spanBuilder("GET /orders").startSpan();
			Span view = Span.wrap(server.getSpanContext());
			MockHttpServletRequest request = requestWithServerObservation(view, null);
			assertThat(ServerSpans.segment(request)).isSameAs(server);
			server.end();
		}
	}

	@Test
	void segmentOrCurrentIsTheCurrentSpanOutsideARequest() {
		Span span = this.tracerProvider.get("test").spanBuilder("scheduled").startSpan();
		try (Scope scope = span.makeCurrent()) {
			assertThat(ServerSpans.segmentOrCurrent()).isSameAs(span);
		}
	}

	@Test
	void unsampledRequestGetsTheCurrentSpan() {
		try (SdkTracerProvider unsampled = SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build()) {
			Span server = unsampled.get("test").spanBuilder("GET /orders").startSpan();
			RequestContextHolder
				.setRequestAttributes(new ServletRequestAttributes(requestWithServerObservation(server, null)));
			try (Scope scope = server.makeCurrent()) {
				assertThat(ServerSpans.segmentOrCurrent()).isSameAs(Span.current());
			}
		}
	}

	/**
	 * Returns a request as Spring's {@code ServerHttpObservationFilter} leaves it: with
	 * its observation context, whose tracing context holds the server span.
	 * @param server the server span
	 * @param parent the parent observation, if any
	 * @return the request
	 */
	static MockHttpServletRequest requestWithServerObservation(Span server, @Nullable Observation parent) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		ServerRequestObservationContext observation = new ServerRequestObservationContext(request,
				new MockHttpServletResponse());
		observation.setParentObservation(parent);
		TracingContext tracing = new TracingContext();
		tracing.setSpan(OtelSpan.fromOtel(server));
		observation.put(TracingContext.class, tracing);
		request.setAttribute(ServerHttpObservationFilter.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE, observation);
		return request;
	}

}
