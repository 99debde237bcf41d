package io.github.xrayspring.fleet;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.xrayspring.fleet.Fleet.encode;
import static io.github.xrayspring.fleet.Fleet.get;
import static io.github.xrayspring.fleet.Fleet.newSpanId;
import static io.github.xrayspring.fleet.Fleet.newTraceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same request to a service on the X-Ray SDK for Java and to one on the starter: the
 * fields X-Ray's filter expressions and service map use match; the others are printed
 * side by side for the migration guide ("What looks different in X-Ray after the
 * switch").
 *
 * @author xray-spring-boot-starter team
 */
class XRayDocumentComparisonTests {

	private static final Set<String> VOLATILE = Set.of("id", "trace_id", "parent_id", "start_time", "end_time");

	private final Fleet fleet = Fleet.shared();

	@Test
	void successfulRequestWithSqlAndHttpCall() {
		Shapes shapes = request("7", 200);
		List<JsonNode> sdkEntities = Documents.entities(shapes.sdkSegment());
		JsonNode sdkSql = Documents.find(sdkEntities, Documents::isSql, "SDK SQL subsegment");
		JsonNode starterSql = Documents.find(shapes.starter(), Documents::isSql, "starter SQL subsegment");
		JsonNode sdkCall = Documents.find(sdkEntities, Documents::isHttpCall, "SDK HTTP call");
		JsonNode starterCall = Documents.find(shapes.starter(), Documents::isHttpCall, "starter HTTP call");
		print("segment", shapes.sdkSegment(), shapes.starterSegment());
		print("SQL subsegment", sdkSql, starterSql);
		print("HTTP client subsegment", sdkCall, starterCall);
		assertThat(shapes.starterSegment().path("http").path("response").path("status").asInt())
			.isEqualTo(shapes.sdkSegment().path("http").path("response").path("status").asInt())
			.isEqualTo(200);
		assertThat(shapes.starterSegment().path("http").path("request").path("method").asString())
			.isEqualTo(shapes.sdkSegment().path("http").path("request").path("method").asString())
			.isEqualTo("GET");
		assertThat(shapes.starterSegment().path("user").asString())
			.isEqualTo(shapes.sdkSegment().path("user").asString())
			.isEqualTo("alice");
		// annotations keep their JSON types, so that filter expressions compare them
		// alike
		JsonNode sdkAnnotations = shapes.sdkSegment().path("annotations");
		JsonNode starterAnnotations = shapes.starterSegment().path("annotations");
		assertThat(starterAnnotations.path("order_id").isIntegralNumber())
			.isEqualTo(sdkAnnotations.path("order_id").isIntegralNumber())
			.isTrue();
		assertThat(starterAnnotations.path("order_id").asLong()).isEqualTo(sdkAnnotations.path("order_id").asLong());
		assertThat(starterAnnotations.path("vip").isBoolean()).isEqualTo(sdkAnnotations.path("vip").isBoolean())
			.isTrue();
		assertThat(starterAnnotations.path("customer").asString()).isEqualTo(sdkAnnotations.path("customer").asString())
			.isEqualTo("c-1");
		// the SQL node and the HTTP client edge
		assertThat(starterSql.path("namespace").asString()).isEqualTo(sdkSql.path("namespace").asString())
			.isEqualTo("remote");
		assertThat(starterSql.path("sql").path("database_type").asString())
			.isEqualToIgnoringCase(sdkSql.path("sql").path("database_type").asString());
		assertThat(starterCall.path("name").asString()).isEqualTo(sdkCall.path("name").asString())
			.isEqualTo("127.0.0.1");
		assertThat(starterCall.path("http").path("response").path("status").asInt())
			.isEqualTo(sdkCall.path("http").path("response").path("status").asInt())
			.isEqualTo(200);
		assertThat(starterCall.path("http").path("request").path("method").asString())
			.isEqualTo(sdkCall.path("http").path("request").path("method").asString());
	}

	@Test
	void clientErrorIsAnErrorInBoth() {
		Shapes shapes = request("404", 404);
		print("segment of a 404", shapes.sdkSegment(), shapes.starterSegment());
		assertThat(shapes.starterSegment().path("http").path("response").path("status").asInt())
			.isEqualTo(shapes.sdkSegment().path("http").path("response").path("status").asInt())
			.isEqualTo(404);
		assertFlags(shapes.sdkSegment(), shapes.starterSegment());
		assertThat(shapes.starterSegment().path("error").asBoolean()).isTrue();
		assertThat(shapes.starterSegment().path("fault").asBoolean()).isFalse();
	}

	@Test
	void serverErrorIsAFaultWithItsExceptionInBoth() {
		Shapes shapes = request("500", 500);
		print("segment of a 500", shapes.sdkSegment(), shapes.starterSegment());
		assertFlags(shapes.sdkSegment(), shapes.starterSegment());
		assertThat(shapes.starterSegment().path("fault").asBoolean()).isTrue();
		assertThat(shapes.starterSegment().path("error").asBoolean()).isFalse();
		assertThat(shapes.starterSegment().path("cause").path("exceptions").path(0).path("message").asString())
			.isEqualTo(shapes.sdkSegment().path("cause").path("exceptions").path(0).path("message").asString())
			.isEqualTo("order 500 is broken");
		// the SDK's filter records the status before the container turns the exception
		// into a 500
		assertThat(shapes.starterSegment().path("http").path("response").path("status").asInt()).isEqualTo(500);
		assertThat(shapes.sdkSegment().path("http").path("response").path("status").asInt()).isEqualTo(200);
	}

	private static void assertFlags(JsonNode sdk, JsonNode starter) {
		for (String flag : List.of("error", "fault", "throttle")) {
			assertThat(starter.path(flag).asBoolean()).as(flag).isEqualTo(sdk.path(flag).asBoolean());
		}
	}

	private Shapes request(String orderId, int status) {
		SdkService sdk = this.fleet.sdk();
		StarterService starter = this.fleet.starter();
		String sdkTrace = newTraceId();
		String starterTrace = newTraceId();
		String parent = newSpanId();
		assertThat(get(sdk.url("/sdk/orders/" + orderId + "?downstream=" + encode(starter.url("/starter/echo"))),
				"Root=" + sdkTrace + ";Parent=" + parent + ";Sampled=1")
			.statusCode()).isEqualTo(status);
		assertThat(get(starter.url("/starter/orders/" + orderId + "?downstream=" + encode(sdk.url("/sdk/echo"))),
				"Root=" + starterTrace + ";Parent=" + parent + ";Sampled=1")
			.statusCode()).isEqualTo(status);
		JsonNode sdkSegment = Documents.parse(sdk.emitter().awaitSegment(sdkTrace));
		List<JsonNode> starterDocuments = Documents.awaitStarter(starter.preview(), starterTrace);
		JsonNode starterSegment = Documents.find(starterDocuments, (document) -> !Documents.isSubsegment(document),
				"starter segment");
		return new Shapes(sdkSegment, starterSegment, starterDocuments);
	}

	// prints the fields side by side, for the migration guide's table
	private static void print(String title, JsonNode sdk, JsonNode starter) {
		Map<String, String> sdkFields = Documents.fields(sdk);
		Map<String, String> starterFields = Documents.fields(starter);
		Set<String> paths = new TreeSet<>(sdkFields.keySet());
		paths.addAll(starterFields.keySet());
		StringBuilder table = new StringBuilder("\n== " + title + " ==\n| field | SDK | starter |\n|---|---|---|\n");
		for (String path : paths) {
			String sdkValue = shown(path, sdkFields.get(path));
			String starterValue = shown(path, starterFields.get(path));
			table.append("| ")
				.append(path)
				.append(" | ")
				.append(sdkValue)
				.append(" | ")
				.append(starterValue)
				.append(Objects.equals(sdkValue, starterValue) ? " |" : " | *")
				.append('\n');
		}
		System.out.println(table);
	}

	private static String shown(String path, String value) {
		if (value == null) {
			return "-";
		}
		return VOLATILE.contains(path) ? "(varies)" : value;
	}

	private record Shapes(JsonNode sdkSegment, JsonNode starterSegment, List<JsonNode> starter) {
	}

}
