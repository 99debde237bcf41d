package io.github.xrayspring.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.xrayspring.jdbc.internal.SqlSanitizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the SQL sanitizer on a short statement, the 200-character statement of
 * {@link StatementOverheadBenchmark}, a 2,000-character statement with a long {@code IN}
 * list, and a 100,000-character statement cut at the default limit.
 *
 * @author xray-spring-boot-starter team
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SqlSanitizerBenchmark {

	@Param({ "short", "typical", "inList", "huge" })
	public String statement = "typical";

	private String sql = "";

	@Setup
	public void setUp() {
		this.sql = switch (this.statement) {
			case "short" -> "SELECT name FROM customer WHERE id = 42";
			case "typical" -> StatementOverheadBenchmark.SQL;
			case "inList" -> inList(2_000);
			default -> "SELECT * FROM t WHERE a = '" + "x".repeat(50_000) + "' AND b = " + "1".repeat(50_000);
		};
	}

	@Benchmark
	public String sanitize() {
		return SqlSanitizer.sanitize(this.sql, 2048);
	}

	@Benchmark
	public String operation() {
		return SqlSanitizer.operation(this.sql);
	}

	private static String inList(int length) {
		StringBuilder sql = new StringBuilder("SELECT id, name FROM customer WHERE id IN (");
		for (int i = 0; sql.length() < length; i++) {
			sql.append((i > 0) ? ", " : "").append(1000 + i);
		}
		return sql.append(")").toString();
	}

}
