package io.github.xrayspring.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.xrayspring.autoconfigure.tracing.XRayTracingAutoConfiguration;
import io.github.xrayspring.export.internal.SegmentDocumentTranslator;
import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.json.BasicJsonTester;
import org.springframework.boot.test.json.JsonContent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base for the tests that run statements against a real database through Spring Boot's
 * DataSource and OpenTelemetry auto-configuration.
 *
 * @author xray-spring-boot-starter team
 */
abstract class AbstractJdbcTracingIntegrationTests {

	private static final AttributeKey<Boolean> SLOW = AttributeKey.booleanKey("sql_slow");

	private static final AttributeKey<Boolean> N_PLUS_ONE = AttributeKey.booleanKey("sql_n_plus_one");

	private final BasicJsonTester json = new BasicJsonTester(getClass());

	private final SegmentDocumentTranslator translator = new SegmentDocumentTranslator();

	/**
	 * Returns the {@code spring.datasource.*} properties of the database.
	 * @return the properties
	 */
	protected abstract String[] dataSourceProperties();

	/**
	 * Returns a statement that takes about 300 milliseconds.
	 * @return the statement
	 */
	protected abstract String slowStatement();

	/**
	 * Returns the expected {@code db.system}.
	 * @return the database system
	 */
	protected abstract String dbSystem();

	/**
	 * Returns the expected {@code peer.service}.
	 * @return the database name and host
	 */
	protected abstract String peerService();

	/**
	 * Returns whether X-Ray makes a {@code sql} block of this database's spans.
	 * @return whether the database is in X-Ray's SQL list
	 */
	protected abstract boolean expectsSqlBlock();

	/**
	 * Prepares the schema without a current span.
	 * @param dataSource the data source
	 * @throws SQLException on failure
	 */
	protected abstract void createSchema(DataSource dataSource) throws SQLException;

	ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, DataSourceAutoConfiguration.class,
					XRayTracingAutoConfiguration.class, XRayJdbcAutoConfiguration.class))
			.withBean(InMemorySpanExporter.class, InMemorySpanExporter::create)
			.withPropertyValues("management.tracing.sampling.probability=1.0", "spring.application.name=shop",
					"xray.jdbc.slow-query-threshold=200ms")
			.withPropertyValues(dataSourceProperties());
	}

	@Test
	void statementUnderRequestBecomesSqlSpan() {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			createSchema(dataSource);
			inRequest(context, () -> queryName(dataSource, 1));
			List<SpanData> spans = spans(context);
			assertThat(spans).hasSize(2);
			SpanData sql = clientSpan(spans);
			assertThat(sql.getName()).isEqualTo("SELECT shop");
			assertThat(sql.getParentSpanId()).isEqualTo(requestSpan(spans).getSpanId());
			assertThat(attribute(sql, "db.system")).isEqualTo(dbSystem());
			assertThat(attribute(sql, "db.name")).isEqualTo("shop");
			assertThat(attribute(sql, "db.statement")).isEqualTo("SELECT name FROM customers WHERE id = ?");
			assertThat(attribute(sql, "peer.service")).isEqualTo(peerService());
			assertThat(attribute(sql, "db.connection_string")).doesNotContain("password").doesNotContain("secret");
		});
	}

	@Test
	void attributeKeysCanBeLimitedToOneSet() {
		contextRunner().withPropertyValues("xray.jdbc.attribute-keys=old").run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			createSchema(dataSource);
			inRequest(context, () -> queryName(dataSource, 1));
			Map<String, Object> sql = attributes(clientSpan(spans(context)));
			assertThat(sql).containsEntry("db.system", dbSystem())
				.containsEntry("db.name", "shop")
				.containsEntry("db.statement", "SELECT name FROM customers WHERE id = ?")
				.containsEntry("db.operation", "SELECT")
				.containsKeys("db.connection_string", "peer.service")
				.doesNotContainKeys("db.system.name", "db.namespace", "db.query.text", "db.operation.name");
		});
		contextRunner().withPropertyValues("xray.jdbc.attribute-keys=stable").run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			createSchema(dataSource);
			inRequest(context, () -> queryName(dataSource, 1));
			Map<String, Object> sql = attributes(clientSpan(spans(context)));
			assertThat(sql).containsEntry("db.namespace", "shop")
				.containsEntry("db.query.text", "SELECT name FROM customers WHERE id = ?")
				.containsEntry("db.operation.name", "SELECT")
				.containsKeys("db.system.name", "peer.service")
				.doesNotContainKeys("db.system", "db.name", "db.statement", "db.operation", "db.user",
						"db.connection_string");
		});
	}

	@Test
	void unknownAttributeKeysFailNamingTheProperty() {
		contextRunner().withPropertyValues("xray.jdbc.attribute-keys=new")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("xray.jdbc.attribute-keys"));
	}

	private static Map<String, Object> attributes(SpanData span) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
		return attributes;
	}

	@Test
	void xrayPreviewShowsRemoteSubsegmentNamedAfterDatabaseAndHost() {
		contextRunner().run((context) -> {
			List<SpanData> spans = requestWithElevenLookups(context);
			JsonContent<Object> sql = this.json.from(this.translator.translate(clientSpan(spans)));
			assertThat(sql).extractingJsonPathStringValue("$.name").isEqualTo(peerService());
			assertThat(sql).extractingJsonPathStringValue("$.namespace").isEqualTo("remote");
			assertThat(sql).extractingJsonPathStringValue("$.type").isEqualTo("subsegment");
			if (expectsSqlBlock()) {
				assertThat(sql).extractingJsonPathStringValue("$.sql.sanitized_query")
					.isEqualTo("SELECT name FROM customers WHERE id = ?");
				assertThat(sql).extractingJsonPathStringValue("$.sql.database_type").isEqualTo(dbSystem());
				assertThat(sql).extractingJsonPathStringValue("$.sql.url").isEqualTo("SELECT shop");
				// the database named once: the collector appends "/" + db.name
				assertThat(sql).extractingJsonPathStringValue("$.sql.connection_string")
					.matches("jdbc:" + dbSystem() + "://[^/]+/shop");
			}
			else {
				assertThat(sql).doesNotHaveJsonPath("$.sql");
			}
			JsonContent<Object> segment = this.json.from(this.translator.translate(requestSpan(spans)));
			assertThat(segment).extractingJsonPathBooleanValue("$.annotations.sql_n_plus_one").isTrue();
			assertThat(segment).extractingJsonPathStringValue("$.metadata.default.sql_n_plus_one_statement")
				.isEqualTo("SELECT name FROM customers WHERE id = ?");
		});
	}

	@Test
	void schemaInitializationWithoutSpanIsNotTraced() {
		contextRunner().run((context) -> {
			createSchema(context.getBean(DataSource.class));
			assertThat(spans(context)).isEmpty();
		});
	}

	@Test
	void slowStatementIsAnnotated() {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			createSchema(dataSource);
			inRequest(context, () -> {
				try (Connection connection = dataSource.getConnection();
						PreparedStatement statement = connection.prepareStatement(slowStatement())) {
					statement.execute();
				}
				queryName(dataSource, 1);
			});
			List<SpanData> sql = spans(context).stream().filter((span) -> span.getKind() == SpanKind.CLIENT).toList();
			assertThat(sql).hasSize(2);
			assertThat(sql.get(0).getAttributes().get(SLOW)).isTrue();
			assertThat(sql.get(0).getAttributes().get(XRayAnnotations.ANNOTATIONS)).contains("sql_slow");
			assertThat(sql.get(1).getAttributes().get(SLOW)).isNull();
		});
	}

	@Test
	void nPlusOneLoopFlagsTheRequest() {
		contextRunner().run((context) -> {
			SpanData request = requestSpan(requestWithElevenLookups(context));
			assertThat(request.getAttributes().get(N_PLUS_ONE)).isTrue();
			assertThat(request.getAttributes().get(XRayAnnotations.ANNOTATIONS)).contains("sql_n_plus_one");
			assertThat(attribute(request, "sql_n_plus_one_statement"))
				.isEqualTo("SELECT name FROM customers WHERE id = ?");
		});
	}

	@Test
	void loopAtThresholdDoesNotFlagTheRequest() {
		contextRunner().run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			createSchema(dataSource);
			inRequest(context, () -> {
				for (int id = 1; id <= 10; id++) {
					queryName(dataSource, id);
				}
			});
			assertThat(requestSpan(spans(context)).getAttributes().get(N_PLUS_ONE)).isNull();
		});
	}

	// one request that looks up a name 11 times: over the N+1 threshold of 10
	private List<SpanData> requestWithElevenLookups(AssertableApplicationContext context) throws SQLException {
		DataSource dataSource = context.getBean(DataSource.class);
		createSchema(dataSource);
		inRequest(context, () -> {
			for (int id = 1; id <= 11; id++) {
				queryName(dataSource, id);
			}
		});
		return spans(context);
	}

	private static void inRequest(AssertableApplicationContext context, SqlWork work) throws SQLException {
		Span request = context.getBean(OpenTelemetry.class)
			.getTracer("test")
			.spanBuilder("GET /customers")
			.setSpanKind(SpanKind.SERVER)
			.startSpan();
		try (Scope scope = request.makeCurrent()) {
			work.run();
		}
		finally {
			request.end();
		}
	}

	private static void queryName(DataSource dataSource, int id) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("SELECT name FROM customers WHERE id = ?")) {
			statement.setInt(1, id);
			try (ResultSet resultSet = statement.executeQuery()) {
				resultSet.next();
			}
		}
	}

	private static List<SpanData> spans(AssertableApplicationContext context) {
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
		return context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
	}

	private static SpanData clientSpan(List<SpanData> spans) {
		return spans.stream().filter((span) -> span.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
	}

	private static SpanData requestSpan(List<SpanData> spans) {
		return spans.stream().filter((span) -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
	}

	private static @Nullable String attribute(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@FunctionalInterface
	interface SqlWork {

		void run() throws SQLException;

	}

}
