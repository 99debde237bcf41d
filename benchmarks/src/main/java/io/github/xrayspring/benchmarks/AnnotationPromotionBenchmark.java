package io.github.xrayspring.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.xrayspring.export.internal.XRayAnnotationPromoter;
import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per exported span of annotation promotion and X-Ray's limits: a span without
 * annotations, a child span with two annotations, and a server span (the local root,
 * whose trace state is created and released) with two annotations and a configured key.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AnnotationPromotionBenchmark {

	private final XRayAnnotationPromoter unconfigured = new XRayAnnotationPromoter();

	private final XRayAnnotationPromoter configured = new XRayAnnotationPromoter(List.of("http.route"));

	private SpanData plainSpan;

	private SpanData childSpan;

	private SpanData serverSpan;

	@Setup(Level.Trial)
	public void setUp() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			Span server = tracerProvider.get("benchmark")
				.spanBuilder("GET /orders/{id}")
				.setSpanKind(SpanKind.SERVER)
				.setAttribute("http.request.method", "GET")
				.setAttribute("url.path", "/orders/42")
				.setAttribute("url.scheme", "https")
				.setAttribute("http.route", "/orders/{id}")
				.setAttribute("http.response.status_code", 200L)
				.setAttribute("client.address", "10.0.0.1")
				.setAttribute("user_agent.original", "curl/8.5.0")
				.startSpan();
			XRayAnnotations.annotate(server, "order_id", 42L);
			XRayAnnotations.annotate(server, "customer_tier", "gold");
			Span child = tracerProvider.get("benchmark")
				.spanBuilder("SELECT shop")
				.setParent(Context.current().with(server))
				.setSpanKind(SpanKind.CLIENT)
				.setAttribute("db.system", "postgresql")
				.setAttribute("db.statement", "SELECT * FROM orders WHERE id = ?")
				.startSpan();
			XRayAnnotations.annotate(child, "sql_slow", true);
			XRayAnnotations.annotate(child, "order_id", 42L);
			child.end();
			Span plain = tracerProvider.get("benchmark").spanBuilder("plain").setAttribute("a", "b").startSpan();
			plain.end();
			server.end();
			List<SpanData> spans = exporter.getFinishedSpanItems();
			this.childSpan = spans.get(0);
			this.plainSpan = spans.get(1);
			this.serverSpan = spans.get(2);
		}
	}

	@Benchmark
	public SpanData spanWithoutAnnotations() {
		return this.unconfigured.promote(this.plainSpan);
	}

	@Benchmark
	public SpanData spanWithoutAnnotationsAndConfiguredKeys() {
		return this.configured.promote(this.plainSpan);
	}

	@Benchmark
	public SpanData childSpanWithAnnotations() {
		return this.unconfigured.promote(this.childSpan);
	}

	@Benchmark
	public SpanData serverSpanWithAnnotationsAndConfiguredKey() {
		return this.configured.promote(this.serverSpan);
	}

}
