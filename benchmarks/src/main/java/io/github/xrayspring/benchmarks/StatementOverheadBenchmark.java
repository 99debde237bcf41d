package io.github.xrayspring.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.xrayspring.jdbc.CountingConnectionIdManager;
import io.github.xrayspring.jdbc.DatabaseInfo;
import io.github.xrayspring.jdbc.JdbcStatistics;
import io.github.xrayspring.jdbc.JdbcTracingOptions;
import io.github.xrayspring.jdbc.NPlusOneSpanProcessor;
import io.github.xrayspring.jdbc.XRayDataSource;
import io.github.xrayspring.jdbc.XRayQueryExecutionListener;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
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
 * The cost of one statement (get a connection, prepare, bind, execute, close) through the
 * starter's DataSource wrapper compared with the unwrapped DataSource. Modes:
 * {@code plain} (no wrapper), {@code proxyOnly} (datasource-proxy alone, without the
 * starter), {@code noSpan} (wrapper, no current span), {@code unsampled} (wrapper,
 * current trace not sampled) and {@code sampled} (wrapper, a span per statement,
 * sanitizing and N+1 bookkeeping included, no export). Run with {@code -prof gc} for the
 * allocation per statement.
 *
 * @author xray-spring-boot-starter team
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class StatementOverheadBenchmark {

	/**
	 * A 200-character statement with literals to sanitize.
	 */
	static final String SQL = "SELECT o.id, o.status, o.created_at, c.name, c.email FROM orders o"
			+ " JOIN customer c ON c.id = o.customer_id WHERE o.customer_id = ? AND o.status IN ('NEW', 'PAID')"
			+ " AND o.total > 100.50 ORDER BY o.id";

	private static final String URL = "jdbc:postgresql://db.example.com:5432/shop";

	@Param({ "plain", "proxyOnly", "noSpan", "unsampled", "sampled" })
	public String mode = "plain";

	private @Nullable DataSource dataSource;

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
		XRayQueryExecutionListener listener = new XRayQueryExecutionListener(() -> tracer, options, nPlusOne,
				statistics, () -> DatabaseInfo.parse(URL, "app"), false);
		DataSource stub = JdbcStubs.dataSource(URL);
		ProxyDataSourceBuilder builder = ProxyDataSourceBuilder.create("benchmark", stub)
			.connectionIdManager(new CountingConnectionIdManager());
		this.dataSource = switch (this.mode) {
			case "plain" -> stub;
			case "proxyOnly" -> builder.build();
			default -> new XRayDataSource(builder.listener(listener).build());
		};
		if (this.mode.equals("unsampled")) {
			SpanContext unsampled = SpanContext.create("0123456789abcdef0123456789abcdef", "0123456789abcdef",
					TraceFlags.getDefault(), TraceState.getDefault());
			this.scope = Span.wrap(unsampled).makeCurrent();
		}
		else if (this.mode.equals("sampled")) {
			this.root = tracer.spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).startSpan();
			this.scope = this.root.makeCurrent();
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
	public boolean statement() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(SQL)) {
			statement.setLong(1, 42L);
			return statement.execute();
		}
	}

}
