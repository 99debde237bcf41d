package io.github.xrayspring.jdbc.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
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
import net.ttddyy.dsproxy.listener.NoOpQueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.h2.jdbc.JdbcCallableStatement;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcPreparedStatement;
import org.h2.jdbc.JdbcStatement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayDataSource} against an in-memory H2 database.
 *
 * @author xray-spring-boot-starter team
 */
class XRayDataSourceTests {

	private static final SpanContext UNSAMPLED = SpanContext.create("0123456789abcdef0123456789abcdef",
			"0123456789abcdef", TraceFlags.getDefault(), TraceState.getDefault());

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final Tracer tracer = this.tracerProvider.get("test");

	private final JdbcDataSource h2 = new JdbcDataSource();

	XRayDataSourceTests() {
		this.h2.setURL("jdbc:h2:mem:wrapper;DB_CLOSE_DELAY=-1");
		this.h2.setUser("sa");
	}

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void withoutCurrentSpanStatementsAreTheTargets() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection).isInstanceOf(XRayConnection.class).isNotInstanceOf(ProxyJdbcObject.class);
			assertRaw(connection);
			query(connection);
		}
		try (Connection connection = dataSource.getConnection("sa", "")) {
			assertRaw(connection);
		}
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void inUnsampledTraceStatementsAreTheTargets() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		try (Scope scope = Span.wrap(UNSAMPLED).makeCurrent()) {
			try (Connection connection = dataSource.getConnection()) {
				assertRaw(connection);
				query(connection);
				assertThat(((XRayConnection) connection).isProxied()).isFalse();
			}
			try (Connection connection = dataSource.getConnection("sa", "")) {
				assertRaw(connection);
			}
		}
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void underSampledSpanStatementsGoToTheStartersWrapperAndCallsThroughTheProxy() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		Span request = this.tracer.spanBuilder("request").setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = request.makeCurrent()) {
			try (Connection connection = dataSource.getConnection()) {
				assertProxied(connection);
				query(connection);
			}
			try (Connection connection = dataSource.getConnection("sa", "")) {
				assertProxied(connection);
				query(connection);
			}
		}
		request.end();
		assertThat(this.exporter.getFinishedSpanItems()).filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
			.extracting(SpanData::getName)
			.containsExactly("SELECT wrapper", "SELECT wrapper");
	}

	@Test
	void connectionObtainedWithoutSpanIsTracedUnderALaterSampledSpan() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		try (Connection connection = dataSource.getConnection()) {
			Span request = this.tracer.spanBuilder("request").startSpan();
			try (Scope scope = request.makeCurrent()) {
				query(connection);
			}
			request.end();
		}
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).extracting(SpanData::getName).containsExactly("SELECT wrapper", "request");
		assertThat(spans.get(0).getParentSpanId()).isEqualTo(spans.get(1).getSpanId());
	}

	@Test
	void eachStatementIsDecidedWhenItIsCreated() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		try (Connection connection = dataSource.getConnection()) {
			assertRaw(connection);
			Span request = this.tracer.spanBuilder("request").startSpan();
			try (Scope scope = request.makeCurrent()) {
				assertProxied(connection);
				try (Scope unsampled = Span.wrap(UNSAMPLED).makeCurrent()) {
					assertRaw(connection);
				}
			}
			request.end();
			assertRaw(connection);
		}
	}

	@Test
	void connectionHeldAcrossRequestsTracesEachRequestsStatements() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		try (Connection connection = dataSource.getConnection()) {
			for (String name : List.of("first", "second")) {
				Span request = this.tracer.spanBuilder(name).startSpan();
				try (Scope scope = request.makeCurrent()) {
					query(connection);
				}
				request.end();
				query(connection);
			}
		}
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).extracting(SpanData::getName)
			.containsExactly("SELECT wrapper", "first", "SELECT wrapper", "second");
		assertThat(spans.get(0).getParentSpanId()).isEqualTo(spans.get(1).getSpanId());
		assertThat(spans.get(2).getParentSpanId()).isEqualTo(spans.get(3).getSpanId());
	}

	@Test
	void transactionBegunBeforeTheSpanIsTraced() {
		DataSource dataSource = new XRayDataSource(proxy());
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Span listener = this.tracer.spanBuilder("listener").setSpanKind(SpanKind.CONSUMER).startSpan();
		// The transaction obtains its connection first, as a DataSourceTransactionManager
		// ordered outside a Kafka listener's observation does.
		transaction.executeWithoutResult((status) -> {
			try (Scope scope = listener.makeCurrent()) {
				jdbc.queryForObject("SELECT 1", Integer.class);
			}
			listener.end();
		});
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).extracting(SpanData::getName).containsExactly("SELECT wrapper", "listener");
		assertThat(spans.get(0).getParentSpanId()).isEqualTo(spans.get(1).getSpanId());
	}

	@Test
	void connectionUnwrapsToTheTargetsAndClosesItOnce() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		Connection connection = dataSource.getConnection();
		JdbcConnection target = connection.unwrap(JdbcConnection.class);
		assertThat(target).isNotNull();
		assertThat(connection.unwrap(XRayConnection.class)).isSameAs(connection);
		assertThat(connection.isWrapperFor(JdbcConnection.class)).isTrue();
		assertThat(connection.isWrapperFor(XRayConnection.class)).isTrue();
		assertThat(connection.isWrapperFor(DataSource.class)).isFalse();
		Span request = this.tracer.spanBuilder("request").startSpan();
		try (Scope scope = request.makeCurrent()) {
			query(connection);
			assertThat(((XRayConnection) connection).isProxied()).isFalse();
			connection.prepareCall("SELECT 1").close();
		}
		request.end();
		assertThat(((XRayConnection) connection).isProxied()).isTrue();
		connection.close();
		assertThat(target.isClosed()).isTrue();
		assertThat(connection.isClosed()).isTrue();
	}

	@Test
	void capturedParametersAndResultSetProxiesNeedDatasourceProxy() throws SQLException {
		JdbcTracingOptions capturing = new JdbcTracingOptions(true, true, 2048, Duration.ofSeconds(1));
		XRayQueryExecutionListener listener = new XRayQueryExecutionListener(() -> this.tracer, capturing, null,
				new JdbcStatistics(), () -> null, false);
		DataSource capturingParameters = new XRayDataSource(
				ProxyDataSourceBuilder.create(this.h2).listener(listener).build());
		DataSource proxyingResultSets = new XRayDataSource(builder().proxyResultSet().build());
		Span request = this.tracer.spanBuilder("request").startSpan();
		try (Scope scope = request.makeCurrent()) {
			for (DataSource dataSource : List.of(capturingParameters, proxyingResultSets)) {
				try (Connection connection = dataSource.getConnection()) {
					assertThroughDatasourceProxy(connection);
					try (PreparedStatement statement = connection.prepareStatement("SELECT ? FROM DUAL")) {
						statement.setString(1, "tea");
						statement.executeQuery().close();
					}
				}
			}
		}
		request.end();
		assertThat(this.exporter.getFinishedSpanItems()).filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
			.hasSize(2)
			.first()
			.satisfies((span) -> assertThat(span.getAttributes().asMap())
				.containsEntry(io.opentelemetry.api.common.AttributeKey.stringKey("db.query.parameter.1"), "tea"));
	}

	@Test
	void proxyThatDoesMoreThanRecordSpansIsAlwaysUsed() throws SQLException {
		AtomicInteger statements = new AtomicInteger();
		DataSource dataSource = new XRayDataSource(
				builder().afterQuery((execInfo, queries) -> statements.incrementAndGet()).build());
		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection).isInstanceOf(ProxyJdbcObject.class);
			query(connection);
		}
		assertThat(statements).hasValue(1);
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void listenerAddedAfterStartupSeesEveryStatement() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		AtomicInteger statements = new AtomicInteger();
		dataSource.unwrap(ProxyDataSource.class).addListener(new NoOpQueryExecutionListener() {

			@Override
			public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
				statements.incrementAndGet();
			}

		});
		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection).isInstanceOf(ProxyJdbcObject.class);
			query(connection);
		}
		assertThat(statements).hasValue(1);
	}

	@Test
	void listenerAddedWhileAConnectionIsHeldSeesItsStatements() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		AtomicInteger statements = new AtomicInteger();
		try (Connection connection = dataSource.getConnection()) {
			assertRaw(connection);
			dataSource.unwrap(ProxyDataSource.class).addListener(new NoOpQueryExecutionListener() {

				@Override
				public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
					statements.incrementAndGet();
				}

			});
			query(connection);
		}
		assertThat(statements).hasValue(1);
	}

	@Test
	void unwrapsToTheProxyAndTheTarget() throws SQLException {
		ProxyDataSource proxy = proxy();
		DataSource dataSource = new XRayDataSource(proxy);
		assertThat(dataSource.unwrap(XRayDataSource.class)).isSameAs(dataSource);
		assertThat(dataSource.unwrap(ProxyDataSource.class)).isSameAs(proxy);
		assertThat(dataSource.unwrap(JdbcDataSource.class)).isSameAs(this.h2);
		assertThat(dataSource.isWrapperFor(ProxyDataSource.class)).isTrue();
		assertThat(dataSource.isWrapperFor(JdbcDataSource.class)).isTrue();
		assertThat(dataSource.isWrapperFor(Connection.class)).isFalse();
	}

	private ProxyDataSource proxy() {
		return builder().build();
	}

	private ProxyDataSourceBuilder builder() {
		JdbcTracingOptions options = new JdbcTracingOptions(true, false, 2048, Duration.ofSeconds(1));
		XRayQueryExecutionListener listener = new XRayQueryExecutionListener(() -> this.tracer, options, null,
				new JdbcStatistics(), () -> null, false);
		return ProxyDataSourceBuilder.create(this.h2).listener(listener);
	}

	private static void assertRaw(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				PreparedStatement prepared = connection.prepareStatement("SELECT 1");
				CallableStatement call = connection.prepareCall("SELECT 1")) {
			assertThat(statement).isInstanceOf(JdbcStatement.class);
			assertThat(prepared).isInstanceOf(JdbcPreparedStatement.class);
			assertThat(call).isInstanceOf(JdbcCallableStatement.class);
		}
	}

	private static void assertProxied(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
				PreparedStatement prepared = connection.prepareStatement("SELECT 1", Statement.NO_GENERATED_KEYS);
				CallableStatement call = connection.prepareCall("SELECT 1", ResultSet.TYPE_FORWARD_ONLY,
						ResultSet.CONCUR_READ_ONLY)) {
			assertThat(statement).isInstanceOf(XRayStatement.class);
			assertThat(prepared).isInstanceOf(XRayPreparedStatement.class);
			assertThat(call).isInstanceOf(ProxyJdbcObject.class);
			assertThat(statement.getConnection()).isSameAs(connection);
			assertThat(prepared.getConnection()).isSameAs(connection);
		}
	}

	private static void assertThroughDatasourceProxy(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				PreparedStatement prepared = connection.prepareStatement("SELECT 1")) {
			assertThat(statement).isInstanceOf(ProxyJdbcObject.class);
			assertThat(prepared).isInstanceOf(ProxyJdbcObject.class);
		}
	}

	private static void query(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
	}

}
