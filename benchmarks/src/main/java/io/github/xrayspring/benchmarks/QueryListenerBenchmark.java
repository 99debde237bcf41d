package io.github.xrayspring.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.xrayspring.jdbc.internal.XRayQueryExecutionListener;
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

	private @Nullable TracedJdbc traced;

	private @Nullable XRayQueryExecutionListener listener;

	@Setup(Level.Trial)
	public void setUp() {
		this.traced = new TracedJdbc("jdbc:postgresql://db.example.com:5432/shop");
		this.listener = this.traced.listener();
		this.traced.enter(this.mode);
		statement();
		this.traced.checkRecorded(this.mode, 1);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.traced != null) {
			this.traced.close();
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
