package io.github.xrayspring.ops.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TraceFilter} and {@link TraceFacts}.
 *
 * @author xray-spring-boot-starter team
 */
class TraceFilterTests {

	private static final String TRACE_ID = "1-6553f100-000000000000000000000001";

	// a GET answered 500 after 1.5 s, with an SQL subsegment carrying an annotation
	private final TraceFacts failedOrder = TraceFacts.of(TRACE_ID, List.of(
			"{\"trace_id\":\"" + TRACE_ID + "\",\"id\":\"0000000000000002\",\"parent_id\":\"0000000000000001\","
					+ "\"type\":\"subsegment\",\"name\":\"shop@db\",\"start_time\":100.2,\"end_time\":100.4,"
					+ "\"annotations\":{\"order_id\":42,\"sql_slow\":true}}",
			"{\"trace_id\":\"" + TRACE_ID + "\",\"id\":\"0000000000000001\",\"name\":\"shop\",\"start_time\":100.0,"
					+ "\"end_time\":101.5,\"fault\":true,\"error\":false,\"throttle\":false,"
					+ "\"http\":{\"request\":{\"method\":\"GET\",\"url\":\"http://localhost/orders/42\"},"
					+ "\"response\":{\"status\":500}},\"annotations\":{\"customer_tier\":\"gold\"}}"));

	private final TraceFacts okCustomer = TraceFacts.of("1-6553f100-000000000000000000000002",
			List.of("{\"id\":\"0000000000000003\",\"name\":\"shop\",\"start_time\":200.0,\"end_time\":200.01,"
					+ "\"fault\":false,\"error\":false,\"http\":{\"request\":{\"method\":\"GET\","
					+ "\"url\":\"http://localhost/customers/7\"},\"response\":{\"status\":200}},"
					+ "\"annotations\":{\"customer_tier\":\"silver\",\"order_id\":\"42\"}}"));

	@Test
	void summarizesTheRootSegment() {
		TraceFacts.Summary summary = this.failedOrder.summary();
		assertThat(summary.traceId()).isEqualTo(TRACE_ID);
		assertThat(summary.name()).isEqualTo("shop");
		assertThat(summary.method()).isEqualTo("GET");
		assertThat(summary.url()).isEqualTo("http://localhost/orders/42");
		assertThat(summary.status()).isEqualTo(500);
		assertThat(summary.responseTime()).isEqualTo(1.5);
		assertThat(summary.duration()).isEqualTo(1.5);
		assertThat(summary.spans()).isEqualTo(2);
		assertThat(summary.fault()).isTrue();
		assertThat(summary.error()).isFalse();
	}

	@Test
	void unreadableDocumentsAreSkipped() {
		TraceFacts facts = TraceFacts.of(TRACE_ID, List.of("not json", "[1]"));
		assertThat(facts.summary().name()).isNull();
		assertThat(facts.summary().spans()).isEqualTo(2);
		assertThat(TraceFilter.parse("fault").test(facts)).isFalse();
		assertThat(TraceFilter.parse("ok").test(facts)).isTrue();
	}

	@Test
	void annotationsOfAnySegmentOrSubsegmentMatch() {
		assertMatches("annotation.order_id = 42", true, true);
		assertMatches("annotation.order_id = \"42\"", true, true);
		assertMatches("annotation.customer_tier = \"gold\"", true, false);
		assertMatches("annotation.customer_tier != \"gold\"", false, true);
		assertMatches("annotation.sql_slow = true", true, false);
		assertMatches("annotation.missing = 1", false, false);
		assertMatches("annotation.order_id > 41", true, true);
		assertMatches("annotation.order_id < 42", false, false);
	}

	@Test
	void httpAndTimeFields() {
		assertMatches("http.status = 500", true, false);
		assertMatches("http.status >= 400", true, false);
		assertMatches("http.status < 300", false, true);
		assertMatches("http.status <= 200", false, true);
		assertMatches("responsetime > 1", true, false);
		assertMatches("duration < 0.1", false, true);
		assertMatches("http.url CONTAINS \"customers\"", false, true);
		assertMatches("http.method = \"GET\"", true, true);
	}

	@Test
	void flagsAloneAndCompared() {
		assertMatches("fault", true, false);
		assertMatches("ok", false, true);
		assertMatches("error", false, false);
		assertMatches("fault = false", false, true);
		assertMatches("!fault", false, true);
		assertMatches("NOT ok", true, false);
	}

	@Test
	void andBindsTighterThanOrAndParenthesesGroup() {
		assertMatches("fault OR ok AND http.status = 404", true, false);
		assertMatches("(fault OR ok) AND http.status = 200", false, true);
		assertMatches("annotation.order_id = 42 and (http.status >= 500 or responsetime > 2)", true, false);
	}

	@Test
	void invalidExpressionsNameThePosition() {
		assertThatIllegalArgumentException().isThrownBy(() -> TraceFilter.parse("http.status ="))
			.withMessageContaining("position 14")
			.withMessageContaining("expected a value");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceFilter.parse("colour = 1"))
			.withMessageContaining("unknown field 'colour'");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceFilter.parse("(fault"))
			.withMessageContaining("missing ')'");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceFilter.parse("fault > 1"))
			.withMessageContaining("only with = or !=");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceFilter.parse("http.status 500"))
			.withMessageContaining("expected an operator");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceFilter.parse("fault ok"))
			.withMessageContaining("unexpected 'ok'");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceFilter.parse("annotation.a = \"open"))
			.withMessageContaining("missing closing");
	}

	private void assertMatches(String expression, boolean failedOrder, boolean okCustomer) {
		TraceFilter filter = TraceFilter.parse(expression);
		assertThat(filter.test(this.failedOrder)).as("%s on the failed order", expression).isEqualTo(failedOrder);
		assertThat(filter.test(this.okCustomer)).as("%s on the customer", expression).isEqualTo(okCustomer);
	}

}
