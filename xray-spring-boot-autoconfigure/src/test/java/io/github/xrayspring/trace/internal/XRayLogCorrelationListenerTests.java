package io.github.xrayspring.trace.internal;

import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeAttachedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeClosedEvent;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper.ScopeRestoredEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayLogCorrelationListener}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayLogCorrelationListenerTests {

	private final XRayLogCorrelationListener listener = new XRayLogCorrelationListener();

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void attachedSpanSetsXRayTraceIdAndSpanId() {
		this.listener.onEvent(new ScopeAttachedEvent(context("53995c3f42cd8ad8")));
		assertThat(MDC.get("AWS-XRAY-TRACE-ID")).isEqualTo("1-5759e988-bd862e3fe1be46a994272793@53995c3f42cd8ad8");
	}

	@Test
	void restoredSpanReplacesEntry() {
		this.listener.onEvent(new ScopeAttachedEvent(context("53995c3f42cd8ad8")));
		this.listener.onEvent(new ScopeRestoredEvent(context("0123456789abcdef")));
		assertThat(MDC.get("AWS-XRAY-TRACE-ID")).endsWith("@0123456789abcdef");
	}

	@Test
	void closedScopeRemovesEntry() {
		this.listener.onEvent(new ScopeAttachedEvent(context("53995c3f42cd8ad8")));
		this.listener.onEvent(new ScopeClosedEvent());
		assertThat(MDC.get("AWS-XRAY-TRACE-ID")).isNull();
	}

	@Test
	void contextWithoutSpanRemovesEntry() {
		this.listener.onEvent(new ScopeAttachedEvent(context("53995c3f42cd8ad8")));
		this.listener.onEvent(new ScopeRestoredEvent(Context.root()));
		assertThat(MDC.get("AWS-XRAY-TRACE-ID")).isNull();
	}

	private static Context context(String spanId) {
		return Context.root()
			.with(Span.wrap(SpanContext.create("5759e988bd862e3fe1be46a994272793", spanId, TraceFlags.getSampled(),
					TraceState.getDefault())));
	}

}
