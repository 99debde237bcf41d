package io.github.xrayspring.fleet;

import java.net.http.HttpResponse;
import java.util.List;

import io.github.xrayspring.export.internal.LoggingSpanExporter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.xrayspring.fleet.Fleet.encode;
import static io.github.xrayspring.fleet.Fleet.get;
import static io.github.xrayspring.fleet.Fleet.newSpanId;
import static io.github.xrayspring.fleet.Fleet.newTraceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trace crosses a mixed fleet both ways: from a service on the X-Ray SDK for Java to a
 * service on the starter and back, with the SDK's and the starter's documents linked by
 * trace ID and parent ID, and the sampling decision honoured.
 *
 * @author xray-spring-boot-starter team
 */
class MixedFleetTests {

	private final Fleet fleet = Fleet.shared();

	private final SdkService sdk = this.fleet.sdk();

	private final StarterService starter = this.fleet.starter();

	private final LoggingSpanExporter preview = this.starter.preview();

	@Test
	void traceStartedBySdkContinuesInStarter() {
		HttpResponse<String> response = get(sdkOrderCallingStarter(), null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = Documents.parse(response.body());
		// the starter's echo: the trace ID it continued
		String traceId = body.path("downstream").path("traceId").asString();
		JsonNode sdkSegment = Documents.parse(this.sdk.emitter().awaitSegment(traceId));
		JsonNode sdkCall = Documents.find(Documents.entities(sdkSegment), Documents::isHttpCall, "SDK HTTP call");
		JsonNode starterSegment = starterSegment(traceId);
		assertThat(starterSegment.path("trace_id").asString()).isEqualTo(traceId);
		assertThat(starterSegment.path("parent_id").asString()).isEqualTo(sdkCall.path("id").asString());
		assertThat(starterSegment.path("name").asString()).isEqualTo(StarterService.NAME);
		assertThat(body.path("downstream").path("received").asString())
			.isEqualTo("Root=" + traceId + ";Parent=" + sdkCall.path("id").asString() + ";Sampled=1");
	}

	@Test
	void traceStartedByStarterContinuesInSdk() {
		HttpResponse<String> response = get(starterOrderCallingSdk(), null);
		assertThat(response.statusCode()).isEqualTo(200);
		String received = Documents.parse(Documents.parse(response.body()).path("downstream").asString())
			.path("received")
			.asString();
		String traceId = received.substring("Root=".length(), received.indexOf(';'));
		JsonNode sdkSegment = Documents.parse(this.sdk.emitter().awaitSegment(traceId));
		JsonNode starterCall = starterHttpCall(traceId);
		assertThat(sdkSegment.path("trace_id").asString()).isEqualTo(traceId);
		assertThat(sdkSegment.path("parent_id").asString()).isEqualTo(starterCall.path("id").asString());
		assertThat(sdkSegment.path("name").asString()).isEqualTo(SdkService.NAME);
		assertThat(received)
			.isEqualTo("Root=" + traceId + ";Parent=" + starterCall.path("id").asString() + ";Sampled=1");
	}

	@Test
	void callerParentIsKeptByBothServices() {
		String traceId = newTraceId();
		String parent = newSpanId();
		HttpResponse<String> response = get(starterOrderCallingSdk(),
				"Root=" + traceId + ";Parent=" + parent + ";Sampled=1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(starterSegment(traceId).path("parent_id").asString()).isEqualTo(parent);
		JsonNode sdkSegment = Documents.parse(this.sdk.emitter().awaitSegment(traceId));
		assertThat(sdkSegment.path("parent_id").asString()).isEqualTo(starterHttpCall(traceId).path("id").asString());

		String sdkTraceId = newTraceId();
		String sdkParent = newSpanId();
		assertThat(get(sdkOrderCallingStarter(), "Root=" + sdkTraceId + ";Parent=" + sdkParent + ";Sampled=1")
			.statusCode()).isEqualTo(200);
		JsonNode segment = Documents.parse(this.sdk.emitter().awaitSegment(sdkTraceId));
		assertThat(segment.path("parent_id").asString()).isEqualTo(sdkParent);
		JsonNode sdkCall = Documents.find(Documents.entities(segment), Documents::isHttpCall, "SDK HTTP call");
		assertThat(starterSegment(sdkTraceId).path("parent_id").asString()).isEqualTo(sdkCall.path("id").asString());
	}

	@Test
	void notSampledSdkCallerSendsOnlyItsRootSoStarterDecidesItself() {
		String traceId = newTraceId();
		HttpResponse<String> response = get(sdkOrderCallingStarter(),
				"Root=" + traceId + ";Parent=" + newSpanId() + ";Sampled=0");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode echo = Documents.parse(response.body()).path("downstream");
		// SDK 2.21.0's traced client sends Root= alone for a request it does not sample
		assertThat(echo.path("received").asString()).isEqualTo("Root=" + traceId);
		assertThat(echo.path("traceId").asString()).isEqualTo(traceId);
		awaitLaterTraceExported();
		assertThat(this.sdk.emitter().documents(traceId)).isEmpty();
		// so the starter samples by its own rules (here: everything), as an SDK service
		// would
		assertThat(starterSegment(traceId).has("parent_id")).isFalse();
	}

	@Test
	void notSampledByStarterCallerIsNotRecordedBySdk() {
		String traceId = newTraceId();
		HttpResponse<String> response = get(starterOrderCallingSdk(),
				"Root=" + traceId + ";Parent=" + newSpanId() + ";Sampled=0");
		assertThat(response.statusCode()).isEqualTo(200);
		String received = Documents.parse(Documents.parse(response.body()).path("downstream").asString())
			.path("received")
			.asString();
		assertThat(received).startsWith("Root=" + traceId + ";").endsWith(";Sampled=0");
		awaitLaterTraceExported();
		assertThat(this.preview.documents(traceId)).isEmpty();
		assertThat(this.sdk.emitter().documents(traceId)).isEmpty();
	}

	@Test
	void loadBalancerRootOnlyHeaderKeepsTraceIdInStarterAndSdk() {
		// an ALB adds Self= and Root=, without Parent or Sampled
		String traceId = newTraceId();
		HttpResponse<String> response = get(starterOrderCallingSdk(), "Self=" + newTraceId() + ";Root=" + traceId);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode starterSegment = starterSegment(traceId);
		assertThat(starterSegment.has("parent_id")).isFalse();
		JsonNode sdkSegment = Documents.parse(this.sdk.emitter().awaitSegment(traceId));
		assertThat(sdkSegment.path("parent_id").asString()).isEqualTo(starterHttpCall(traceId).path("id").asString());
	}

	@Test
	void loadBalancerRootOnlyHeaderKeepsTraceIdInSdkAndStarter() {
		String traceId = newTraceId();
		HttpResponse<String> response = get(sdkOrderCallingStarter(), "Root=" + traceId);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode sdkSegment = Documents.parse(this.sdk.emitter().awaitSegment(traceId));
		assertThat(sdkSegment.has("parent_id")).isFalse();
		JsonNode sdkCall = Documents.find(Documents.entities(sdkSegment), Documents::isHttpCall, "SDK HTTP call");
		assertThat(starterSegment(traceId).path("parent_id").asString()).isEqualTo(sdkCall.path("id").asString());
	}

	private String sdkOrderCallingStarter() {
		return this.sdk.url("/sdk/orders/7?downstream=" + encode(this.starter.url("/starter/echo")));
	}

	private String starterOrderCallingSdk() {
		return this.starter.url("/starter/orders/7?downstream=" + encode(this.sdk.url("/sdk/echo")));
	}

	private JsonNode starterSegment(String traceId) {
		return Documents.find(Documents.awaitStarter(this.preview, traceId),
				(document) -> !Documents.isSubsegment(document), "starter segment");
	}

	private JsonNode starterHttpCall(String traceId) {
		return Documents.find(Documents.awaitStarter(this.preview, traceId), Documents::isHttpCall,
				"starter HTTP call");
	}

	// spans are exported in the order they end: once a later trace is in, an earlier one
	// would be too
	private void awaitLaterTraceExported() {
		String later = newTraceId();
		assertThat(get(this.starter.url("/starter/echo"), "Root=" + later + ";Parent=" + newSpanId() + ";Sampled=1")
			.statusCode()).isEqualTo(200);
		Documents.awaitStarter(this.preview, later);
		assertThat(
				get(this.sdk.url("/sdk/echo"), "Root=" + later + ";Parent=" + newSpanId() + ";Sampled=1").statusCode())
			.isEqualTo(200);
		this.sdk.emitter().awaitSegment(later);
	}

}
