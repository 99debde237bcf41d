package io.github.xrayspring.trace.internal;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayPropagator}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayPropagatorTests {

	private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";

	private final XRayPropagator propagator = new XRayPropagator();

	@Test
	void completeHeaderIsContinuedWithItsDecision() {
		SpanContext parent = extract("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
		assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(parent.getSpanId()).isEqualTo("53995c3f42cd8ad8");
		assertThat(parent.isSampled()).isTrue();
		assertThat(parent.isRemote()).isTrue();
		assertThat(XRayPropagator.isUndecided(parent)).isFalse();
		assertThat(XRayPropagator.isPlaceholderParent(parent)).isFalse();
	}

	@Test
	void completeUnsampledHeaderIsContinuedUnsampled() {
		SpanContext parent = extract("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
		assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(parent.isSampled()).isFalse();
		assertThat(XRayPropagator.isUndecided(parent)).isFalse();
	}

	@Test
	void rootOnlyHeaderKeepsTraceIdAndLeavesDecisionOpen() {
		SpanContext parent = extract("Root=1-5759e988-bd862e3fe1be46a994272793");
		assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(parent.isValid()).isTrue();
		assertThat(XRayPropagator.isUndecided(parent)).isTrue();
		assertThat(XRayPropagator.isPlaceholderParent(parent)).isTrue();
	}

	@Test
	void albHeaderWithSelfKeepsTraceId() {
		SpanContext parent = extract(
				"Self=1-67891234-12456789abcdef012345678;Root=1-5759e988-bd862e3fe1be46a994272793");
		assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
		assertThat(XRayPropagator.isUndecided(parent)).isTrue();
	}

	@Test
	void questionMarkSampledKeepsParentAndLeavesDecisionOpen() {
		SpanContext parent = extract("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=?");
		assertThat(parent.getSpanId()).isEqualTo("53995c3f42cd8ad8");
		assertThat(XRayPropagator.isUndecided(parent)).isTrue();
		assertThat(XRayPropagator.isPlaceholderParent(parent)).isFalse();
	}

	@Test
	void missingSampledLeavesDecisionOpen() {
		SpanContext parent = extract("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8");
		assertThat(XRayPropagator.isUndecided(parent)).isTrue();
		assertThat(parent.getSpanId()).isEqualTo("53995c3f42cd8ad8");
	}

	@Test
	void rootWithDecisionButNoParentFollowsDecision() {
		SpanContext parent = extract("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
		assertThat(parent.isSampled()).isTrue();
		assertThat(XRayPropagator.isUndecided(parent)).isFalse();
		assertThat(XRayPropagator.isPlaceholderParent(parent)).isTrue();
	}

	@Test
	void shortEpochIsPadded() {
		SpanContext parent = extract("Root=1-e988-bd862e3fe1be46a994272793");
		assertThat(parent.getTraceId()).isEqualTo("0000e988bd862e3fe1be46a994272793");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "Root=", "Root=2-5759e988-bd862e3fe1be46a994272793",
			"Root=1-5759e988-bd862e3fe1be46a99427279", "Root=1-5759e988-bd862e3fe1be46a99427279z",
			"Root=1-00000000-000000000000000000000000", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=xyz",
			"Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=2", "Root=1-5759e988-bd862e3fe1be46a994272793;oops",
			"Parent=53995c3f42cd8ad8;Sampled=1", ";;;", "Root=1-5759e988bd862e3fe1be46a994272793" })
	void malformedHeaderStartsNewTrace(String header) {
		assertThat(extract(header).isValid()).isFalse();
	}

	@Test
	void hugeHeaderIsIgnored() {
		assertThat(extract("Root=1-5759e988-bd862e3fe1be46a994272793;" + "x=y;".repeat(5000)).isValid()).isFalse();
	}

	@Test
	void missingHeaderLeavesContextAlone() {
		Context context = Context.root();
		assertThat(this.propagator.extract(context, new HashMap<String, String>(), MapTextMapGetter.INSTANCE))
			.isSameAs(context);
	}

	@Test
	void injectWritesXRayHeaderOfCurrentSpan() {
		SpanContext spanContext = SpanContext.create(TRACE_ID, "53995c3f42cd8ad8", TraceFlags.getSampled(),
				TraceState.getDefault());
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(Context.root().with(Span.wrap(spanContext)), carrier, Map::put);
		assertThat(carrier).containsEntry("X-Amzn-Trace-Id",
				"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
	}

	private SpanContext extract(String header) {
		Map<String, String> carrier = Map.of("X-Amzn-Trace-Id", header);
		return Span.fromContext(this.propagator.extract(Context.root(), carrier, MapTextMapGetter.INSTANCE))
			.getSpanContext();
	}

}
