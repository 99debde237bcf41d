package io.github.xrayspring;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.xrayspring.trace.internal.XRayTracerHolder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link XRay}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	@BeforeEach
	void publishTracer() {
		XRayTracerHolder.setTracer(this.tracerProvider.get("test"));
	}

	@AfterEach
	void close() {
		XRayTracerHolder.setTracer(null);
		this.tracerProvider.close();
	}

	@Test
	void subsegmentRunsWorkInChildSpan() {
		SpanData parent = inSpan(() -> {
			XRay.subsegment("validate", () -> XRay.annotate("step", "validate"));
			assertThat(XRay.subsegment("price", () -> 42)).isEqualTo(42);
		});
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).extracting(SpanData::getName).containsExactly("validate", "price", "test");
		SpanData validate = spans.get(0);
		assertThat(validate.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(validate.getParentSpanId()).isEqualTo(parent.getSpanId());
		assertThat(validate.getTraceId()).isEqualTo(parent.getTraceId());
		assertThat(validate.getAttributes().get(AttributeKey.stringKey("step"))).isEqualTo("validate");
		assertThat(parent.getAttributes().get(AttributeKey.stringKey("step"))).isNull();
		assertThat(spans.get(1).getParentSpanId()).isEqualTo(parent.getSpanId());
	}

	@Test
	void subsegmentRecordsExceptionAndRethrows() {
		IllegalStateException failure = new IllegalStateException("out of stock");
		inSpan(() -> assertThatIllegalStateException().isThrownBy(() -> XRay.subsegment("reserve", (Runnable) () -> {
			throw failure;
		})).isSameAs(failure));
		SpanData reserve = this.exporter.getFinishedSpanItems().get(0);
		assertThat(reserve.getName()).isEqualTo("reserve");
		assertThat(reserve.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(reserve.getEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getName()).isEqualTo("exception"));
	}

	@Test
	void subsegmentCheckedRethrowsCheckedException() throws IOException {
		IOException failure = new IOException("disk full");
		inSpan(() -> assertThatIOException().isThrownBy(() -> XRay.subsegmentChecked("write", () -> {
			throw failure;
		})).isSameAs(failure));
		Span span = this.tracerProvider.get("test").spanBuilder("test").startSpan();
		try (Scope scope = span.makeCurrent()) {
			// the checked exception of the work is declared by the helper, not wrapped
			assertThat(XRay.subsegmentChecked("read", () -> Files.size(Path.of(".")) >= 0)).isTrue();
		}
		finally {
			span.end();
		}
		assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName)
			.containsExactly("write", "test", "read", "test");
		assertThat(this.exporter.getFinishedSpanItems().get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
	}

	@Test
	void subsegmentWithoutCurrentSpanOnlyRunsWork() {
		AtomicBoolean ran = new AtomicBoolean();
		XRay.subsegment("orphan", () -> ran.set(Span.current().getSpanContext().isValid()));
		assertThat(ran).isFalse();
		assertThat(XRay.subsegment("orphan", () -> "done")).isEqualTo("done");
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void subsegmentWithoutTracerOnlyRunsWork() {
		XRayTracerHolder.setTracer(null);
		AtomicReference<Span> inside = new AtomicReference<>();
		SpanData parent = inSpan(() -> XRay.subsegment("untraced", () -> inside.set(Span.current())));
		assertThat(inside.get().getSpanContext().getSpanId()).isEqualTo(parent.getSpanId());
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
	}

	@Test
	void subsegmentUnderUnsampledSpanKeepsTraceWithoutRecording() {
		SdkTracerProvider unsampled = SdkTracerProvider.builder()
			.setSampler(Sampler.alwaysOff())
			.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
			.build();
		XRayTracerHolder.setTracer(unsampled.get("test"));
		Span span = unsampled.get("test").spanBuilder("test").startSpan();
		try (Scope scope = span.makeCurrent()) {
			Span child = XRay.subsegment("child", () -> Span.current());
			assertThat(child.isRecording()).isFalse();
			assertThat(child.getSpanContext().getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
		}
		span.end();
		unsampled.close();
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void annotationsAreListedForTheCollector() {
		SpanData span = inSpan(() -> {
			XRay.annotate("order.id", "42");
			XRay.annotate("items", 3L);
			XRay.annotate("total", 9.5);
			XRay.annotate("gift", true);
			XRay.annotate("order.id", "43");
		});
		assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("aws.xray.annotations")))
			.containsExactly("order_id", "items", "total", "gift");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("order_id"))).isEqualTo("43");
		assertThat(span.getAttributes().get(AttributeKey.longKey("items"))).isEqualTo(3L);
		assertThat(span.getAttributes().get(AttributeKey.doubleKey("total"))).isEqualTo(9.5);
		assertThat(span.getAttributes().get(AttributeKey.booleanKey("gift"))).isTrue();
	}

	@Test
	void metadataKeepsScalarTypesAndWritesOthersAsJson() {
		SpanData span = inSpan(() -> {
			XRay.metadata("note", "fragile");
			XRay.metadata("count", 7);
			XRay.metadata("ratio", 0.25f);
			XRay.metadata("express", false);
			XRay.metadata("price", new BigDecimal("12.50"));
			XRay.metadata("lines", List.of(Map.of("sku", "BOOK-001"), "x\"y"));
			XRay.metadata("nothing", null);
		});
		assertThat(span.getAttributes().get(AttributeKey.stringKey("note"))).isEqualTo("fragile");
		assertThat(span.getAttributes().get(AttributeKey.longKey("count"))).isEqualTo(7L);
		assertThat(span.getAttributes().get(AttributeKey.doubleKey("ratio"))).isEqualTo(0.25);
		assertThat(span.getAttributes().get(AttributeKey.booleanKey("express"))).isFalse();
		assertThat(span.getAttributes().get(AttributeKey.doubleKey("price"))).isEqualTo(12.5);
		assertThat(span.getAttributes().get(AttributeKey.stringKey("lines")))
			.isEqualTo("[{\"sku\":\"BOOK-001\"},\"x\\\"y\"]");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("nothing"))).isNull();
		assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("aws.xray.annotations"))).isNull();
	}

	@Test
	void metadataValueThatFailsIsSkipped() {
		Object hostile = new Object() {

			@Override
			public String toString() {
				throw new IllegalStateException("boom");
			}

		};
		SpanData span = inSpan(() -> assertThatNoException().isThrownBy(() -> XRay.metadata("hostile", hostile)));
		assertThat(span.getAttributes().get(AttributeKey.stringKey("hostile"))).isNull();
	}

	@Test
	void metadataOfSelfContainingListIsWrittenWithoutOverflow() {
		List<Object> list = new ArrayList<>();
		list.add("a");
		list.add(list);
		Map<String, Object> map = new HashMap<>();
		map.put("self", map);
		SpanData span = inSpan(() -> assertThatNoException().isThrownBy(() -> {
			XRay.metadata("list", list);
			XRay.metadata("map", map);
		}));
		assertThat(span.getAttributes().get(AttributeKey.stringKey("list"))).isEqualTo("[\"a\",\"...\"]");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("map"))).isEqualTo("{\"self\":\"...\"}");
	}

	@Test
	void metadataOfDeeplyNestedValueIsCut() {
		List<Object> nested = new ArrayList<>();
		List<Object> innermost = nested;
		for (int i = 0; i < 100; i++) {
			List<Object> next = new ArrayList<>();
			innermost.add(next);
			innermost = next;
		}
		SpanData span = inSpan(() -> XRay.metadata("nested", nested));
		String json = span.getAttributes().get(AttributeKey.stringKey("nested"));
		assertThat(json).isEqualTo("[".repeat(16) + "\"...\"" + "]".repeat(16));
	}

	@Test
	void metadataOfHugeValuesIsCutToValidJson() {
		List<Integer> numbers = new ArrayList<>();
		for (int i = 0; i < 1_000_000; i++) {
			numbers.add(i);
		}
		String text = "x".repeat(1_000_000);
		SpanData span = inSpan(() -> {
			XRay.metadata("numbers", numbers);
			XRay.metadata("texts", List.of(text));
			XRay.metadata("map", Map.of("text", text));
		});
		String json = span.getAttributes().get(AttributeKey.stringKey("numbers"));
		assertThat(json).hasSizeLessThan(8 * 1024 + 32).startsWith("[0,1,2,").endsWith(",\"...\"]");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("texts"))).hasSizeLessThan(8 * 1024 + 32)
			.startsWith("[\"xxx")
			.endsWith("x...\"]");
		assertThat(span.getAttributes().get(AttributeKey.stringKey("map"))).hasSizeLessThan(8 * 1024 + 32)
			.startsWith("{\"text\":\"xxx")
			.endsWith("x...\"}");
	}

	@Test
	void metadataValueThatOverflowsTheStackIsSkipped() {
		Object hostile = new Object() {

			@Override
			public String toString() {
				throw new StackOverflowError();
			}

		};
		SpanData span = inSpan(() -> assertThatNoException().isThrownBy(() -> XRay.metadata("hostile", hostile)));
		assertThat(span.getAttributes().get(AttributeKey.stringKey("hostile"))).isNull();
	}

	@Test
	void metadataLetsOutOfMemoryErrorPropagate() {
		Object hostile = new Object() {

			@Override
			public String toString() {
				throw new OutOfMemoryError("test");
			}

		};
		inSpan(() -> assertThatExceptionOfType(OutOfMemoryError.class)
			.isThrownBy(() -> XRay.metadata("hostile", hostile)));
	}

	@Test
	void currentTraceIdIsXRayForm() {
		Span span = this.tracerProvider.get("test").spanBuilder("test").startSpan();
		try (Scope scope = span.makeCurrent()) {
			String traceId = span.getSpanContext().getTraceId();
			assertThat(XRay.currentTraceId()).isEqualTo("1-" + traceId.substring(0, 8) + "-" + traceId.substring(8));
		}
		finally {
			span.end();
		}
	}

	@Test
	void helpersAreNoOpsWithoutSpan() {
		assertThatNoException().isThrownBy(() -> {
			XRay.annotate("k", "v");
			XRay.annotate("k", 1L);
			XRay.metadata("k", "v");
		});
		assertThat(XRay.currentTraceId()).isEmpty();
	}

	@Test
	void helpersAreNoOpsOnUnsampledSpan() {
		SdkTracerProvider unsampled = SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build();
		Span span = unsampled.get("test").spanBuilder("test").startSpan();
		try (Scope scope = span.makeCurrent()) {
			XRay.annotate("k", "v");
			XRay.metadata("k", "v");
			assertThat(XRay.currentTraceId()).startsWith("1-");
		}
		span.end();
		unsampled.close();
	}

	private SpanData inSpan(Runnable action) {
		Span span = this.tracerProvider.get("test").spanBuilder("test").startSpan();
		try (Scope scope = span.makeCurrent()) {
			action.run();
		}
		finally {
			span.end();
		}
		List<SpanData> finished = this.exporter.getFinishedSpanItems();
		return finished.get(finished.size() - 1);
	}

}
