package io.github.xrayspring.export.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.xrayspring.trace.internal.MapTextMapGetter;
import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.github.xrayspring.trace.internal.XRayPropagator;
import io.github.xrayspring.trace.internal.XRaySpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRaySpanExporter}.
 *
 * @author xray-spring-boot-starter team
 */
class XRaySpanExporterTests {

	private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";

	private final InMemorySpanExporter exported = InMemorySpanExporter.create();

	private final XRaySpanExporter exporter = new XRaySpanExporter(this.exported);

	@Test
	void countsExportedSpansTheirSizeAndTraceRootsOncePerBatch() {
		ExportStatistics statistics = new ExportStatistics();
		XRaySpanExporter counting = new XRaySpanExporter(this.exported, new XRayAnnotationPromoter(), statistics);
		SpanContext remote = SpanContext.createFromRemoteParent(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(),
				TraceState.getDefault());
		SpanData root = span(SpanContext.getInvalid(), Attributes.empty());
		SpanData entered = span(remote, Attributes.of(AttributeKey.stringKey("http.route"), "/orders/{id}"));
		assertThat(counting.export(List.of(root, entered)).isSuccess()).isTrue();
		assertThat(statistics.getExported()).isEqualTo(2);
		assertThat(statistics.getFailed()).isZero();
		assertThat(statistics.getTraceRootsExported()).isEqualTo(1);
		// two fixed overheads, the names, the resource twice and one attribute
		long resource = SpanSize.of(List.of(root)) - SpanSize.SPAN_OVERHEAD - root.getName().length();
		assertThat(statistics.getBytesExported()).isEqualTo(2 * (SpanSize.SPAN_OVERHEAD + root.getName().length())
				+ 2 * resource + SpanSize.ATTRIBUTE_OVERHEAD + "http.route".length() + "/orders/{id}".length());
		assertThat(statistics.getLastError()).isNull();
	}

	@Test
	void countsFailedExportsWithTheLastError() {
		ExportStatistics statistics = new ExportStatistics();
		List<Runnable> batches = new java.util.ArrayList<>();
		statistics.afterEachBatch(() -> batches.add(() -> {
		}));
		io.opentelemetry.sdk.trace.export.SpanExporter failing = new io.opentelemetry.sdk.trace.export.SpanExporter() {

			@Override
			public io.opentelemetry.sdk.common.CompletableResultCode export(java.util.Collection<SpanData> spans) {
				return io.opentelemetry.sdk.common.CompletableResultCode
					.ofExceptionalFailure(new java.io.IOException("Connection refused"));
			}

			@Override
			public io.opentelemetry.sdk.common.CompletableResultCode flush() {
				return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
			}

			@Override
			public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
				return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
			}

		};
		XRaySpanExporter counting = new XRaySpanExporter(failing, new XRayAnnotationPromoter(), statistics);
		counting.export(List.of(span(SpanContext.getInvalid(), Attributes.empty())));
		assertThat(statistics.getExported()).isZero();
		assertThat(statistics.getFailed()).isEqualTo(1);
		assertThat(statistics.getBytesExported()).isZero();
		assertThat(statistics.getLastError()).isNotNull();
		assertThat(statistics.getLastError().message()).isEqualTo("java.io.IOException: Connection refused");
		assertThat(batches).hasSize(1);
	}

	@Test
	void statusCodeStringBecomesNumber() {
		SpanData span = span(SpanContext.getInvalid(),
				Attributes.of(AttributeKey.stringKey("http.response.status_code"), "404",
						AttributeKey.stringKey("server.port"), "8080", AttributeKey.stringKey("method"), "GET"));
		SpanData prepared = export(span);
		assertThat(prepared.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404L);
		assertThat(prepared.getAttributes().get(AttributeKey.stringKey("http.response.status_code"))).isNull();
		assertThat(prepared.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(8080L);
		assertThat(prepared.getAttributes().get(AttributeKey.stringKey("method"))).isEqualTo("GET");
		assertThat(prepared.getAttributes().size()).isEqualTo(3);
	}

	@Test
	void nonNumericStatusIsKept() {
		SpanData span = span(SpanContext.getInvalid(),
				Attributes.of(AttributeKey.stringKey("http.response.status_code"), "UNKNOWN"));
		assertThat(export(span).getAttributes()).isSameAs(span.getAttributes());
	}

	@Test
	void spanNeedingNothingKeepsItsAttributes() {
		SpanData span = span(SpanContext.getInvalid(), Attributes.of(AttributeKey.longKey("x"), 1L));
		SpanData exported = export(span);
		assertThat(exported.getAttributes()).isSameAs(span.getAttributes());
		assertThat(exported.getSpanContext()).isEqualTo(span.getSpanContext());
		assertThat(exported.getParentSpanContext()).isEqualTo(span.getParentSpanContext());
	}

	@Test
	void attributesAndResourceAreReadOnceFromSpansThatRebuildThem() {
		AtomicInteger attributeReads = new AtomicInteger();
		AtomicInteger resourceReads = new AtomicInteger();
		SpanData original = span(SpanContext.getInvalid(), Attributes.of(AttributeKey.stringKey("k"), "v"));
		SpanData rebuilding = new DelegatingSpanData(original) {

			@Override
			public Attributes getAttributes() {
				attributeReads.incrementAndGet();
				return super.getAttributes().toBuilder().build();
			}

			@Override
			public Resource getResource() {
				resourceReads.incrementAndGet();
				return Resource.getDefault().toBuilder().build();
			}

		};
		InMemorySpanExporter delegate = InMemorySpanExporter.create();
		new XRaySpanExporter(delegate).export(List.of(rebuilding, rebuilding));
		List<SpanData> exported = delegate.getFinishedSpanItems();
		for (SpanData span : exported) {
			span.getAttributes();
			span.getAttributes();
			span.getTotalAttributeCount();
			span.getResource();
		}
		assertThat(attributeReads).hasValue(2);
		// one read per span, and one per batch that learns the span rebuilds its resource
		assertThat(resourceReads).hasValue(3);
		assertThat(exported).allSatisfy((span) -> assertThat(span).isNotSameAs(rebuilding));
		assertThat(exported.get(1).getResource()).isSameAs(exported.get(0).getResource());
	}

	@Test
	void spansThatNeedNoChangeLeaveUnwrapped() {
		SpanData sqlSpan = span(SpanContext.getInvalid(), Attributes.of(AttributeKey.longKey("server.port"), 5432L));
		InMemorySpanExporter delegate = InMemorySpanExporter.create();
		new XRaySpanExporter(delegate).export(List.of(sqlSpan));
		assertThat(delegate.getFinishedSpanItems()).singleElement().isSameAs(sqlSpan);
	}

	@Test
	void placeholderParentIsRemoved() {
		Context context = new XRayPropagator().extract(Context.root(),
				Map.of("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793"), MapTextMapGetter.INSTANCE);
		SpanData prepared = export(span(Span.fromContext(context).getSpanContext(), Attributes.empty()));
		assertThat(prepared.getParentSpanContext().isValid()).isFalse();
		assertThat(prepared.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
	}

	@Test
	void realRemoteParentIsKept() {
		SpanContext parent = SpanContext.createFromRemoteParent(TRACE_ID, "53995c3f42cd8ad8", TraceFlags.getSampled(),
				TraceState.getDefault());
		SpanData prepared = export(span(parent, Attributes.empty()));
		assertThat(prepared.getParentSpanId()).isEqualTo("53995c3f42cd8ad8");
	}

	@Test
	void preparedAndPromotedSpanIsWrappedOnceAndKeepsPreparedParent() {
		Context context = new XRayPropagator().extract(Context.root(),
				Map.of("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793"), MapTextMapGetter.INSTANCE);
		SpanData original = span(Span.fromContext(context).getSpanContext(),
				Attributes.builder()
					.put("http.response.status_code", "200")
					.put(XRayAnnotations.ANNOTATIONS, List.of("order.id"))
					.put("order.id", "42")
					.build());
		SpanData exported = export(original);
		assertThat(exported).isInstanceOf(ModifiedSpanData.class);
		assertThat(((ModifiedSpanData) exported).original()).isSameAs(original);
		assertThat(exported.getParentSpanContext().isValid()).isFalse();
		assertThat(exported.getParentSpanId()).isEqualTo(SpanContext.getInvalid().getSpanId());
		assertThat(exported.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
		assertThat(exported.getAttributes().get(XRayAnnotations.ANNOTATIONS)).containsExactly("order_id");
		assertThat(exported.getAttributes().get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
		assertThat(exported.getTotalAttributeCount()).isEqualTo(exported.getAttributes().size());
	}

	@Test
	void localRootIsSpanWithInvalidOrRemoteParent() {
		assertThat(XRaySpans.isLocalRoot(SpanContext.getInvalid())).isTrue();
		assertThat(XRaySpans.isLocalRoot(SpanContext.createFromRemoteParent(TRACE_ID, "53995c3f42cd8ad8",
				TraceFlags.getSampled(), TraceState.getDefault())))
			.isTrue();
		assertThat(XRaySpans.isLocalRoot(
				SpanContext.create(TRACE_ID, "53995c3f42cd8ad8", TraceFlags.getSampled(), TraceState.getDefault())))
			.isFalse();
	}

	private SpanData export(SpanData span) {
		this.exported.reset();
		assertThat(this.exporter.export(List.of(span)).isSuccess()).isTrue();
		return this.exported.getFinishedSpanItems().get(0);
	}

	private static SpanData span(SpanContext parent, Attributes attributes) {
		return TestSpanData.builder()
			.setSpanContext(
					SpanContext.create(TRACE_ID, "0123456789abcdef", TraceFlags.getSampled(), TraceState.getDefault()))
			.setParentSpanContext(parent)
			.setName("GET /orders/{id}")
			.setKind(SpanKind.SERVER)
			.setStartEpochNanos(1_000_000_000L)
			.setEndEpochNanos(2_000_000_000L)
			.setHasEnded(true)
			.setStatus(StatusData.unset())
			.setAttributes(attributes)
			.setTotalAttributeCount(attributes.size())
			.build();
	}

}
