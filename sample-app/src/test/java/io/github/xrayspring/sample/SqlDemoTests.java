package io.github.xrayspring.sample;

import java.net.http.HttpResponse;
import java.util.List;

import io.github.xrayspring.testsupport.OtlpReceiver;
import io.github.xrayspring.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the SQL demo endpoints: statements arrive as client spans under the
 * request's server span.
 *
 * @author xray-spring-boot-starter team
 */
@TestPropertySource(properties = { "xray.jdbc.slow-query-threshold=200ms",
		"spring.datasource.url=jdbc:h2:mem:sqldemo;DB_CLOSE_DELAY=-1" })
class SqlDemoTests extends EndToEndTests {

	@Test
	void statementsAreClientSpansOfTheRequest() throws Exception {
		assertThat(get("/customers/1").statusCode()).isEqualTo(200);
		ReceivedSpan server = receiver.awaitOne((span) -> span.hasAttribute("url.path", "/customers/1"));
		ReceivedSpan sql = receiver
			.awaitOne((span) -> span.traceId().equals(server.traceId()) && span.hasAttribute("db.system", "h2"));
		assertThat(sql.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
		assertThat(sql.span().getName()).isEqualTo("SELECT sqldemo");
		assertThat(sql.attribute("db.statement").getStringValue())
			.isEqualTo("SELECT id, name, email, tier FROM customer WHERE id = ?");
		assertThat(sql.attribute("db.system.name").getStringValue()).isEqualTo("h2database");
		assertThat(sql.attribute("peer.service").getStringValue()).isEqualTo("sqldemo@localhost");
	}

	@Test
	void slowStatementIsAnnotated() throws Exception {
		assertThat(get("/sql/slow?millis=300").statusCode()).isEqualTo(200);
		ReceivedSpan sql = receiver.awaitOne((span) -> span.hasAttribute("db.statement", "CALL DEMO_SLEEP(?)"));
		assertThat(sql.attribute("sql_slow").getBoolValue()).isTrue();
		assertThat(sql.attribute("aws.xray.annotations").getArrayValue().getValuesList())
			.anySatisfy((value) -> assertThat(value.getStringValue()).isEqualTo("sql_slow"));
	}

	@Test
	void nPlusOneLoopFlagsTheRequest() throws Exception {
		assertThat(get("/sql/orders/n-plus-one").statusCode()).isEqualTo(200);
		ReceivedSpan server = receiver.awaitOne((span) -> span.hasAttribute("url.path", "/sql/orders/n-plus-one"));
		assertThat(server.attribute("sql_n_plus_one").getBoolValue()).isTrue();
		assertThat(server.attribute("sql_n_plus_one_statement").getStringValue())
			.isEqualTo("SELECT name FROM customer WHERE id = ?");
	}

	@Test
	void joinedQueryIsOneStatementAndNotFlagged() throws Exception {
		HttpResponse<String> response = get("/sql/orders/joined");
		assertThat(response.body()).contains("\"customer\":\"Ada Lovelace\"");
		ReceivedSpan server = receiver.awaitOne((span) -> span.hasAttribute("url.path", "/sql/orders/joined"));
		List<ReceivedSpan> sql = receiver
			.await((span) -> span.traceId().equals(server.traceId()) && span.hasAttribute("db.system", "h2"), 1);
		assertThat(sql).hasSize(1);
		assertThat(server.attribute("sql_n_plus_one").hasBoolValue()).isFalse();
	}

}
