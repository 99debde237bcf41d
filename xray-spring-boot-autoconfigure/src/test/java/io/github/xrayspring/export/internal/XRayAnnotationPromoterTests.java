package io.github.xrayspring.export.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayAnnotationPromoter}.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class XRayAnnotationPromoterTests {

	private static final String TRACE_ID = "6a0c8f1e0123456789abcdef01234567";

	private static final String OTHER_TRACE_ID = "6a0c8f1e7654321076543210fedcba98";

	private static final String ROOT_ID = "1000000000000001";

	@Test
	void returnsSpanWithoutAnnotationsUnchanged() {
		SpanData span = child(TRACE_ID, Attributes.of(AttributeKey.stringKey("order.id"), "42"));
		assertThat(new XRayAnnotationPromoter().promote(span)).isSameAs(span);
		assertThat(new XRayAnnotationPromoter(List.of("tier")).promote(span)).isSameAs(span);
	}

	@Test
	void returnsSpanWhoseListedAnnotationsAreValidUnchanged() {
		SpanData span = child(TRACE_ID,
				Attributes.builder()
					.put("order_id", "42")
					.put(XRayAnnotations.ANNOTATIONS, List.of("order_id"))
					.build());
		assertThat(new XRayAnnotationPromoter().promote(span)).isSameAs(span);
	}

	@Test
	void promotesConfiguredKeys() {
		SpanData span = child(TRACE_ID, Attributes.builder().put("tier", "gold").put("items", 3L).build());
		Attributes promoted = new XRayAnnotationPromoter(List.of("tier", "items", "absent")).promote(span)
			.getAttributes();
		assertThat(promoted.get(XRayAnnotations.ANNOTATIONS)).containsExactly("tier", "items");
		assertThat(promoted.get(AttributeKey.stringKey("tier"))).isEqualTo("gold");
	}

	@Test
	void copiesKeysThatXRayWillNotIndexFromTheListUnderTheSanitizedKey() {
		SpanData span = child(TRACE_ID,
				Attributes.builder()
					.put("http.route", "/orders/{id}")
					.put("db.system", "postgresql")
					.put("aws.region", "eu-west-1")
					.put("http.response.status_code", 200L)
					.build());
		Attributes promoted = new XRayAnnotationPromoter(
				List.of("http.route", "db.system", "aws.region", "http.response.status_code"))
			.promote(span)
			.getAttributes();
		assertThat(promoted.get(XRayAnnotations.ANNOTATIONS)).containsExactly("http_route", "db_system", "aws_region",
				"http_response_status_code");
		assertThat(promoted.get(AttributeKey.stringKey("http_route"))).isEqualTo("/orders/{id}");
		assertThat(promoted.get(AttributeKey.stringKey("http.route"))).isEqualTo("/orders/{id}");
		assertThat(promoted.get(AttributeKey.longKey("http_response_status_code"))).isEqualTo(200L);
	}

	@Test
	void keepsEndUserIdAsIs() {
		SpanData span = child(TRACE_ID, Attributes.of(AttributeKey.stringKey("enduser.id"), "alice"));
		Attributes promoted = new XRayAnnotationPromoter(List.of("enduser.id")).promote(span).getAttributes();
		assertThat(promoted.get(AttributeKey.stringKey("enduser.id"))).isEqualTo("alice");
		assertThat(promoted.get(AttributeKey.stringKey("enduser_id"))).isNull();
		assertThat(promoted.get(XRayAnnotations.ANNOTATIONS)).isNull();
	}

	@Test
	void mergesTheApplicationsOwnList() {
		SpanData span = child(TRACE_ID,
				Attributes.builder()
					.put("mine", "yes")
					.put("order.id", "42")
					.put("tier", "gold")
					.put(XRayAnnotations.ANNOTATIONS, List.of("mine", "order.id"))
					.build());
		Attributes promoted = new XRayAnnotationPromoter(List.of("tier")).promote(span).getAttributes();
		assertThat(promoted.get(XRayAnnotations.ANNOTATIONS)).containsExactly("mine", "order_id", "tier");
		assertThat(promoted.get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
	}

	@Test
	void unlistsKeysWithoutScalarValue() {
		SpanData span = child(TRACE_ID,
				Attributes.builder()
					.put("tags", "a", "b")
					.put("kept", true)
					.put(XRayAnnotations.ANNOTATIONS, List.of("tags", "missing", "kept"))
					.build());
		Attributes promoted = new XRayAnnotationPromoter().promote(span).getAttributes();
		assertThat(promoted.get(XRayAnnotations.ANNOTATIONS)).containsExactly("kept");
		assertThat(promoted.get(AttributeKey.stringArrayKey("tags"))).containsExactly("a", "b");
	}

	@Test
	void removesListWhenNothingIsLeft() {
		SpanData span = child(TRACE_ID, Attributes.of(XRayAnnotations.ANNOTATIONS, List.of("missing")));
		assertThat(new XRayAnnotationPromoter().promote(span).getAttributes().get(XRayAnnotations.ANNOTATIONS))
			.isNull();
	}

	@Test
	void cutsLongStringValues() {
		SpanData span = child(TRACE_ID, Attributes.of(AttributeKey.stringKey("note"), "x".repeat(1500)));
		Attributes promoted = new XRayAnnotationPromoter(List.of("note")).promote(span).getAttributes();
		assertThat(promoted.get(AttributeKey.stringKey("note"))).hasSize(1000);
	}

	@Test
	void dropsKeysBeyondFiftyPerTraceAndKeepsThemAsMetadata(CapturedOutput output) {
		XRayAnnotationPromoter promoter = new XRayAnnotationPromoter();
		Attributes first = promoter.promote(child(TRACE_ID, annotations(0, 30))).getAttributes();
		Attributes second = promoter.promote(child(TRACE_ID, annotations(30, 60))).getAttributes();
		assertThat(first.get(XRayAnnotations.ANNOTATIONS)).hasSize(30);
		assertThat(second.get(XRayAnnotations.ANNOTATIONS)).hasSize(20).contains("key_30", "key_49");
		assertThat(second.get(AttributeKey.stringKey("key_55"))).isEqualTo("value");
		assertThat(promoter.getPromoted()).isEqualTo(50);
		assertThat(promoter.getDropped()).isEqualTo(10);
		assertThat(promoter.getDroppedKeys()).hasSize(10).startsWith("key_50", "key_51").endsWith("key_59");
		assertThat(output).containsOnlyOnce("X-Ray annotation 'key_55' dropped on span 'child' of trace "
				+ "1-6a0c8f1e-0123456789abcdef01234567: the trace already has 50 annotation keys");
	}

	@Test
	void logsEachDroppedKeyOnce(CapturedOutput output) {
		XRayAnnotationPromoter promoter = new XRayAnnotationPromoter();
		promoter.promote(child(TRACE_ID, annotations(0, 51)));
		promoter.promote(child(TRACE_ID, annotations(0, 51)));
		assertThat(promoter.getDropped()).isEqualTo(2);
		assertThat(output).containsOnlyOnce("'key_50' dropped");
	}

	@Test
	void countsKeyPromotedOnAnotherSpanOfTheTraceOnce() {
		XRayAnnotationPromoter promoter = new XRayAnnotationPromoter();
		promoter.promote(child(TRACE_ID, annotations(0, 50)));
		Attributes again = promoter.promote(child(TRACE_ID, annotations(49, 51))).getAttributes();
		assertThat(again.get(XRayAnnotations.ANNOTATIONS)).containsExactly("key_49");
		assertThat(promoter.getDropped()).isEqualTo(1);
	}

	@Test
	void countsEachTraceSeparately() {
		XRayAnnotationPromoter promoter = new XRayAnnotationPromoter();
		promoter.promote(child(TRACE_ID, annotations(0, 50)));
		Attributes other = promoter.promote(child(OTHER_TRACE_ID, annotations(50, 100))).getAttributes();
		assertThat(other.get(XRayAnnotations.ANNOTATIONS)).hasSize(50);
		assertThat(promoter.getDropped()).isZero();
	}

	@Test
	void forgetsTraceWhenItsLocalRootIsExported() {
		XRayAnnotationPromoter promoter = new XRayAnnotationPromoter();
		promoter.promote(child(TRACE_ID, annotations(0, 40)));
		assertThat(promoter.getTrackedTraces()).isOne();
		Attributes root = promoter.promote(span(TRACE_ID, ROOT_ID, SpanContext.getInvalid(), annotations(40, 60)))
			.getAttributes();
		assertThat(root.get(XRayAnnotations.ANNOTATIONS)).hasSize(10);
		assertThat(promoter.getTrackedTraces()).isZero();
	}

	@Test
	void treatsSpanWithRemoteParentAsLocalRoot() {
		XRayAnnotationPromoter promoter = new XRayAnnotationPromoter();
		SpanContext remote = SpanContext.createFromRemoteParent(TRACE_ID, "2000000000000002", TraceFlags.getSampled(),
				TraceState.getDefault());
		promoter.promote(span(TRACE_ID, ROOT_ID, remote, annotations(0, 5)));
		assertThat(promoter.getTrackedTraces()).isZero();
	}

	@Test
	void keepsCountingUntilOutermostLocalRootIsExported() {
		XRayAnnotationPromoter promoter = new XRayAnnotationPromoter();
		InMemorySpanExporter delegate = InMemorySpanExporter.create();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.setSpanLimits(SpanLimits.builder().setMaxNumberOfAttributes(1000).build())
			.addSpanProcessor(promoter.localRootTracker())
			.addSpanProcessor(SimpleSpanProcessor.create(new XRaySpanExporter(delegate, promoter)))
			.build()) {
			Tracer tracer = tracerProvider.get("test");
			// a service calling itself: outer server span, client span, inner server span
			// whose remote parent is the client span
			Span outer = tracer.spanBuilder("outer").setSpanKind(SpanKind.SERVER).setNoParent().startSpan();
			Span client = tracer.spanBuilder("client")
				.setSpanKind(SpanKind.CLIENT)
				.setParent(Context.root().with(outer))
				.startSpan();
			SpanContext remote = SpanContext.createFromRemoteParent(client.getSpanContext().getTraceId(),
					client.getSpanContext().getSpanId(), TraceFlags.getSampled(), TraceState.getDefault());
			Span inner = tracer.spanBuilder("inner")
				.setSpanKind(SpanKind.SERVER)
				.setParent(Context.root().with(Span.wrap(remote)))
				.startSpan();
			IntStream.range(0, 30).forEach((i) -> XRayAnnotations.annotate(inner, "inner_" + i, "v"));
			inner.end();
			assertThat(promoter.getTrackedTraces()).isOne();
			client.end();
			IntStream.range(0, 30).forEach((i) -> XRayAnnotations.annotate(outer, "outer_" + i, "v"));
			outer.end();
			assertThat(promoter.getTrackedTraces()).isZero();
			int exported = delegate.getFinishedSpanItems()
				.stream()
				.map((span) -> span.getAttributes().get(XRayAnnotations.ANNOTATIONS))
				.mapToInt((keys) -> (keys != null) ? keys.size() : 0)
				.sum();
			assertThat(exported).isEqualTo(XRayAnnotations.MAX_KEYS_PER_TRACE);
			assertThat(promoter.getDropped()).isEqualTo(10);
		}
	}

	@Test
	void boundsTheNumberOfTrackedTraces() {
		XRayAnnotationPromoter promoter = new XRayAnnotationPromoter();
		for (int i = 0; i < XRayAnnotationPromoter.MAX_TRACKED_TRACES + 100; i++) {
			promoter.promote(child(String.format("%032x", i + 1), annotations(0, 1)));
		}
		assertThat(promoter.getTrackedTraces()).isEqualTo(XRayAnnotationPromoter.MAX_TRACKED_TRACES);
	}

	@Test
	void exporterPromotesEverySpan() {
		InMemorySpanExporter delegate = InMemorySpanExporter.create();
		XRaySpanExporter exporter = new XRaySpanExporter(delegate, new XRayAnnotationPromoter(List.of("http.route")));
		exporter.export(List.of(child(TRACE_ID, Attributes.of(AttributeKey.stringKey("http.route"), "/orders"))));
		assertThat(delegate.getFinishedSpanItems().get(0).getAttributes().get(XRayAnnotations.ANNOTATIONS))
			.containsExactly("http_route");
	}

	private static Attributes annotations(int from, int to) {
		AttributesBuilder builder = Attributes.builder();
		List<String> keys = new ArrayList<>();
		IntStream.range(from, to).forEach((i) -> {
			builder.put("key_" + i, "value");
			keys.add("key_" + i);
		});
		return builder.put(XRayAnnotations.ANNOTATIONS, keys).build();
	}

	private static SpanData child(String traceId, Attributes attributes) {
		SpanContext parent = SpanContext.create(traceId, ROOT_ID, TraceFlags.getSampled(), TraceState.getDefault());
		return span(traceId, "3000000000000003", parent, attributes);
	}

	private static SpanData span(String traceId, String spanId, SpanContext parent, Attributes attributes) {
		return TestSpanData.builder()
			.setSpanContext(SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()))
			.setParentSpanContext(parent)
			.setName(parent.isValid() && !parent.isRemote() ? "child" : "root")
			.setKind(SpanKind.INTERNAL)
			.setStartEpochNanos(1)
			.setEndEpochNanos(2)
			.setStatus(StatusData.unset())
			.setHasEnded(true)
			.setAttributes(attributes)
			.setTotalAttributeCount(attributes.size())
			.build();
	}

}
