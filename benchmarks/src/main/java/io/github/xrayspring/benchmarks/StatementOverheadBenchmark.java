package io.github.xrayspring.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.xrayspring.jdbc.internal.CountingConnectionIdManager;
import io.github.xrayspring.jdbc.internal.XRayDataSource;
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

	private @Nullable TracedJdbc traced;

	@Setup(Level.Trial)
	public void setUp() {
		this.traced = new TracedJdbc(URL);
		DataSource stub = JdbcStubs.dataSource(URL);
		ProxyDataSourceBuilder builder = ProxyDataSourceBuilder.create("benchmark", stub)
			.connectionIdManager(new CountingConnectionIdManager());
		this.dataSource = switch (this.mode) {
			case "plain" -> stub;
			case "proxyOnly" -> builder.build();
			default -> new XRayDataSource(builder.listener(this.traced.listener()).build());
		};
		this.traced.enter(this.mode);
		try {
			statement();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		this.traced.checkRecorded(this.mode, 1);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.traced != null) {
			this.traced.close();
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
