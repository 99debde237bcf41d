package io.github.xrayspring.benchmarks;

import java.time.Duration;

import io.github.xrayspring.jdbc.internal.DatabaseInfo;
import io.github.xrayspring.jdbc.internal.JdbcStatistics;
import io.github.xrayspring.jdbc.internal.JdbcTracingOptions;
import io.github.xrayspring.jdbc.internal.NPlusOneSpanProcessor;
import io.github.xrayspring.jdbc.internal.XRayQueryExecutionListener;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.jspecify.annotations.Nullable;

/**
 * The starter's JDBC listener on its own tracer provider, and the span a benchmark's
 * statements run under: none, an unsampled one or a sampled server span.
 *
 * @author xray-spring-boot-starter team
 */
final class TracedJdbc implements AutoCloseable {

	private final SdkTracerProvider tracerProvider;

	private final XRayQueryExecutionListener listener;

	private final JdbcStatistics statistics;

	private @Nullable Span root;

	private @Nullable Scope scope;

	TracedJdbc(String url) {
		JdbcStatistics statistics = new JdbcStatistics();
		this.statistics = statistics;
		NPlusOneSpanProcessor nPlusOne = new NPlusOneSpanProcessor(10, statistics);
		this.tracerProvider = SdkTracerProvider.builder().addSpanProcessor(nPlusOne).build();
		Tracer tracer = this.tracerProvider.get("benchmark");
		JdbcTracingOptions options = new JdbcTracingOptions(true, false, 2048, Duration.ofSeconds(1));
		this.listener = new XRayQueryExecutionListener(() -> tracer, options, nPlusOne, statistics,
				() -> DatabaseInfo.parse(url, "app"), false);
	}

	XRayQueryExecutionListener listener() {
		return this.listener;
	}

	/**
	 * Fails the benchmark when the statements of a sampled mode were not recorded (the
	 * listener logs and swallows its own failures, which would otherwise be measured as
	 * the cost of a span).
	 * @param mode the benchmark mode
	 * @param statementsRun how many statements the check ran
	 */
	void checkRecorded(String mode, int statementsRun) {
		long recorded = this.statistics.statements();
		long expected = mode.equals("sampled") ? statementsRun : 0;
		if (recorded != expected) {
			throw new IllegalStateException(
					"Mode " + mode + " recorded " + recorded + " of " + statementsRun + " statements, not " + expected);
		}
	}

	/**
	 * Makes the span of a benchmark mode current: {@code sampled} and {@code unsampled}
	 * make one, any other mode leaves no span.
	 * @param mode the benchmark mode
	 */
	void enter(String mode) {
		if (mode.equals("sampled")) {
			this.root = this.tracerProvider.get("benchmark")
				.spanBuilder("GET /orders")
				.setSpanKind(SpanKind.SERVER)
				.startSpan();
			this.scope = this.root.makeCurrent();
		}
		else if (mode.equals("unsampled")) {
			SpanContext unsampled = SpanContext.create("0123456789abcdef0123456789abcdef", "0123456789abcdef",
					TraceFlags.getDefault(), TraceState.getDefault());
			this.scope = Span.wrap(unsampled).makeCurrent();
		}
	}

	@Override
	public void close() {
		if (this.scope != null) {
			this.scope.close();
		}
		if (this.root != null) {
			this.root.end();
		}
		this.tracerProvider.close();
	}

}
