package io.github.xrayspring.web.internal;

import java.util.concurrent.atomic.AtomicReference;

import io.github.xrayspring.trace.internal.XRaySpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRaySegmentFilter} and {@link XRaySpans#segment()}.
 *
 * @author xray-spring-boot-starter team
 */
class XRaySegmentFilterTests {

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();

	private final XRaySegmentFilter filter = new XRaySegmentFilter();

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void segmentIsTheServerSpanWhateverIsCurrentBelowIt() throws Exception {
		Span server = this.tracerProvider.get("test").spanBuilder("GET /orders").startSpan();
		AtomicReference<Span> found = new AtomicReference<>();
		AtomicReference<Span> nested = new AtomicReference<>();
		FilterChain chain = (request, response) -> {
			Span security = this.tracerProvider.get("test").spanBuilder("secured request").startSpan();
			Span controller = this.tracerProvider.get("test")
				.spanBuilder("controller")
				.setParent(Context.current().with(security))
				.startSpan();
			try (Scope outer = security.makeCurrent(); Scope inner = controller.makeCurrent()) {
				found.set(XRaySpans.segment());
			}
			nested.set(security);
		};
		try (Scope scope = server.makeCurrent()) {
			this.filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), chain);
		}
		assertThat(found.get()).isSameAs(server);
		assertThat(nested.get().getSpanContext().getTraceId()).isEqualTo(server.getSpanContext().getTraceId());
	}

	@Test
	void segmentIsTheCurrentSpanOutsideARequest() {
		Span span = this.tracerProvider.get("test").spanBuilder("scheduled").startSpan();
		try (Scope scope = span.makeCurrent()) {
			assertThat(XRaySpans.segment()).isSameAs(span);
		}
	}

	@Test
	void segmentIsTheCurrentSpanOnceTheServerSpanHasEnded() throws Exception {
		Span server = this.tracerProvider.get("test").spanBuilder("GET /orders").startSpan();
		AtomicReference<Context> captured = new AtomicReference<>();
		try (Scope scope = server.makeCurrent()) {
			this.filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
					(request, response) -> captured.set(Context.current()));
		}
		server.end();
		Span async = this.tracerProvider.get("test").spanBuilder("async").setParent(captured.get()).startSpan();
		try (Scope scope = captured.get().with(async).makeCurrent()) {
			assertThat(XRaySpans.segment()).isSameAs(async);
		}
	}

	@Test
	void segmentOfAnotherTraceIsIgnored() throws Exception {
		Span server = this.tracerProvider.get("test").spanBuilder("GET /orders").startSpan();
		AtomicReference<Span> found = new AtomicReference<>();
		AtomicReference<Span> root = new AtomicReference<>();
		try (Scope scope = server.makeCurrent()) {
			this.filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), (request, response) -> {
				root.set(this.tracerProvider.get("test").spanBuilder("new trace").setNoParent().startSpan());
				try (Scope inner = root.get().makeCurrent()) {
					found.set(XRaySpans.segment());
				}
			});
		}
		assertThat(found.get()).isSameAs(root.get());
	}

	@Test
	void unsampledRequestPassesWithTheSameContext() throws Exception {
		try (SdkTracerProvider unsampled = SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build()) {
			Span server = unsampled.get("test").spanBuilder("GET /orders").startSpan();
			AtomicReference<Context> inside = new AtomicReference<>();
			try (Scope scope = server.makeCurrent()) {
				Context outside = Context.current();
				this.filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
						(request, response) -> inside.set(Context.current()));
				assertThat(inside.get()).isSameAs(outside);
			}
		}
	}

	@Test
	void childSpanIsNotMarkedAsSegment() throws Exception {
		Span server = this.tracerProvider.get("test").spanBuilder("GET /orders").startSpan();
		try (Scope scope = server.makeCurrent()) {
			Span child = this.tracerProvider.get("test").spanBuilder("forward").startSpan();
			try (Scope inner = child.makeCurrent()) {
				Context outside = Context.current();
				AtomicReference<Context> inside = new AtomicReference<>();
				this.filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
						(request, response) -> inside.set(Context.current()));
				assertThat(inside.get()).isSameAs(outside);
			}
		}
	}

	@Test
	void passesRequestOnWithoutSpan() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isNotNull();
	}

}
