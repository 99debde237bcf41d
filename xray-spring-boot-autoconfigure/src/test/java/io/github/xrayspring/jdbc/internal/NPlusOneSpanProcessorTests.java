package io.github.xrayspring.jdbc.internal;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NPlusOneSpanProcessor}.
 *
 * @author xray-spring-boot-starter team
 */
class NPlusOneSpanProcessorTests {

	private static final AttributeKey<Boolean> FLAG = AttributeKey.booleanKey(NPlusOneSpanProcessor.ANNOTATION);

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final JdbcStatistics statistics = new JdbcStatistics();

	private final NPlusOneSpanProcessor processor = new NPlusOneSpanProcessor(2, this.statistics);

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(this.processor)
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final Tracer tracer = this.tracerProvider.get("test");

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void spanWithRemoteParentIsALocalRoot() {
		SpanContext remote = SpanContext.createFromRemoteParent("0123456789abcdef0123456789abcdef", "0123456789abcdef",
				TraceFlags.getSampled(), TraceState.getDefault());
		Span root = this.tracer.spanBuilder("server").setParent(Context.root().with(Span.wrap(remote))).startSpan();
		record(root, "SELECT ?", 3);
		root.end();
		assertThat(finished("server").getAttributes().get(FLAG)).isTrue();
	}

	@Test
	void nestedLocalRootsOfOneTraceAreCountedSeparately() {
		Span outer = this.tracer.spanBuilder("outer").startSpan();
		record(outer, "SELECT ?", 2);
		SpanContext remote = SpanContext.createFromRemoteParent(outer.getSpanContext().getTraceId(),
				outer.getSpanContext().getSpanId(), TraceFlags.getSampled(), TraceState.getDefault());
		Span inner = this.tracer.spanBuilder("inner").setParent(Context.root().with(Span.wrap(remote))).startSpan();
		assertThat(this.processor.trackedLocalRoots()).isEqualTo(2);
		record(inner, "SELECT ?", 2);
		inner.end();
		assertThat(this.processor.trackedLocalRoots()).isOne();
		assertThat(finished("inner").getAttributes().get(FLAG)).isNull();
		record(outer, "SELECT x", 3);
		outer.end();
		assertThat(this.processor.trackedLocalRoots()).isZero();
		assertThat(finished("outer").getAttributes().get(FLAG)).isTrue();
		assertThat(finished("outer").getAttributes().get(AttributeKey.stringKey("sql_n_plus_one_statement")))
			.isEqualTo("SELECT x");
	}

	@Test
	void innerLocalRootOverThresholdIsFlaggedAlone() {
		Span outer = this.tracer.spanBuilder("outer").startSpan();
		SpanContext remote = SpanContext.createFromRemoteParent(outer.getSpanContext().getTraceId(),
				outer.getSpanContext().getSpanId(), TraceFlags.getSampled(), TraceState.getDefault());
		Span inner = this.tracer.spanBuilder("inner").setParent(Context.root().with(Span.wrap(remote))).startSpan();
		record(inner, "SELECT ?", 3);
		inner.end();
		outer.end();
		assertThat(finished("inner").getAttributes().get(FLAG)).isTrue();
		assertThat(finished("outer").getAttributes().get(FLAG)).isNull();
	}

	@Test
	void flagIsSetOnceEvenWhenSeveralShapesCrossTheThreshold() {
		Span root = this.tracer.spanBuilder("server").startSpan();
		record(root, "SELECT a", 5);
		record(root, "SELECT b", 5);
		root.end();
		assertThat(finished("server").getAttributes().get(AttributeKey.stringKey("sql_n_plus_one_statement")))
			.isEqualTo("SELECT a");
		assertThat(this.statistics.nPlusOne()).isOne();
	}

	@Test
	void statementsOfAnUnknownTraceAreIgnored() {
		this.processor.record("ffffffffffffffffffffffffffffffff", "SELECT ?");
		assertThat(this.processor.trackedLocalRoots()).isZero();
	}

	@Test
	void unsampledRootsAreNotTracked() {
		SdkTracerProvider unsampled = SdkTracerProvider.builder()
			.setSampler(Sampler.alwaysOff())
			.addSpanProcessor(this.processor)
			.build();
		Span root = unsampled.get("test").spanBuilder("server").startSpan();
		assertThat(this.processor.trackedLocalRoots()).isZero();
		root.end();
		unsampled.close();
	}

	@Test
	void childSpansAreNotRoots() {
		Span root = this.tracer.spanBuilder("server").startSpan();
		Span child = this.tracer.spanBuilder("child").setParent(Context.root().with(root)).startSpan();
		assertThat(this.processor.trackedLocalRoots()).isOne();
		child.end();
		assertThat(this.processor.trackedLocalRoots()).isOne();
		root.end();
		assertThat(this.processor.trackedLocalRoots()).isZero();
	}

	@Test
	void distinctShapesPerRootAreBounded() {
		Span root = this.tracer.spanBuilder("server").startSpan();
		for (int i = 0; i < NPlusOneSpanProcessor.MAX_SHAPES * 4; i++) {
			record(root, "SELECT c" + i, 1);
		}
		record(root, "SELECT c0", 2);
		root.end();
		assertThat(finished("server").getAttributes().get(FLAG)).isTrue();
	}

	@Test
	void localRootsAreBoundedAndEndedOnesAreEvicted() {
		List<Span> roots = new ArrayList<>();
		for (int i = 0; i < NPlusOneSpanProcessor.MAX_LOCAL_ROOTS + 10; i++) {
			roots.add(this.tracer.spanBuilder("server").startSpan());
		}
		assertThat(this.processor.trackedLocalRoots()).isEqualTo(NPlusOneSpanProcessor.MAX_LOCAL_ROOTS);
		roots.forEach(Span::end);
		assertThat(this.processor.trackedLocalRoots()).isZero();
	}

	@Test
	void thresholdBelowOneIsRejectedNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NPlusOneSpanProcessor(0, this.statistics))
			.withMessageContaining("xray.jdbc.n-plus-one-threshold");
	}

	private void record(Span root, String shape, int times) {
		for (int i = 0; i < times; i++) {
			this.processor.record(root.getSpanContext().getTraceId(), shape);
		}
	}

	private SpanData finished(String name) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
