package io.github.xrayspring.sample;

import java.net.http.HttpResponse;
import java.time.Instant;

import io.github.xrayspring.testsupport.OtlpReceiver;
import io.github.xrayspring.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests: requests to the shop, spans decoded by an OTLP/HTTP receiver.
 *
 * @author xray-spring-boot-starter team
 */
class ShopTracingTests extends EndToEndTests {

	@Test
	void serverSpanArrivesWithXRayTraceIdAndHttpKeys() throws Exception {
		long now = Instant.now().getEpochSecond();
		assertThat(get("/orders/1", "User-Agent", "shop-tests/1.0").statusCode()).isEqualTo(200);
		ReceivedSpan server = receiver.awaitOne((span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER
				&& span.hasAttribute("url.path", "/orders/1"));
		assertThat(receiver.transports()).contains("http");
		assertThat(Long.parseLong(server.traceId().substring(0, 8), 16)).isBetween(now - 10, now + 60);
		assertThat(server.attribute("http.request.method").getStringValue()).isEqualTo("GET");
		assertThat(server.attribute("http.route").getStringValue()).isEqualTo("/orders/{id}");
		assertThat(server.attribute("url.scheme").getStringValue()).isEqualTo("http");
		assertThat(server.attribute("client.address").getStringValue()).isEqualTo("127.0.0.1");
		assertThat(server.attribute("user_agent.original").getStringValue()).isEqualTo("shop-tests/1.0");
		assertThat(server.attribute("http.response.status_code").hasIntValue()).isTrue();
		assertThat(server.attribute("http.response.status_code").getIntValue()).isEqualTo(200);
		assertThat(server.resourceAttribute("service.name").getStringValue()).isEqualTo("shop");
	}

	@Test
	void notFoundIsRecordedAsIntegerStatus() throws Exception {
		assertThat(get("/orders/999").statusCode()).isEqualTo(404);
		ReceivedSpan server = receiver.awaitOne((span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER
				&& span.hasAttribute("url.path", "/orders/999"));
		assertThat(server.attribute("http.response.status_code").getIntValue()).isEqualTo(404);
	}

	@Test
	void fullXRayHeaderIsContinued() throws Exception {
		get("/orders/2", "X-Amzn-Trace-Id",
				"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
		ReceivedSpan server = receiver.awaitOne((span) -> span.hasAttribute("url.path", "/orders/2"));
		assertThat(server.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
		assertThat(server.parentSpanId()).isEqualTo("53995c3f42cd8ad8");
	}

	@Test
	void rootOnlyXRayHeaderKeepsItsTraceId() throws Exception {
		get("/orders/3", "X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272794");
		ReceivedSpan server = receiver.awaitOne((span) -> span.hasAttribute("url.path", "/orders/3"));
		assertThat(server.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272794");
		assertThat(server.parentSpanId()).isEmpty();
	}

	@Test
	void outgoingRequestCarriesBothHeadersOfTheSameTrace() throws Exception {
		HttpResponse<String> response = get("/orders/1/shipping");
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan server = receiver.awaitOne((span) -> span.hasAttribute("url.path", "/orders/1/shipping"));
		ReceivedSpan client = receiver.awaitOne((span) -> span.span().getKind() == SpanKind.SPAN_KIND_CLIENT
				&& span.traceId().equals(server.traceId()) && span.hasAttribute("http.request.method", "GET"));
		ReceivedSpan downstream = receiver.awaitOne((span) -> span.hasAttribute("url.path", "/shipping/quotes"));
		String traceId = server.traceId();
		assertThat(response.body())
			.contains("\"traceHeader\":\"Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8) + ";Parent="
					+ client.spanId() + ";Sampled=1\"")
			.contains("\"traceparent\":\"00-" + traceId + "-" + client.spanId() + "-01\"");
		assertThat(downstream.traceId()).isEqualTo(traceId);
		assertThat(downstream.parentSpanId()).isEqualTo(client.spanId());
		assertThat(client.attribute("http.response.status_code").getIntValue()).isEqualTo(200);
		assertThat(client.attribute("peer.service").getStringValue()).isEqualTo("localhost");
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "Root=", "Root=1-zz-yy;Parent=1;Sampled=9", ";;;==;",
			"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=maybe" })
	void malformedXRayHeaderStartsNewTrace(String header) throws Exception {
		assertThat(get("/orders/4", "X-Amzn-Trace-Id", header).statusCode()).isEqualTo(200);
		ReceivedSpan server = receiver.awaitOne((span) -> span.hasAttribute("url.path", "/orders/4"));
		assertThat(server.traceId()).hasSize(32).isNotEqualTo("5759e988bd862e3fe1be46a994272793");
		assertThat(server.parentSpanId()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "00-xyz-abc-01", "ff-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01",
			"00-00000000000000000000000000000000-53995c3f42cd8ad8-01" })
	void malformedTraceparentStartsNewTrace(String header) throws Exception {
		assertThat(get("/customers/2", "traceparent", header).statusCode()).isEqualTo(200);
		ReceivedSpan server = receiver.awaitOne((span) -> span.hasAttribute("url.path", "/customers/2"));
		assertThat(server.parentSpanId()).isEmpty();
	}

	@Test
	void xrayTraceIdIsAvailableToTheApplication() throws Exception {
		HttpResponse<String> response = get("/trace", "X-Amzn-Trace-Id",
				"Root=1-5759e988-bd862e3fe1be46a994272795;Parent=53995c3f42cd8ad8;Sampled=1");
		assertThat(response.body()).isEqualTo("{\"traceId\":\"1-5759e988-bd862e3fe1be46a994272795\"}");
	}

}
