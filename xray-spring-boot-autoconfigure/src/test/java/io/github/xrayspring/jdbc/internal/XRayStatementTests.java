package io.github.xrayspring.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.h2.jdbc.JdbcPreparedStatement;
import org.h2.jdbc.JdbcSQLSyntaxErrorException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link XRayStatement} and {@link XRayPreparedStatement}: the statements a
 * sampled span gets when datasource-proxy records nothing but spans, against an in-memory
 * H2 database.
 *
 * @author xray-spring-boot-starter team
 */
class XRayStatementTests {

	private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");

	private static final AttributeKey<String> STATEMENT = AttributeKey.stringKey("db.statement");

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final Tracer tracer = this.tracerProvider.get("test");

	private final JdbcDataSource h2 = new JdbcDataSource();

	private DataSource dataSource;

	private Span request;

	private Scope scope;

	@BeforeEach
	void start() throws SQLException {
		this.h2.setURL("jdbc:h2:mem:statements;DB_CLOSE_DELAY=-1");
		this.h2.setUser("sa");
		try (Connection connection = this.h2.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS tea (id INT PRIMARY KEY, name VARCHAR(20))");
			statement.execute("DELETE FROM tea");
		}
		JdbcTracingOptions options = new JdbcTracingOptions(true, false, 2048, Duration.ofSeconds(1));
		XRayQueryExecutionListener listener = new XRayQueryExecutionListener(() -> this.tracer, options, null,
				new JdbcStatistics(), () -> null, false);
		this.dataSource = new XRayDataSource(ProxyDataSourceBuilder.create(this.h2).listener(listener).build());
		this.request = this.tracer.spanBuilder("request").startSpan();
		this.scope = this.request.makeCurrent();
	}

	@AfterEach
	void close() {
		this.scope.close();
		this.request.end();
		this.tracerProvider.close();
	}

	@Test
	void everyKindOfExecutionIsOneSpanWithTheSanitizedStatement() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			assertThat(statement).isInstanceOf(XRayStatement.class);
			assertThat(statement.executeUpdate("INSERT INTO tea VALUES (1, 'sencha')")).isOne();
			assertThat(statement.executeLargeUpdate("UPDATE tea SET name = 'gyokuro' WHERE id = 1")).isOne();
			assertThat(statement.execute("SELECT name FROM tea WHERE id = 1")).isTrue();
			try (ResultSet rows = statement.executeQuery("SELECT name FROM tea WHERE id = 1")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("gyokuro");
			}
		}
		assertThat(statements()).extracting((span) -> span.getAttributes().get(STATEMENT))
			.containsExactly("INSERT INTO tea VALUES (?, ?)", "UPDATE tea SET name = ? WHERE id = ?",
					"SELECT name FROM tea WHERE id = ?", "SELECT name FROM tea WHERE id = ?");
		assertThat(statements()).extracting(SpanData::getParentSpanId)
			.containsOnly(this.request.getSpanContext().getSpanId());
	}

	@Test
	void preparedStatementExecutionsAreSpansAndBindingsReachTheDriver() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO tea VALUES (?, ?)");
				PreparedStatement select = connection.prepareStatement("SELECT name FROM tea WHERE id = ?")) {
			assertThat(insert).isInstanceOf(XRayPreparedStatement.class);
			assertThat(insert.unwrap(JdbcPreparedStatement.class)).isNotNull();
			assertThat(insert.isWrapperFor(JdbcPreparedStatement.class)).isTrue();
			insert.setInt(1, 7);
			insert.setString(2, "matcha");
			assertThat(insert.executeUpdate()).isOne();
			select.setLong(1, 7);
			try (ResultSet rows = select.executeQuery()) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString("name")).isEqualTo("matcha");
			}
			assertThat(select.execute()).isTrue();
		}
		assertThat(statements()).extracting(SpanData::getName)
			.containsExactly("INSERT statements", "SELECT statements", "SELECT statements");
	}

	@Test
	void batchesAreOneSpanWithTheirSize() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO tea VALUES (?, ?)");
				Statement statement = connection.createStatement()) {
			for (int id = 1; id <= 3; id++) {
				insert.setInt(1, id);
				insert.setString(2, "tea-" + id);
				insert.addBatch();
			}
			assertThat(insert.executeBatch()).containsExactly(1, 1, 1);
			insert.setInt(1, 9);
			insert.setString(2, "cleared");
			insert.addBatch();
			insert.clearBatch();
			assertThat(insert.executeBatch()).isEmpty();
			statement.addBatch("UPDATE tea SET name = 'a' WHERE id = 1");
			statement.addBatch("DELETE FROM tea WHERE id = 2");
			assertThat(statement.executeLargeBatch()).containsExactly(1, 1);
		}
		List<SpanData> statements = statements();
		assertThat(statements).hasSize(2);
		assertThat(statements.get(0).getAttributes().get(BATCH_SIZE)).isEqualTo(3);
		assertThat(statements.get(0).getAttributes().get(STATEMENT)).isEqualTo("INSERT INTO tea VALUES (?, ?)");
		assertThat(statements.get(1).getAttributes().get(BATCH_SIZE)).isEqualTo(2);
		assertThat(statements.get(1).getAttributes().get(STATEMENT)).contains("UPDATE tea SET name = ? WHERE id = ?")
			.contains("DELETE FROM tea WHERE id = ?");
	}

	@Test
	void failureReachesTheCallerUnchangedAndMarksTheSpan() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(JdbcSQLSyntaxErrorException.class)
				.isThrownBy(() -> statement.executeQuery("SELECT * FROM coffee"));
		}
		assertThat(statements()).singleElement().satisfies((span) -> {
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
				.isEqualTo(JdbcSQLSyntaxErrorException.class.getName());
		});
	}

	@Test
	void statementExecutedAfterTheSpanEndedIsNotRecorded() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement("SELECT 1")) {
			this.scope.close();
			this.scope = Scope.noop();
			select.executeQuery().close();
		}
		assertThat(statements()).isEmpty();
	}

	private List<SpanData> statements() {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == io.opentelemetry.api.trace.SpanKind.CLIENT)
			.toList();
	}

}
