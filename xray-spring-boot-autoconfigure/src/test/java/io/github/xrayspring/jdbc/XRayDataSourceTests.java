package io.github.xrayspring.jdbc;

import java.sql.Connection;
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
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
	void withoutCurrentSpanHandsOutTheTargetsConnection() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection).isInstanceOf(JdbcConnection.class);
			query(connection);
		}
		try (Connection connection = dataSource.getConnection("sa", "")) {
			assertThat(connection).isInstanceOf(JdbcConnection.class);
		}
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void inUnsampledTraceHandsOutTheTargetsConnection() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		try (Scope scope = Span.wrap(UNSAMPLED).makeCurrent()) {
			try (Connection connection = dataSource.getConnection()) {
				assertThat(connection).isInstanceOf(JdbcConnection.class);
				query(connection);
			}
			try (Connection connection = dataSource.getConnection("sa", "")) {
				assertThat(connection).isInstanceOf(JdbcConnection.class);
			}
		}
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void underSampledSpanHandsOutTheProxysConnection() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		Span request = this.tracer.spanBuilder("request").setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = request.makeCurrent()) {
			try (Connection connection = dataSource.getConnection()) {
				assertThat(connection).isInstanceOf(ProxyJdbcObject.class);
				query(connection);
			}
			try (Connection connection = dataSource.getConnection("sa", "")) {
				assertThat(connection).isInstanceOf(ProxyJdbcObject.class);
				query(connection);
			}
		}
		request.end();
		assertThat(this.exporter.getFinishedSpanItems()).filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
			.extracting(SpanData::getName)
			.containsExactly("SELECT wrapper", "SELECT wrapper");
	}

	@Test
	void connectionObtainedWithoutSampledSpanStaysUntraced() throws SQLException {
		DataSource dataSource = new XRayDataSource(proxy());
		try (Connection connection = dataSource.getConnection()) {
			Span request = this.tracer.spanBuilder("request").startSpan();
			try (Scope scope = request.makeCurrent()) {
				query(connection);
			}
			request.end();
		}
		assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("request");
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

	private static void query(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT 1");
		}
	}

}
