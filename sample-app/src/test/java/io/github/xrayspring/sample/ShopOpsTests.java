package io.github.xrayspring.sample;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end test of the {@code xray} actuator endpoint and meters with the sample's own
 * configuration: real requests, the real sampler, preview and H2.
 *
 * @author xray-spring-boot-starter team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=100ms" })
@AutoConfigureTracing
class ShopOpsTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private LoggingSpanExporter preview;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void endpointShowsCountersCostAndTheKeptTraces() throws Exception {
		assertThat(get("/orders/1").statusCode()).isEqualTo(200);
		assertThat(get("/sql/orders/n-plus-one").statusCode()).isEqualTo(200);
		String orderTrace = awaitTrace("http.url CONTAINS \"/orders/1\" AND annotation.order_id = 1");
		String nPlusOneTrace = awaitTrace("http.url CONTAINS \"n-plus-one\"");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.preview.documents(nPlusOneTrace).size() >= 8);

		JsonNode report = this.json.readTree(get("/actuator/xray").body());
		assertThat(report.get("sampling").get("rules").findValuesAsString("name")).contains("customer-list", "default");
		assertThat(report.get("sampling").get("ceiling").get("maxTracesPerSecond").asInt()).isEqualTo(50);
		assertThat(report.get("exporter").get("type").asString()).isEqualTo("logging");
		assertThat(report.get("exporter").get("exported").asLong()).isGreaterThanOrEqualTo(10);
		assertThat(report.get("exporter").get("dropped").asLong()).isZero();
		assertThat(report.get("jdbc").get("statements").asLong()).isGreaterThanOrEqualTo(8);
		assertThat(report.get("jdbc").get("nPlusOne").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(report.get("annotations").get("promoted").asLong()).isPositive();
		assertThat(report.get("cost").get("pricePerMillionTraces").asDouble()).isEqualTo(5.0);
		assertThat(report.get("cost").get("freeTracesPerMonth").asLong()).isEqualTo(100_000);
		// a rate needs a second of history: the context may have started just now
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.json.readTree(get("/actuator/xray/cost").body())
				.get("tracesPerSecond")
				.get("oneMinute")
				.asDouble()).isPositive());
		assertThat(report.get("preview").get("traces").asInt()).isGreaterThanOrEqualTo(2);
		// values are masked as Boot's configprops masks them by default
		assertThat(report.get("configuration").get("exporter").get("type").asString()).isEqualTo("******");

		JsonNode traces = this.json.readTree(get(
				"/actuator/xray/traces?filter=" + URLEncoder.encode("annotation.order_id = 1", StandardCharsets.UTF_8))
			.body());
		assertThat(traces.get("traces").findValuesAsString("traceId")).contains(orderTrace)
			.doesNotContain(nPlusOneTrace);
		JsonNode order = traces.get("traces").get(0);
		assertThat(order.get("name").asString()).isEqualTo("shop");
		assertThat(order.get("method").asString()).isEqualTo("GET");
		assertThat(order.get("status").asInt()).isEqualTo(200);
		assertThat(order.get("spans").asInt()).isGreaterThanOrEqualTo(2);

		HttpResponse<String> documents = get("/actuator/xray/traces/" + nPlusOneTrace);
		assertThat(documents.statusCode()).isEqualTo(200);
		assertThat(documents.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		List<String> printed = this.preview.documents(nPlusOneTrace);
		assertThat(documents.body()).isEqualTo("[" + String.join(",\n", printed) + "]");
		assertThat(this.json.readTree(documents.body()).size()).isEqualTo(printed.size());

		assertThat(get("/actuator/xray/traces/1-00000000-000000000000000000000000").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/xray/traces?filter=" + URLEncoder.encode("http.status >", StandardCharsets.UTF_8))
			.statusCode()).isEqualTo(400);
		assertThat(get("/actuator/xray/cost").statusCode()).isEqualTo(200);

		assertThat(this.meterRegistry.get("xray.spans.exported").tag("outcome", "success").functionCounter().count())
			.isGreaterThanOrEqualTo(10);
		assertThat(this.meterRegistry.get("xray.jdbc.statements").tag("kind", "all").functionCounter().count())
			.isGreaterThanOrEqualTo(8);
		assertThat(this.meterRegistry.get("xray.spans.dropped").functionCounter().count()).isZero();
		assertThat(this.meterRegistry.get("xray.cost.projected.monthly").gauge().value()).isGreaterThanOrEqualTo(0);
	}

	private String awaitTrace(String filter) {
		String query = "/actuator/xray/traces?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
		return await().atMost(Duration.ofSeconds(20)).until(() -> {
			List<String> ids = this.json.readTree(get(query).body()).get("traces").findValuesAsString("traceId");
			return ids.isEmpty() ? null : ids.get(0);
		}, (id) -> id != null);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
