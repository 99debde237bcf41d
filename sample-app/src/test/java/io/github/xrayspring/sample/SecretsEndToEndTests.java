package io.github.xrayspring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.github.xrayspring.testsupport.OtlpReceiver;
import io.github.xrayspring.testsupport.OtlpReceiver.ReceivedSpan;
import io.github.xrayspring.testsupport.OtlpReceivers;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ServerHttpObservationFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plants one secret in each place an application keeps them and searches every output the
 * starter produces for all of them: the OTLP spans, the log, the X-Ray preview documents
 * and the actuator's {@code configprops}.
 *
 * @author xray-spring-boot-starter team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "xray.exporter.type=otlp", "xray.jdbc.capture-parameters=true",
				"xray.sampling.max-traces-per-second=1000000",
				"management.opentelemetry.tracing.export.schedule-delay=100ms",
				"spring.datasource.url=jdbc:h2:mem:secrets;DB_CLOSE_DELAY=-1", "spring.datasource.username=sa",
				"spring.datasource.password=DsPassw0rd",
				"management.opentelemetry.tracing.export.otlp.headers.Authorization=Bearer CfgToken9q",
				"management.endpoints.web.exposure.include=health,configprops,xray" })
@AutoConfigureTracing
@ExtendWith(OutputCaptureExtension.class)
class SecretsEndToEndTests {

	private static final List<String> SECRETS = List.of("DsPassw0rd", "CfgToken9q", "BindTok3n", "BindPassw0rd",
			"QueryTok3n", "HeaderTok3n", "CookieS3cret", "QuotedPw1", "SqlPlain9", "LiteralPw5");

	private static final OtlpReceiver receiver = OtlpReceivers.start();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	LoggingSpanExporter preview;

	@DynamicPropertySource
	static void otlpEndpoint(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", receiver::httpEndpoint);
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void plantedSecretsAppearInNoOutput(CapturedOutput output) throws Exception {
		assertThat(send("/secrets/vault?token=QueryTok3n&page=1").statusCode()).isEqualTo(200);
		assertThat(send("/secrets/fail?token=QueryTok3n").statusCode()).isEqualTo(409);
		ReceivedSpan vault = receiver.awaitOne((span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER
				&& span.hasAttribute("url.path", "/secrets/vault"));
		ReceivedSpan failed = receiver.awaitOne((span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER
				&& span.hasAttribute("url.path", "/secrets/fail"));
		List<ReceivedSpan> spans = receiver
			.await((span) -> span.traceId().equals(vault.traceId()) || span.traceId().equals(failed.traceId()), 6);
		// the places were really recorded: parameters, statements, exception events
		assertThat(spans).anySatisfy(
				(span) -> assertThat(span.attribute("db.query.parameter.2").getStringValue()).isEqualTo("owner"));
		assertThat(spans).anySatisfy((span) -> assertThat(span.attribute("db.statement").getStringValue())
			.isEqualTo("ALTER USER app IDENTIFIED BY ?"));
		assertThat(spans).anySatisfy((span) -> assertThat(span.traceId()).isEqualTo(failed.traceId()))
			.anySatisfy((span) -> assertThat(span.span().getEventsList()).isNotEmpty());
		StringBuilder exported = new StringBuilder();
		spans.forEach((span) -> exported.append(span.span()).append(span.resource()));
		StringBuilder documents = new StringBuilder();
		for (String traceId : this.preview.recentTraceIds()) {
			this.preview.documents(traceId).forEach(documents::append);
		}
		assertThat(documents).contains("/secrets/vault", "/secrets/fail");
		String configprops = send("/actuator/configprops").body();
		assertThat(configprops).contains("spring.datasource");
		String xray = send("/actuator/xray").body() + send("/actuator/xray/traces").body();
		assertThat(xray).contains("exporter");
		for (String secret : SECRETS) {
			assertThat(exported).as("OTLP spans").doesNotContain(secret);
			assertThat(documents).as("preview documents").doesNotContain(secret);
			assertThat(output.getAll()).as("log").doesNotContain(secret);
			assertThat(configprops).as("configprops").doesNotContain(secret);
			assertThat(xray).as("xray endpoint").doesNotContain(secret);
		}
	}

	private HttpResponse<String> send(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer HeaderTok3n")
			.header("Cookie", "SESSION=CookieS3cret")
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SecretsConfiguration {

		// the preview next to the OTLP exporter, fed the same decorated spans
		@Bean
		LoggingSpanExporter secretsPreview() {
			return new LoggingSpanExporter();
		}

		@Bean
		SecretsController secretsController(JdbcTemplate jdbc) {
			return new SecretsController(jdbc);
		}

	}

	@RestController
	static class SecretsController {

		private final JdbcTemplate jdbc;

		SecretsController(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
			jdbc.execute("CREATE TABLE IF NOT EXISTS vault (id INT, owner VARCHAR(20), api_token VARCHAR(40), "
					+ "password VARCHAR(40))");
		}

		@GetMapping("/secrets/vault")
		String vault() {
			this.jdbc.update("INSERT INTO vault (id, owner, api_token, password) VALUES (?, ?, ?, ?)", 1, "owner",
					"BindTok3n", "BindPassw0rd");
			this.jdbc.execute("CREATE USER IF NOT EXISTS app PASSWORD 'QuotedPw1'");
			try {
				this.jdbc.execute("ALTER USER app IDENTIFIED BY SqlPlain9");
			}
			catch (DataAccessException ex) {
				// H2 does not know Oracle's syntax: the statement's span records it
			}
			return "ok";
		}

		@GetMapping("/secrets/fail")
		String fail() {
			this.jdbc.queryForList("SELECT * FROM vault WHERE password = 'LiteralPw5' ORDER BYY id");
			return "unreachable";
		}

		@ExceptionHandler(DataAccessException.class)
		ResponseEntity<String> conflict(DataAccessException ex, HttpServletRequest request) {
			// as Spring's documentation advises, the handled exception is recorded on the
			// request's observation, and so on the server span
			ServerHttpObservationFilter.findObservationContext(request).ifPresent((context) -> context.setError(ex));
			return ResponseEntity.status(HttpStatus.CONFLICT).body("conflict");
		}

	}

}
