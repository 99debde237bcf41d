package io.github.xrayspring.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.xrayspring.trace.internal.SpanAttributes;
import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link XRayQueryExecutionListener} against an in-memory H2 database.
 *
 * @author xray-spring-boot-starter team
 */
class XRayQueryExecutionListenerTests {

	private static final JdbcTracingOptions DEFAULTS = new JdbcTracingOptions(true, false, 2048, Duration.ofSeconds(1));

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final JdbcStatistics statistics = new JdbcStatistics();

	private final NPlusOneSpanProcessor nPlusOne = new NPlusOneSpanProcessor(3, this.statistics);

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(this.nPlusOne)
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final Tracer tracer = this.tracerProvider.get("test");

	private final JdbcDataSource h2 = new JdbcDataSource();

	@BeforeEach
	void createSchema() throws SQLException {
		this.h2.setURL("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1");
		this.h2.setUser("sa");
		try (Connection connection = this.h2.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS users");
			statement.execute("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50), password VARCHAR(50))");
			statement.execute("INSERT INTO users VALUES (1, 'alice', 'pw1'), (2, 'bob', 'pw2')");
		}
	}

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void statementWithoutCurrentSpanIsNotTraced() throws SQLException {
		query(dataSource(DEFAULTS), "SELECT name FROM users WHERE id = 1");
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		assertThat(this.statistics.statements()).isZero();
	}

	@Test
	void statementInUnsampledTraceIsNotTraced() throws SQLException {
		SpanContext unsampled = SpanContext.create("0123456789abcdef0123456789abcdef", "0123456789abcdef",
				TraceFlags.getDefault(), TraceState.getDefault());
		try (Scope scope = Span.wrap(unsampled).makeCurrent()) {
			query(dataSource(DEFAULTS), "SELECT name FROM users WHERE id = 1");
		}
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void statementUnderSampledSpanBecomesClientChildSpan() throws SQLException {
		Span parent = this.tracer.spanBuilder("GET /users").setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = parent.makeCurrent()) {
			query(dataSource(DEFAULTS), "SELECT name FROM users WHERE id = 1");
		}
		parent.end();
		SpanData span = sqlSpan();
		assertThat(span.getName()).isEqualTo("SELECT shop");
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
		assertThat(span.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
		assertThat(attribute(span, "db.system")).isEqualTo("h2");
		assertThat(attribute(span, "db.system.name")).isEqualTo("h2database");
		assertThat(attribute(span, "db.statement")).isEqualTo("SELECT name FROM users WHERE id = ?");
		assertThat(attribute(span, "db.query.text")).isEqualTo("SELECT name FROM users WHERE id = ?");
		assertThat(attribute(span, "db.operation")).isEqualTo("SELECT");
		assertThat(attribute(span, "db.operation.name")).isEqualTo("SELECT");
		assertThat(attribute(span, "db.name")).isEqualTo("shop");
		assertThat(attribute(span, "db.namespace")).isEqualTo("shop");
		assertThat(attribute(span, "db.user")).isEqualToIgnoringCase("sa");
		assertThat(attribute(span, "db.connection_string")).isEqualTo("jdbc:h2://localhost");
		assertThat(attribute(span, "server.address")).isEqualTo("localhost");
		assertThat(attribute(span, "peer.service")).isEqualTo("shop@localhost");
		assertThat(span.getAttributes().get(SpanAttributes.DB_OPERATION_BATCH_SIZE)).isNull();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(this.statistics.statements()).isOne();
	}

	@Test
	void configuredDatabaseIsUsedWithoutReadingMetadata() throws SQLException {
		DataSource dataSource = dataSource(DEFAULTS,
				() -> DatabaseInfo.parse("jdbc:postgresql://db.example.com:5432/orders", "app"), false);
		traced(() -> query(dataSource, "SELECT 1"));
		SpanData span = sqlSpan();
		assertThat(span.getName()).isEqualTo("SELECT orders");
		assertThat(attribute(span, "db.system")).isEqualTo("postgresql");
		assertThat(attribute(span, "peer.service")).isEqualTo("orders@db.example.com");
		assertThat(span.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(5432L);
		assertThat(attribute(span, "db.user")).isEqualTo("app");
	}

	@Test
	void routingDataSourceReadsDatabaseFromEachConnection() throws SQLException {
		DataSource dataSource = dataSource(DEFAULTS,
				() -> DatabaseInfo.parse("jdbc:postgresql://wrong:5432/wrong", null), true);
		traced(() -> query(dataSource, "SELECT 1"));
		assertThat(attribute(sqlSpan(), "db.name")).isEqualTo("shop");
	}

	@Test
	void failedDatabaseLookupIsRetriedOnALaterStatement() throws SQLException {
		DataSource dataSource = dataSourceWithMetadataFailingOnce(Duration.ZERO);
		traced(() -> query(dataSource, "SELECT 1"));
		traced(() -> query(dataSource, "SELECT 2"));
		assertThat(this.exporter.getFinishedSpanItems()).filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
			.extracting((span) -> attribute(span, "db.system"))
			.containsExactly("other_sql", "postgresql");
	}

	@Test
	void failedDatabaseLookupIsNotRetriedWithinTheInterval() throws SQLException {
		DataSource dataSource = dataSourceWithMetadataFailingOnce(Duration.ofHours(1));
		traced(() -> query(dataSource, "SELECT 1"));
		traced(() -> query(dataSource, "SELECT 2"));
		assertThat(this.exporter.getFinishedSpanItems()).filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
			.extracting((span) -> attribute(span, "db.system"))
			.containsExactly("other_sql", "other_sql");
	}

	@Test
	void sanitizingOffRecordsStatementAsWritten() throws SQLException {
		JdbcTracingOptions options = new JdbcTracingOptions(false, false, 2048, Duration.ofSeconds(1));
		traced(() -> query(dataSource(options), "SELECT name FROM users WHERE name = 'bob'"));
		assertThat(attribute(sqlSpan(), "db.statement")).isEqualTo("SELECT name FROM users WHERE name = 'bob'");
	}

	@Test
	void longStatementIsCutToMaxLength() throws SQLException {
		JdbcTracingOptions options = new JdbcTracingOptions(true, false, 30, Duration.ofSeconds(1));
		traced(() -> query(dataSource(options), "SELECT id, name, password FROM users WHERE id = 1"));
		assertThat(attribute(sqlSpan(), "db.statement")).hasSize(30).endsWith(SqlSanitizer.TRUNCATION_MARKER);
		assertThat(attribute(sqlSpan(), "db.query.text")).hasSize(30);
	}

	@Test
	void failingStatementSetsErrorStatusAndRecordsException() {
		DataSource dataSource = dataSource(DEFAULTS);
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> traced(() -> query(dataSource, "SELECT * FROM missing_table")));
		SpanData span = sqlSpan();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getEvents()).anySatisfy((event) -> assertThat(event.getName()).isEqualTo("exception"));
		assertThat(attribute(span, "error.type")).isEqualTo("org.h2.jdbc.JdbcSQLSyntaxErrorException");
	}

	@Test
	void preparedBatchIsOneSpanWithBatchSize() throws SQLException {
		DataSource dataSource = dataSource(DEFAULTS);
		traced(() -> {
			try (Connection connection = dataSource.getConnection();
					PreparedStatement statement = connection
						.prepareStatement("INSERT INTO users (id, name) VALUES (?, ?)")) {
				for (int id = 10; id < 13; id++) {
					statement.setInt(1, id);
					statement.setString(2, "user" + id);
					statement.addBatch();
				}
				statement.executeBatch();
			}
		});
		SpanData span = sqlSpan();
		assertThat(span.getName()).isEqualTo("INSERT shop");
		assertThat(span.getAttributes().get(SpanAttributes.DB_OPERATION_BATCH_SIZE)).isEqualTo(3L);
	}

	@Test
	void mixedStatementBatchIsNamedBatch() throws SQLException {
		DataSource dataSource = dataSource(DEFAULTS);
		traced(() -> {
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.addBatch("INSERT INTO users (id, name) VALUES (20, 'x')");
				statement.addBatch("UPDATE users SET name = 'y' WHERE id = 20");
				statement.executeBatch();
			}
		});
		SpanData span = sqlSpan();
		assertThat(span.getName()).isEqualTo("BATCH shop");
		assertThat(span.getAttributes().get(SpanAttributes.DB_OPERATION_BATCH_SIZE)).isEqualTo(2L);
		assertThat(attribute(span, "db.statement"))
			.isEqualTo("INSERT INTO users (id, name) VALUES (?, ?); UPDATE users SET name = ? WHERE id = ?");
	}

	@Test
	void statementOverThresholdIsAnnotatedSlow() throws SQLException {
		JdbcTracingOptions options = new JdbcTracingOptions(true, false, 2048, Duration.ZERO);
		traced(() -> query(dataSource(options), "SELECT 1"));
		SpanData span = sqlSpan();
		assertThat(span.getAttributes().get(AttributeKey.booleanKey("sql_slow"))).isTrue();
		assertThat(span.getAttributes().get(XRayAnnotations.ANNOTATIONS)).containsExactly("sql_slow");
		assertThat(this.statistics.slow()).isOne();
	}

	@Test
	void statementUnderThresholdIsNotAnnotated() throws SQLException {
		traced(() -> query(dataSource(DEFAULTS), "SELECT 1"));
		assertThat(sqlSpan().getAttributes().get(AttributeKey.booleanKey("sql_slow"))).isNull();
		assertThat(this.statistics.slow()).isZero();
	}

	@Test
	void repeatedStatementShapeOverThresholdFlagsLocalRoot() throws SQLException {
		DataSource dataSource = dataSource(DEFAULTS);
		Span root = this.tracer.spanBuilder("GET /users").setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = root.makeCurrent()) {
			Span child = this.tracer.spanBuilder("service").startSpan();
			try (Scope childScope = child.makeCurrent()) {
				for (int id = 1; id <= 4; id++) {
					query(dataSource, "SELECT name FROM users WHERE id = " + id);
				}
			}
			child.end();
		}
		assertThat(this.nPlusOne.trackedLocalRoots()).isOne();
		root.end();
		assertThat(this.nPlusOne.trackedLocalRoots()).isZero();
		SpanData rootData = spanNamed("GET /users");
		assertThat(rootData.getAttributes().get(AttributeKey.booleanKey("sql_n_plus_one"))).isTrue();
		assertThat(rootData.getAttributes().get(XRayAnnotations.ANNOTATIONS)).containsExactly("sql_n_plus_one");
		assertThat(rootData.getAttributes().get(AttributeKey.stringKey("sql_n_plus_one_statement")))
			.isEqualTo("SELECT name FROM users WHERE id = ?");
		assertThat(spanNamed("service").getAttributes().get(AttributeKey.booleanKey("sql_n_plus_one"))).isNull();
		assertThat(this.statistics.nPlusOne()).isOne();
	}

	@Test
	void statementShapeAtThresholdDoesNotFlagLocalRoot() throws SQLException {
		DataSource dataSource = dataSource(DEFAULTS);
		traced(() -> {
			for (int id = 1; id <= 3; id++) {
				query(dataSource, "SELECT name FROM users WHERE id = " + id);
			}
			query(dataSource, "SELECT password FROM users WHERE id = 1");
		});
		assertThat(spanNamed("request").getAttributes().get(AttributeKey.booleanKey("sql_n_plus_one"))).isNull();
	}

	@Test
	void bindParametersAreCapturedWithSecretsMasked() throws SQLException {
		JdbcTracingOptions options = new JdbcTracingOptions(true, true, 2048, Duration.ofSeconds(1));
		DataSource dataSource = dataSource(options);
		traced(() -> {
			try (Connection connection = dataSource.getConnection();
					PreparedStatement statement = connection
						.prepareStatement("INSERT INTO users (id, name, password) VALUES (?, ?, ?)")) {
				statement.setInt(1, 30);
				statement.setString(2, "carol");
				statement.setString(3, "hunter2");
				statement.executeUpdate();
			}
		});
		SpanData span = sqlSpan();
		assertThat(attribute(span, "db.query.parameter.1")).isEqualTo("30");
		assertThat(attribute(span, "db.query.parameter.2")).isEqualTo("carol");
		assertThat(attribute(span, "db.query.parameter.3")).isEqualTo("***");
		assertThat(span.getAttributes().asMap().values()).noneMatch((value) -> value.toString().contains("hunter2"));
	}

	@Test
	void parametersOfFunctionsAndInsertSelectAreMaskedForSecretColumns() throws SQLException {
		JdbcTracingOptions options = new JdbcTracingOptions(true, true, 2048, Duration.ofSeconds(1));
		DataSource dataSource = dataSource(options);
		traced(() -> {
			try (Connection connection = dataSource.getConnection();
					PreparedStatement update = connection
						.prepareStatement("UPDATE users SET password = COALESCE(?, password) WHERE id = ?");
					PreparedStatement insert = connection
						.prepareStatement("INSERT INTO users (id, name, password) SELECT ?, ?, ?")) {
				update.setString(1, "hunter2");
				update.setInt(2, 1);
				update.executeUpdate();
				insert.setInt(1, 40);
				insert.setString(2, "dave");
				insert.setString(3, "swordfish");
				insert.executeUpdate();
			}
		});
		List<SpanData> spans = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.CLIENT)
			.toList();
		assertThat(spans).hasSize(2);
		assertThat(attribute(spans.get(0), "db.query.parameter.1")).isEqualTo("***");
		assertThat(attribute(spans.get(0), "db.query.parameter.2")).isEqualTo("1");
		assertThat(attribute(spans.get(1), "db.query.parameter.2")).isEqualTo("dave");
		assertThat(attribute(spans.get(1), "db.query.parameter.3")).isEqualTo("***");
	}

	@Test
	void parameterWithUnknownColumnIsMaskedWhenStatementNamesSecret() throws SQLException {
		JdbcTracingOptions options = new JdbcTracingOptions(true, true, 2048, Duration.ofSeconds(1));
		DataSource dataSource = dataSource(options);
		traced(() -> {
			try (Connection connection = dataSource.getConnection();
					PreparedStatement statement = connection
						.prepareStatement("SELECT id FROM users WHERE ? = password OR ? = name")) {
				statement.setString(1, "hunter2");
				statement.setString(2, "bob");
				statement.executeQuery().close();
			}
		});
		assertThat(attribute(sqlSpan(), "db.query.parameter.1")).isEqualTo("***");
		assertThat(attribute(sqlSpan(), "db.query.parameter.2")).isEqualTo("***");
	}

	@Test
	void nullAndBinaryParametersAreRenderedWithoutContent() throws SQLException {
		JdbcTracingOptions options = new JdbcTracingOptions(true, true, 2048, Duration.ofSeconds(1));
		DataSource dataSource = dataSource(options);
		traced(() -> {
			try (Connection connection = dataSource.getConnection();
					PreparedStatement statement = connection
						.prepareStatement("SELECT * FROM users WHERE name = ? OR name = CAST(? AS VARCHAR)")) {
				statement.setNull(1, java.sql.Types.VARCHAR);
				statement.setBytes(2, new byte[] { 1, 2, 3 });
				statement.executeQuery().close();
			}
		});
		assertThat(attribute(sqlSpan(), "db.query.parameter.1")).isEqualTo("NULL");
		assertThat(attribute(sqlSpan(), "db.query.parameter.2")).isEqualTo("<3 bytes>");
	}

	@Test
	void bindParametersAreNotCapturedByDefault() throws SQLException {
		DataSource dataSource = dataSource(DEFAULTS);
		traced(() -> {
			try (Connection connection = dataSource.getConnection();
					PreparedStatement statement = connection.prepareStatement("SELECT * FROM users WHERE name = ?")) {
				statement.setString(1, "bob");
				statement.executeQuery().close();
			}
		});
		assertThat(sqlSpan().getAttributes().asMap().keySet())
			.noneMatch((key) -> key.getKey().startsWith("db.query.parameter"));
	}

	@Test
	void nestedProxiesRecordOneSpan() throws SQLException {
		DataSource inner = dataSource(DEFAULTS);
		DataSource outer = ProxyDataSourceBuilder.create(inner).listener(listener(DEFAULTS, () -> null, true)).build();
		traced(() -> query(outer, "SELECT 1"));
		assertThat(this.exporter.getFinishedSpanItems()).filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
			.hasSize(1);
	}

	@Test
	void statementAfterListenerFailedBeforeQueryIsStillTraced() throws SQLException {
		DataSource dataSource = dataSourceWithListenerFailingOnce();
		traced(() -> assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> query(dataSource, "SELECT name FROM users WHERE id = 1")));
		traced(() -> query(dataSource, "SELECT password FROM users WHERE id = 2"));
		List<SpanData> spans = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.CLIENT)
			.toList();
		assertThat(spans).extracting((span) -> attribute(span, "db.statement"))
			.containsExactlyInAnyOrder("SELECT name FROM users WHERE id = ?",
					"SELECT password FROM users WHERE id = ?");
		assertThat(spans).filteredOn((span) -> attribute(span, "db.statement").startsWith("SELECT name"))
			.singleElement()
			.extracting((span) -> span.getStatus().getStatusCode())
			.isEqualTo(StatusCode.ERROR);
	}

	@Test
	void staleStateInSameRequestIsReplacedOnceItsStatementIsClosed() throws SQLException {
		DataSource dataSource = dataSourceWithListenerFailingOnce();
		traced(() -> {
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> query(dataSource, "SELECT name FROM users WHERE id = 1"));
			query(dataSource, "SELECT password FROM users WHERE id = 2");
		});
		assertThat(this.exporter.getFinishedSpanItems()).filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
			.hasSize(2);
	}

	@Test
	void failureInsideTheListenerNeverFailsTheStatement() throws SQLException {
		Supplier<Tracer> failing = () -> {
			throw new IllegalStateException("boom");
		};
		XRayQueryExecutionListener listener = new XRayQueryExecutionListener(failing, DEFAULTS, this.nPlusOne,
				this.statistics, () -> null, false);
		DataSource dataSource = ProxyDataSourceBuilder.create(this.h2).listener(listener).build();
		traced(() -> query(dataSource, "SELECT name FROM users WHERE id = 1"));
		assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("request");
	}

	@Test
	void contextIsRestoredAfterStatement() throws SQLException {
		DataSource dataSource = dataSource(DEFAULTS);
		Span parent = this.tracer.spanBuilder("request").startSpan();
		try (Scope scope = parent.makeCurrent()) {
			query(dataSource, "SELECT 1");
			assertThat(Span.current()).isSameAs(parent);
		}
		parent.end();
	}

	private void traced(SqlWork work) throws SQLException {
		Span parent = this.tracer.spanBuilder("request").setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = parent.makeCurrent()) {
			work.run();
		}
		finally {
			parent.end();
		}
	}

	// A DataSource whose first metadata look-up fails and later ones answer PostgreSQL.
	private DataSource dataSourceWithMetadataFailingOnce(Duration retryInterval) throws SQLException {
		DatabaseMetaData metaData = mock(DatabaseMetaData.class);
		given(metaData.getURL()).willReturn("jdbc:postgresql://db.example.com:5432/orders");
		Connection connection = mock(Connection.class);
		Statement statement = mock(Statement.class);
		given(connection.createStatement()).willReturn(statement);
		given(statement.getConnection()).willReturn(connection);
		given(connection.getMetaData()).willThrow(new SQLException("down")).willReturn(metaData);
		DataSource target = mock(DataSource.class);
		given(target.getConnection()).willReturn(connection);
		XRayQueryExecutionListener listener = new XRayQueryExecutionListener(() -> this.tracer, DEFAULTS, this.nPlusOne,
				this.statistics, () -> null, false, retryInterval);
		return ProxyDataSourceBuilder.create(target).listener(listener).build();
	}

	// A listener after ours that throws in its first beforeQuery, so that
	// datasource-proxy
	// never calls afterQuery for that statement.
	private DataSource dataSourceWithListenerFailingOnce() {
		AtomicBoolean fail = new AtomicBoolean(true);
		QueryExecutionListener throwing = new QueryExecutionListener() {

			@Override
			public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
				if (fail.getAndSet(false)) {
					throw new IllegalStateException("listener failed");
				}
			}

			@Override
			public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
			}

		};
		return ProxyDataSourceBuilder.create(this.h2)
			.listener(listener(DEFAULTS, () -> null, false))
			.listener(throwing)
			.build();
	}

	private DataSource dataSource(JdbcTracingOptions options) {
		return dataSource(options, () -> null, false);
	}

	private DataSource dataSource(JdbcTracingOptions options, Supplier<@Nullable DatabaseInfo> configured,
			boolean routing) {
		return ProxyDataSourceBuilder.create(this.h2).listener(listener(options, configured, routing)).build();
	}

	private XRayQueryExecutionListener listener(JdbcTracingOptions options, Supplier<@Nullable DatabaseInfo> configured,
			boolean routing) {
		return new XRayQueryExecutionListener(() -> this.tracer, options, this.nPlusOne, this.statistics, configured,
				routing);
	}

	private static void query(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private SpanData sqlSpan() {
		List<SpanData> spans = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.CLIENT)
			.toList();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private SpanData spanNamed(String name) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static @Nullable String attribute(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@FunctionalInterface
	private interface SqlWork {

		void run() throws SQLException;

	}

}
