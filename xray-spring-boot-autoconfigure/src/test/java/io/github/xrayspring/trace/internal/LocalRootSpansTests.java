package io.github.xrayspring.trace.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalRootSpans}.
 *
 * @author xray-spring-boot-starter team
 */
class LocalRootSpansTests {

	private final LocalRootSpans localRoots = new LocalRootSpans();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(this.localRoots)
		.build();

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void findsOpenLocalRootsOnlyUntilTheyEnd() {
		Span root = this.tracerProvider.get("test").spanBuilder("GET /orders").startSpan();
		Span child;
		try (Scope scope = root.makeCurrent()) {
			child = this.tracerProvider.get("test").spanBuilder("secured request").startSpan();
		}
		assertThat(this.localRoots.find(root.getSpanContext())).isSameAs(root);
		assertThat(this.localRoots.find(child.getSpanContext())).isNull();
		child.end();
		root.end();
		assertThat(this.localRoots.find(root.getSpanContext())).isNull();
		assertThat(this.localRoots.size()).isZero();
	}

	@Test
	void spanWithRemoteParentIsALocalRoot() {
		SpanContext remote = SpanContext.createFromRemoteParent("5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8",
				TraceFlags.getSampled(), TraceState.getDefault());
		Span server = this.tracerProvider.get("test")
			.spanBuilder("GET /orders")
			.setParent(Context.root().with(Span.wrap(remote)))
			.startSpan();
		assertThat(this.localRoots.find(server.getSpanContext())).isSameAs(server);
		server.end();
	}

	@Test
	void unsampledSpansAreNotTracked() {
		try (SdkTracerProvider unsampled = SdkTracerProvider.builder()
			.setSampler(Sampler.alwaysOff())
			.addSpanProcessor(this.localRoots)
			.build()) {
			Span span = unsampled.get("test").spanBuilder("GET /orders").startSpan();
			assertThat(this.localRoots.size()).isZero();
			span.end();
		}
	}

	@Test
	void holdsABoundedNumberOfSpans() {
		for (int i = 0; i < LocalRootSpans.MAX_SPANS + 5; i++) {
			this.tracerProvider.get("test").spanBuilder("never ended").startSpan();
		}
		assertThat(this.localRoots.size()).isEqualTo(LocalRootSpans.MAX_SPANS);
	}

}
