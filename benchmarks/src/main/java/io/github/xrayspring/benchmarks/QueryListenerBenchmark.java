package io.github.xrayspring.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.xrayspring.jdbc.DatabaseInfo;
import io.github.xrayspring.jdbc.JdbcStatistics;
import io.github.xrayspring.jdbc.JdbcTracingOptions;
import io.github.xrayspring.jdbc.NPlusOneSpanProcessor;
import io.github.xrayspring.jdbc.XRayQueryExecutionListener;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The X-Ray listener's own share of a statement: {@code beforeQuery} and
 * {@code afterQuery} for the 200-character statement of
 * {@link StatementOverheadBenchmark}, without datasource-proxy's JDBC proxies. The
 * {@code ExecutionInfo} datasource-proxy would make for the statement is included.
 *
 * @author xray-spring-boot-starter team
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class QueryListenerBenchmark {

	@Param({ "unsampled", "sampled" })
	public String mode = "sampled";

	private final List<QueryInfo> queries = List.of(new QueryInfo(StatementOverheadBenchmark.SQL));

	private @Nullable XRayQueryExecutionListener listener;

	private @Nullable SdkTracerProvider tracerProvider;

	private @Nullable Span root;

	private io.opentelemetry.context.@Nullable Scope scope;

	@Setup(Level.Trial)
	public void setUp() {
		JdbcStatistics statistics = new JdbcStatistics();
		NPlusOneSpanProcessor nPlusOne = new NPlusOneSpanProcessor(10, statistics);
		SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(nPlusOne).build();
		this.tracerProvider = provider;
		Tracer tracer = provider.get("benchmark");
		JdbcTracingOptions options = new JdbcTracingOptions(true, false, 2048, Duration.ofSeconds(1));
		this.listener = new XRayQueryExecutionListener(() -> tracer, options, nPlusOne, statistics,
				() -> DatabaseInfo.parse("jdbc:postgresql://db.example.com:5432/shop", "app"), false);
		if (this.mode.equals("sampled")) {
			this.root = tracer.spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).startSpan();
			this.scope = this.root.makeCurrent();
		}
		else {
			SpanContext unsampled = SpanContext.create("0123456789abcdef0123456789abcdef", "0123456789abcdef",
					TraceFlags.getDefault(), TraceState.getDefault());
			this.scope = Span.wrap(unsampled).makeCurrent();
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.scope != null) {
			this.scope.close();
		}
		if (this.root != null) {
			this.root.end();
		}
		if (this.tracerProvider != null) {
			this.tracerProvider.close();
		}
	}

	@Benchmark
	public ExecutionInfo statement() {
		ExecutionInfo execInfo = new ExecutionInfo();
		this.listener.beforeQuery(execInfo, this.queries);
		this.listener.afterQuery(execInfo, this.queries);
		return execInfo;
	}

}
