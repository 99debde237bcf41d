package io.github.xrayspring.export.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link LoggingSpanExporter}.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class LoggingSpanExporterTests {

	private static final long START = 1_700_000_000_000_000_000L;

	@Test
	void logsOneInfoLinePerSpanWithTheSegmentDocument(CapturedOutput output) {
		LoggingSpanExporter exporter = new LoggingSpanExporter();
		SpanData span = span(1, 1);
		assertThat(exporter.export(List.of(span)).isSuccess()).isTrue();
		String document = new SegmentDocumentTranslator().translate(span);
		assertThat(output.getOut().lines().filter((line) -> line.contains("\"trace_id\":\"1-"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("INFO", "xrayspring.preview").endsWith(document));
	}

	@Test
	void keepsDocumentsGroupedByTraceMostRecentTraceFirst() {
		LoggingSpanExporter exporter = new LoggingSpanExporter();
		exporter.export(List.of(span(1, 1), span(2, 1)));
		exporter.export(List.of(span(1, 2)));
		assertThat(exporter.recentTraceIds()).containsExactly(xrayTraceId(1), xrayTraceId(2));
		assertThat(exporter.documents(xrayTraceId(1))).hasSize(2)
			.satisfiesExactly((first) -> assertThat(first).contains(spanId(1)),
					(second) -> assertThat(second).contains(spanId(2)));
		assertThat(exporter.documents(traceId(1))).hasSize(2);
		assertThat(exporter.documents("1-00000000-000000000000000000000000")).isEmpty();
	}

	@Test
	void dropsOldestTraceBeyondMaxTraces() {
		LoggingSpanExporter exporter = new LoggingSpanExporter(2, 1_000_000, true);
		exporter.export(List.of(span(1, 1), span(2, 1), span(3, 1)));
		assertThat(exporter.recentTraceIds()).containsExactly(xrayTraceId(3), xrayTraceId(2));
		assertThat(exporter.documents(xrayTraceId(1))).isEmpty();
	}

	@Test
	void dropsOldestTracesBeyondMaxBytes() {
		long size = documentSize();
		LoggingSpanExporter exporter = new LoggingSpanExporter(100, 3 * size, true);
		exporter.export(List.of(span(1, 1), span(1, 2), span(2, 1), span(3, 1)));
		assertThat(exporter.recentTraceIds()).containsExactly(xrayTraceId(3), xrayTraceId(2));
		assertThat(exporter.retainedBytes()).isEqualTo(2 * size);
	}

	@Test
	void singleTraceBeyondMaxBytesKeepsNewestDocuments() {
		long size = documentSize();
		LoggingSpanExporter exporter = new LoggingSpanExporter(100, 2 * size, true);
		exporter.export(List.of(span(1, 1), span(1, 2), span(1, 3)));
		assertThat(exporter.documents(xrayTraceId(1))).satisfiesExactly(
				(first) -> assertThat(first).contains(spanId(2)), (second) -> assertThat(second).contains(spanId(3)));
		assertThat(exporter.retainedBytes()).isEqualTo(2 * size);
	}

	@Test
	void oversizedDocumentsAreLoggedButNotKeptAndNeverPushTheBufferOverItsBytes(CapturedOutput output) {
		long size = documentSize();
		long maxBytes = 4 * size;
		LoggingSpanExporter exporter = new LoggingSpanExporter(100, maxBytes, true);
		exporter.export(List.of(span(1, 1), span(2, 1)));
		// multi-byte characters count as their UTF-8 bytes, not as Java chars
		SpanData oversized = withAttribute(span(3, 1), "payload", "\u00e9".repeat((int) maxBytes));
		SpanData large = withAttribute(span(4, 1), "payload", "x".repeat((int) (2 * size)));
		exporter.export(List.of(oversized, large));
		assertThat(exporter.documents(xrayTraceId(3))).isEmpty();
		assertThat(output).contains("\"trace_id\":\"" + xrayTraceId(3));
		assertThat(exporter.retainedBytes()).isLessThanOrEqualTo(maxBytes);
		assertThat(exporter.recentTraceIds()).first().isEqualTo(xrayTraceId(4));
		long kept = exporter.recentTraces()
			.stream()
			.flatMap((trace) -> trace.documents().stream())
			.mapToLong(LoggingSpanExporter::utf8Length)
			.sum();
		assertThat(kept).isEqualTo(exporter.retainedBytes());
	}

	@Test
	void utf8LengthCountsEncodedBytes() {
		assertThat(LoggingSpanExporter.utf8Length("a\u00e9\u20ac\ud83d\ude00"))
			.isEqualTo("a\u00e9\u20ac\ud83d\ude00".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
	}

	@Test
	void keepsDocumentsWithoutLoggingThemWhenAsked(CapturedOutput output) {
		LoggingSpanExporter exporter = new LoggingSpanExporter(10, 1_000_000, false);
		exporter.export(List.of(span(1, 1)));
		assertThat(exporter.documents(xrayTraceId(1))).hasSize(1);
		assertThat(output).doesNotContain("\"trace_id\":\"" + xrayTraceId(1));
	}

	@Test
	void spanThatCannotBeTranslatedIsSkippedAndLoggedAtDebug(CapturedOutput output) {
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		loggingSystem.setLogLevel(LoggingSpanExporter.LOGGER_NAME, LogLevel.DEBUG);
		try {
			LoggingSpanExporter exporter = new LoggingSpanExporter();
			SpanData broken = mock(SpanData.class);
			assertThat(exporter.export(List.of(broken, span(1, 1))).isSuccess()).isTrue();
			assertThat(exporter.recentTraceIds()).containsExactly(xrayTraceId(1));
			assertThat(output).contains("DEBUG", "Skipped a span that could not be translated");
		}
		finally {
			loggingSystem.setLogLevel(LoggingSpanExporter.LOGGER_NAME, null);
		}
	}

	@Test
	void concurrentExportsKeepEveryDocumentWithinLimits() throws Exception {
		LoggingSpanExporter exporter = new LoggingSpanExporter(1000, 10_000_000, true);
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				int base = thread * 50;
				futures.add(executor.submit(() -> {
					for (int i = 1; i <= 50; i++) {
						exporter.export(List.of(span(base + i, 1)));
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdown();
		}
		assertThat(exporter.recentTraceIds()).hasSize(200).doesNotHaveDuplicates();
	}

	@Test
	void rejectsRetentionBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LoggingSpanExporter(0, 10, true))
			.withMessageContaining("maxTraces");
		assertThatIllegalArgumentException().isThrownBy(() -> new LoggingSpanExporter(10, 0, true))
			.withMessageContaining("maxBytes");
	}

	@Test
	void flushAndShutdownSucceed() {
		LoggingSpanExporter exporter = new LoggingSpanExporter();
		assertThat(exporter.flush().isSuccess()).isTrue();
		assertThat(exporter.shutdown().isSuccess()).isTrue();
	}

	@Test
	void hostileValuesKeepEveryDocumentValidJsonOnOneLine(CapturedOutput output) {
		String hostile = "ctl\u0000\u0001\u001f nl\n\r tab\t ls\u2028\u2029 lone\uD800\"q\uDC00\\ end\uD83C";
		String mega = "m".repeat(1024 * 1024) + hostile;
		SpanData span = TestSpanData.builder()
			.setSpanContext(SpanContext.create(traceId(9), spanId(9), TraceFlags.getSampled(), TraceState.getDefault()))
			.setResource(Resource.getDefault())
			.setName("GET /x\n" + hostile)
			.setKind(SpanKind.SERVER)
			.setStatus(StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, hostile))
			.setAttributes(io.opentelemetry.api.common.Attributes.builder()
				.put(io.github.xrayspring.trace.internal.XRayAnnotations.ANNOTATIONS, List.of("tier", "huge"))
				.put("tier", hostile)
				.put("huge", mega)
				.put("meta\n" + hostile, hostile)
				.put("big_metadata", mega)
				.put("url.path", "/x\r\n" + hostile)
				.build())
			.setStartEpochNanos(START)
			.setEndEpochNanos(START + 1_000_000L)
			.setHasEnded(true)
			.build();
		// room for the megabyte values: the default byte bound would not keep the
		// document
		LoggingSpanExporter exporter = new LoggingSpanExporter(LoggingSpanExporter.DEFAULT_MAX_TRACES, 16 * 1024 * 1024,
				true);
		assertThat(exporter.export(List.of(span)).isSuccess()).isTrue();
		tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
		List<String> documents = exporter.documents(xrayTraceId(9));
		assertThat(documents).singleElement().satisfies((document) -> {
			assertThat(document).doesNotContain("\n", "\r");
			tools.jackson.databind.JsonNode json = mapper.readTree(document);
			assertThat(json.get("annotations").get("tier").asString()).isEqualTo(hostile);
		});
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("xrayspring.preview")).toList();
		assertThat(lines).singleElement()
			.satisfies((line) -> assertThat(mapper.readTree(line.substring(line.indexOf('{'))).isObject()).isTrue());
	}

	private static long documentSize() {
		return LoggingSpanExporter.utf8Length(new SegmentDocumentTranslator().translate(span(1, 1)));
	}

	private static SpanData withAttribute(SpanData span, String key, String value) {
		return TestSpanData.builder()
			.setSpanContext(span.getSpanContext())
			.setResource(span.getResource())
			.setName(span.getName())
			.setKind(span.getKind())
			.setStatus(span.getStatus())
			.setStartEpochNanos(span.getStartEpochNanos())
			.setEndEpochNanos(span.getEndEpochNanos())
			.setAttributes(io.opentelemetry.api.common.Attributes
				.of(io.opentelemetry.api.common.AttributeKey.stringKey(key), value))
			.setHasEnded(true)
			.build();
	}

	private static SpanData span(int trace, int span) {
		return TestSpanData.builder()
			.setSpanContext(
					SpanContext.create(traceId(trace), spanId(span), TraceFlags.getSampled(), TraceState.getDefault()))
			.setResource(Resource.getDefault())
			.setName("GET /orders")
			.setKind(SpanKind.SERVER)
			.setStatus(StatusData.unset())
			.setStartEpochNanos(START)
			.setEndEpochNanos(START + 1_000_000L)
			.setHasEnded(true)
			.build();
	}

	private static String traceId(int trace) {
		return "6553f100" + String.format("%024x", trace);
	}

	private static String xrayTraceId(int trace) {
		return "1-6553f100-" + String.format("%024x", trace);
	}

	private static String spanId(int span) {
		return String.format("%016x", span);
	}

}
