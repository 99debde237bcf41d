package io.github.xrayspring.autoconfigure.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.xrayspring.autoconfigure.export.XRayExportAutoConfiguration;
import io.github.xrayspring.autoconfigure.tracing.XRayTracingAutoConfiguration;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Exception messages of failed statements against a real PostgreSQL server, recorded on
 * the statement's span and, as Boot's observations do, on the request span: with
 * {@code xray.jdbc.sanitize=true} no exported span carries the literals.
 *
 * @author xray-spring-boot-starter team
 */
class PostgreSqlExceptionMessageIntegrationTests {

	private static EmbeddedPostgres postgres;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, DataSourceAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, XRayTracingAutoConfiguration.class,
				XRayExportAutoConfiguration.class, XRayJdbcAutoConfiguration.class))
		.withBean(InMemorySpanExporter.class, InMemorySpanExporter::create)
		.withPropertyValues("management.tracing.sampling.probability=1.0", "spring.application.name=shop",
				"xray.exporter.type=none");

	@BeforeAll
	static void startPostgres() throws IOException, SQLException {
		postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE accounts");
		}
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		if (postgres != null) {
			postgres.close();
		}
	}

	private String[] dataSource() {
		return new String[] { "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/accounts",
				"spring.datasource.username=postgres", "spring.datasource.password=postgres" };
	}

	@Test
	void uniqueKeyViolationLeavesNoValueOnAnySpan() {
		this.contextRunner.withPropertyValues(dataSource()).run((context) -> {
			JdbcTemplate jdbc = createSchema(context);
			jdbc.update("INSERT INTO users (email) VALUES ('hunter2@example.com')");
			String exported = failInRequest(context,
					(template) -> template.update("INSERT INTO users (email) VALUES ('hunter2@example.com')"));
			assertThat(exported).doesNotContain("hunter2")
				.contains("duplicate key value violates unique constraint")
				.contains("Key (email)=(?) already exists")
				.contains("SQL [INSERT INTO users (email) VALUES (?)]");
		});
	}

	@Test
	void badGrammarLeavesNoLiteralOnAnySpan() {
		this.contextRunner.withPropertyValues(dataSource()).run((context) -> {
			createSchema(context);
			String exported = failInRequest(context,
					(template) -> template.queryForList("SELECT crypt('hunter2', gen_salt('bf')) FROMM users"));
			assertThat(exported).doesNotContain("hunter2")
				.contains("bad SQL grammar [SELECT crypt(?, gen_salt(?)) FROMM users]")
				.contains("syntax error at or near ?");
		});
	}

	@Test
	void badValueTypeLeavesNoLiteralOnAnySpan() {
		this.contextRunner.withPropertyValues(dataSource()).run((context) -> {
			createSchema(context);
			String exported = failInRequest(context,
					(template) -> template.queryForList("SELECT email FROM users WHERE id = 'hunter2'"));
			assertThat(exported).doesNotContain("hunter2").contains("invalid input syntax for type integer: ?");
		});
	}

	@Test
	void withoutSanitizingMessagesAreKept() {
		this.contextRunner.withPropertyValues(dataSource())
			.withPropertyValues("xray.jdbc.sanitize=false")
			.run((context) -> {
				JdbcTemplate jdbc = createSchema(context);
				jdbc.update("INSERT INTO users (email) VALUES ('hunter2@example.com')");
				String exported = failInRequest(context,
						(template) -> template.update("INSERT INTO users (email) VALUES ('hunter2@example.com')"));
				assertThat(exported).contains("Key (email)=(hunter2@example.com)");
			});
	}

	private static JdbcTemplate createSchema(AssertableApplicationContext context) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		jdbc.execute("DROP TABLE IF EXISTS users");
		jdbc.execute("CREATE TABLE users (id SERIAL PRIMARY KEY, email VARCHAR(100) UNIQUE)");
		return jdbc;
	}

	// Runs the failing work under a request span that records the exception as Boot's
	// observation handler does (Micrometer's Span.error), and returns everything the
	// exported spans carry as text.
	private static String failInRequest(AssertableApplicationContext context, Consumer<JdbcTemplate> work) {
		Tracer tracer = context.getBean(Tracer.class);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		Span request = tracer.nextSpan().name("http post /users").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
			assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> work.accept(jdbc)).satisfies((ex) -> {
				request.error(ex);
				request.tag("error", ex.getMessage());
			});
		}
		finally {
			request.end();
		}
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
		List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
		assertThat(spans).hasSizeGreaterThanOrEqualTo(2);
		assertThat(spans).anySatisfy((span) -> assertThat(span.getEvents()).isNotEmpty());
		StringBuilder text = new StringBuilder();
		for (SpanData span : spans) {
			text.append(span.getName())
				.append('\n')
				.append(span.getAttributes())
				.append('\n')
				.append(span.getStatus().getDescription())
				.append('\n');
			span.getEvents().forEach((event) -> text.append(event.getAttributes()).append('\n'));
		}
		return text.toString();
	}

}
