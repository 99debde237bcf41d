package io.github.xrayspring.export.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SegmentDocumentTranslator}, one rule of the collector's translation
 * each.
 *
 * @author xray-spring-boot-starter team
 */
class SegmentDocumentTranslatorTests {

	private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";

	private static final String SPAN_ID = "53995c3f42cd8ad8";

	private static final String PARENT_ID = "1a2b3c4d5e6f7a8b";

	private static final String ID_PATTERN = "[0-9a-f]{16}";

	private static final AttributeKey<List<String>> ANNOTATIONS = AttributeKey.stringArrayKey("aws.xray.annotations");

	private static final long START = 1_700_000_000_123_456_789L;

	private static final Resource RESOURCE = Resource.create(Attributes.builder()
		.put("service.name", "orders")
		.put("telemetry.sdk.name", "opentelemetry")
		.put("telemetry.sdk.language", "java")
		.put("telemetry.sdk.version", "1.62.0")
		.build());

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final SegmentDocumentTranslator translator = new SegmentDocumentTranslator();

	@Test
	void traceIdIsInXRayFormAndTimesAreEpochSeconds() {
		String json = this.translator.translate(span(SpanKind.SERVER).build());
		JsonNode document = mapper.readTree(json);
		assertThat(document.path("trace_id").asString()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
		assertThat(document.path("id").asString()).isEqualTo(SPAN_ID);
		assertThat(json).contains("\"start_time\":1700000000.123456", "\"end_time\":1700000000.373456");
		assertThat(document.path("end_time").asDouble()).isCloseTo(1700000000.373456, within(1e-6));
	}

	@Test
	void serverSpanWithoutParentIsSegment() {
		JsonNode document = translate(span(SpanKind.SERVER));
		assertThat(document.has("type")).isFalse();
		assertThat(document.has("parent_id")).isFalse();
	}

	@Test
	void serverSpanWithRemoteParentIsSegmentThatKeepsParentId() {
		JsonNode document = translate(span(SpanKind.SERVER).setParentSpanContext(parent()));
		assertThat(document.has("type")).isFalse();
		assertThat(document.path("parent_id").asString()).isEqualTo(PARENT_ID);
	}

	@Test
	void nonServerSpanWithParentIsSubsegment() {
		JsonNode document = translate(span(SpanKind.INTERNAL).setParentSpanContext(parent()));
		assertThat(document.path("type").asString()).isEqualTo("subsegment");
		assertThat(document.path("parent_id").asString()).isEqualTo(PARENT_ID);
	}

	@Test
	void nonServerSpanWithoutParentIsSegment() {
		JsonNode document = translate(span(SpanKind.CONSUMER));
		assertThat(document.has("type")).isFalse();
		assertThat(document.has("parent_id")).isFalse();
	}

	@Test
	void serverSpanIsNamedByAwsLocalService() {
		JsonNode document = translate(span(SpanKind.SERVER)
			.setAttributes(Attributes.builder().put("aws.local.service", "checkout").put("peer.service", "p").build()));
		assertThat(document.path("name").asString()).isEqualTo("checkout");
	}

	@Test
	void localRootInternalSpanIsNamedByAwsLocalService() {
		JsonNode document = translate(span(SpanKind.INTERNAL).setAttributes(
				Attributes.builder().put("aws.local.service", "checkout").put("aws.span.kind", "LOCAL_ROOT").build()));
		assertThat(document.path("name").asString()).isEqualTo("checkout");
		JsonNode plainInternal = translate(span(SpanKind.INTERNAL)
			.setAttributes(Attributes.builder().put("aws.local.service", "checkout").build()));
		assertThat(plainInternal.path("name").asString()).isEqualTo("GET /orders/id");
	}

	@Test
	void clientSpanIsNamedByAwsRemoteService() {
		JsonNode document = translate(span(SpanKind.CLIENT).setAttributes(
				Attributes.builder().put("aws.remote.service", "payments").put("peer.service", "p").build()));
		assertThat(document.path("name").asString()).isEqualTo("payments");
		assertThat(document.path("namespace").asString()).isEqualTo("remote");
	}

	@Test
	void awsSdkSpanRemoteServiceLosesAwsSdkPrefix() {
		JsonNode document = translate(span(SpanKind.CLIENT).setAttributes(Attributes.builder()
			.put("aws.remote.service", "AWS.SDK.DynamoDB")
			.put("rpc.system", "aws-api")
			.build()));
		assertThat(document.path("name").asString()).isEqualTo("DynamoDB");
		assertThat(document.path("namespace").asString()).isEqualTo("aws");
		JsonNode notAws = translate(span(SpanKind.CLIENT)
			.setAttributes(Attributes.builder().put("aws.remote.service", "AWS.SDK.X").build()));
		assertThat(notAws.path("name").asString()).isEqualTo("AWS.SDK.X");
	}

	@Test
	void peerServiceOverridesServiceNameOnServerSpan() {
		JsonNode document = translate(
				span(SpanKind.SERVER).setAttributes(Attributes.builder().put("peer.service", "gateway").build()));
		assertThat(document.path("name").asString()).isEqualTo("gateway");
	}

	@Test
	void awsServiceNamesSpanAndSetsAwsNamespace() {
		JsonNode document = translate(span(SpanKind.INTERNAL).setParentSpanContext(parent())
			.setAttributes(Attributes.builder().put("aws.service", "S3").put("rpc.service", "r").build()));
		assertThat(document.path("name").asString()).isEqualTo("S3");
		assertThat(document.path("namespace").asString()).isEqualTo("aws");
	}

	@Test
	void databaseSpanIsNamedDatabaseAtHost() {
		JsonNode document = translate(span(SpanKind.CLIENT).setAttributes(Attributes.builder()
			.put("db.name", "shop")
			.put("db.connection_string", "jdbc:postgresql://db.example.com:5432")
			.put("db.system", "postgresql")
			.build()));
		assertThat(document.path("name").asString()).isEqualTo("shop@db.example.com");
		JsonNode withoutHost = translate(span(SpanKind.CLIENT).setAttributes(
				Attributes.builder().put("db.name", "test").put("db.connection_string", "jdbc:h2:mem:test").build()));
		assertThat(withoutHost.path("name").asString()).isEqualTo("test");
	}

	@Test
	void serverSpanFallsBackToResourceServiceName() {
		JsonNode server = translate(
				span(SpanKind.SERVER).setAttributes(Attributes.builder().put("rpc.service", "Orders").build()));
		assertThat(server.path("name").asString()).isEqualTo("orders");
		JsonNode client = translate(
				span(SpanKind.CLIENT).setAttributes(Attributes.builder().put("rpc.service", "Orders").build()));
		assertThat(client.path("name").asString()).isEqualTo("Orders");
	}

	@Test
	void httpHostThenNetPeerNameNameTheSpan() {
		JsonNode byHost = translate(span(SpanKind.CLIENT)
			.setAttributes(Attributes.builder().put("http.host", "api.example.com").put("net.peer.name", "p").build()));
		assertThat(byHost.path("name").asString()).isEqualTo("api.example.com");
		JsonNode byPeer = translate(
				span(SpanKind.CLIENT).setAttributes(Attributes.builder().put("net.peer.name", "peer.local").build()));
		assertThat(byPeer.path("name").asString()).isEqualTo("peer.local");
	}

	@Test
	void stableHttpClientSpanFallsBackToSanitizedSpanName() {
		JsonNode document = translate(span(SpanKind.CLIENT).setName("GET {orders}* \"x\" ü\t1")
			.setAttributes(Attributes.builder().put("server.address", "api.example.com").build()));
		assertThat(document.path("name").asString()).isEqualTo("GET orders x ü1");
	}

	@Test
	void spanNameIsCutTo200BytesAndNeverEmpty() {
		String longName = "é".repeat(150);
		JsonNode document = translate(span(SpanKind.INTERNAL).setName(longName));
		assertThat(document.path("name").asString()).isEqualTo("é".repeat(100));
		JsonNode empty = translate(span(SpanKind.INTERNAL).setName("{}*"));
		assertThat(empty.path("name").asString()).isEqualTo("span");
	}

	@Test
	void namespaceFollowsKind() {
		assertThat(translate(span(SpanKind.CLIENT)).path("namespace").asString()).isEqualTo("remote");
		assertThat(translate(span(SpanKind.SERVER)).has("namespace")).isFalse();
		assertThat(translate(span(SpanKind.INTERNAL)).has("namespace")).isFalse();
		assertThat(translate(span(SpanKind.PRODUCER)).has("namespace")).isFalse();
		JsonNode producer = translate(
				span(SpanKind.PRODUCER).setAttributes(Attributes.builder().put("aws.remote.service", "queue").build()));
		assertThat(producer.path("namespace").asString()).isEqualTo("remote");
		JsonNode awsApi = translate(
				span(SpanKind.INTERNAL).setAttributes(Attributes.builder().put("rpc.system", "aws-api").build()));
		assertThat(awsApi.path("namespace").asString()).isEqualTo("aws");
	}

	@Test
	void annotationsComeOnlyFromAwsXrayAnnotationsList() {
		JsonNode document = translate(span(SpanKind.SERVER).setAttributes(Attributes.builder()
			.put("order_id", "42")
			.put("items", 3L)
			.put("total", 9.5)
			.put("vip", true)
			.put("note", "not indexed")
			.put(ANNOTATIONS, List.of("order_id", "items", "total", "vip", "missing"))
			.build()));
		JsonNode annotations = document.path("annotations");
		assertThat(annotations.propertyNames()).containsExactlyInAnyOrder("order_id", "items", "total", "vip");
		assertThat(annotations.path("order_id").asString()).isEqualTo("42");
		assertThat(annotations.path("items").isIntegralNumber()).isTrue();
		assertThat(annotations.path("items").asLong()).isEqualTo(3);
		assertThat(annotations.path("total").asDouble()).isEqualTo(9.5);
		assertThat(annotations.path("vip").asBoolean()).isTrue();
		JsonNode metadata = document.path("metadata").path("default");
		assertThat(metadata.path("note").asString()).isEqualTo("not indexed");
		assertThat(metadata.has("order_id")).isFalse();
		assertThat(metadata.has("aws.xray.annotations")).isFalse();
	}

	@Test
	void annotationKeysAreFixedKeepingDots() {
		JsonNode document = translate(span(SpanKind.SERVER).setAttributes(Attributes.builder()
			.put("order-id", "a")
			.put("order.id", "b")
			.put("über", "c")
			.put(ANNOTATIONS, List.of("order-id", "order.id", "über"))
			.build()));
		JsonNode annotations = document.path("annotations");
		assertThat(annotations.propertyNames()).containsExactlyInAnyOrder("order_id", "order.id", "_ber");
	}

	@Test
	void indexedKeyWithArrayValueIsDroppedEntirely() {
		JsonNode document = translate(span(SpanKind.SERVER)
			.setAttributes(Attributes.builder().put("tags", "a", "b").put(ANNOTATIONS, List.of("tags")).build()));
		assertThat(document.has("annotations")).isFalse();
		assertThat(document.path("metadata").path("default").has("tags")).isFalse();
	}

	@Test
	void consumedKeysCannotBeAnnotatedThroughAwsXrayAnnotations() {
		JsonNode document = translate(span(SpanKind.SERVER).setAttributes(Attributes.builder()
			.put("http.request.method", "GET")
			.put("http.route", "/orders/{id}")
			.put(ANNOTATIONS, List.of("http.request.method", "http.route"))
			.build()));
		assertThat(document.path("annotations").propertyNames()).containsExactly("http.route");
		assertThat(document.path("http").path("request").path("method").asString()).isEqualTo("GET");
	}

	@Test
	void awsXrayAnnotationsThatIsNotAnArrayIsMetadata() {
		JsonNode document = translate(span(SpanKind.SERVER)
			.setAttributes(Attributes.builder().put("order_id", "42").put("aws.xray.annotations", "order_id").build()));
		assertThat(document.has("annotations")).isFalse();
		assertThat(document.path("metadata").path("default").path("aws.xray.annotations").asString())
			.isEqualTo("order_id");
	}

	@Test
	void resourceAttributeOfSegmentCanBeAnnotatedByPrefixedKey() {
		JsonNode document = translate(span(SpanKind.SERVER)
			.setAttributes(Attributes.builder().put(ANNOTATIONS, List.of("otel.resource.service.name")).build()));
		assertThat(document.path("annotations").path("otel.resource.service.name").asString()).isEqualTo("orders");
		assertThat(document.path("metadata").path("default").has("otel.resource.service.name")).isFalse();
	}

	@Test
	void otherAttributesAreMetadataWithRawKeysAndArrays() {
		JsonNode document = translate(span(SpanKind.SERVER).setAttributes(Attributes.builder()
			.put("my-key.x", "v")
			.put("sizes", 1L, 2L)
			.put("names", "a", "b")
			.put("ratio", 0.25)
			.put("http.route", "/orders/{id}")
			.build()));
		JsonNode metadata = document.path("metadata").path("default");
		assertThat(metadata.path("my-key.x").asString()).isEqualTo("v");
		assertThat(metadata.path("sizes").isArray()).isTrue();
		assertThat(metadata.path("sizes").path(1).asLong()).isEqualTo(2);
		assertThat(metadata.path("names").path(0).asString()).isEqualTo("a");
		assertThat(metadata.path("ratio").asDouble()).isEqualTo(0.25);
		assertThat(metadata.path("http.route").asString()).isEqualTo("/orders/{id}");
	}

	@Test
	void resourceAttributesAreMetadataOfSegmentsOnly() {
		JsonNode segment = translate(span(SpanKind.SERVER));
		assertThat(segment.path("metadata").path("default").path("otel.resource.service.name").asString())
			.isEqualTo("orders");
		assertThat(segment.path("metadata").path("default").path("otel.resource.telemetry.sdk.version").asString())
			.isEqualTo("1.62.0");
		JsonNode subsegment = translate(span(SpanKind.CLIENT).setParentSpanContext(parent()));
		assertThat(subsegment.has("metadata")).isFalse();
	}

	@Test
	void awsXrayMetadataPrefixWritesNamespaces() {
		JsonNode document = translate(span(SpanKind.INTERNAL).setParentSpanContext(parent())
			.setAttributes(Attributes.builder()
				.put("aws.xray.metadata.orders", "{\"count\": 2, \"ids\": [1, 2], \"tier\": {\"name\": \"gold\"}}")
				.put("aws.xray.metadata.DEFAULT", "{\"merged\": true}")
				.put("aws.xray.metadata.broken", "{not json")
				.put("plain", "p")
				.build()));
		JsonNode metadata = document.path("metadata");
		assertThat(metadata.path("orders").path("count").asLong()).isEqualTo(2);
		assertThat(metadata.path("orders").path("ids").path(1).asLong()).isEqualTo(2);
		assertThat(metadata.path("orders").path("tier").path("name").asString()).isEqualTo("gold");
		assertThat(metadata.path("default").path("merged").asBoolean()).isTrue();
		assertThat(metadata.path("default").path("plain").asString()).isEqualTo("p");
		assertThat(metadata.path("default").path("aws.xray.metadata.broken").asString()).isEqualTo("{not json");
		assertThat(metadata.path("default").has("aws.xray.metadata.orders")).isFalse();
	}

	@Test
	void enduserIdBecomesUser() {
		JsonNode document = translate(span(SpanKind.SERVER)
			.setAttributes(Attributes.builder().put("enduser.id", "alice").put(ANNOTATIONS, List.of("x")).build()));
		assertThat(document.path("user").asString()).isEqualTo("alice");
		assertThat(document.path("metadata").path("default").has("enduser.id")).isFalse();
	}

	@Test
	void serverHttpBlockAssemblesUrlFromStableKeys() {
		JsonNode document = translate(span(SpanKind.SERVER).setAttributes(Attributes.builder()
			.put("http.request.method", "GET")
			.put("url.scheme", "https")
			.put("server.address", "shop.example.com")
			.put("server.port", 8443L)
			.put("url.path", "/orders/42")
			.put("url.query", "full=true")
			.put("user_agent.original", "curl/8.5")
			.put("http.response.status_code", 200L)
			.put("http.route", "/orders/{id}")
			.build()));
		JsonNode http = document.path("http");
		assertThat(http.path("request").path("method").asString()).isEqualTo("GET");
		assertThat(http.path("request").path("url").asString())
			.isEqualTo("https://shop.example.com:8443/orders/42?full=true");
		assertThat(http.path("request").path("user_agent").asString()).isEqualTo("curl/8.5");
		assertThat(http.path("response").path("status").asLong()).isEqualTo(200);
		assertThat(http.path("response").path("content_length").asLong()).isZero();
		assertThat(document.path("metadata").path("default").propertyNames()).contains("http.route")
			.doesNotContain("http.request.method", "url.scheme", "server.address", "server.port", "url.path",
					"url.query", "user_agent.original", "http.response.status_code");
	}

	@Test
	void assembledUrlLeavesOutDefaultPortAndDefaultsSchemeAndPath() {
		JsonNode document = translate(span(SpanKind.SERVER).setAttributes(Attributes.builder()
			.put("http.method", "GET")
			.put("net.host.name", "shop.example.com")
			.put("net.host.port", 80L)
			.build()));
		assertThat(document.path("http").path("request").path("url").asString()).isEqualTo("http://shop.example.com/");
		JsonNode target = translate(span(SpanKind.SERVER).setAttributes(Attributes.builder()
			.put("http.scheme", "https")
			.put("http.host", "shop.example.com:8443")
			.put("http.target", "/a?b=c")
			.build()));
		assertThat(target.path("http").path("request").path("url").asString())
			.isEqualTo("https://shop.example.com:8443/a?b=c");
	}

	@Test
	void clientUrlUsesFullUrlOrPeerAttributes() {
		JsonNode full = translate(span(SpanKind.CLIENT).setAttributes(Attributes.builder()
			.put("url.full", "https://api.example.com/v1/pay?x=1")
			.put("http.request.method", "POST")
			.build()));
		assertThat(full.path("http").path("request").path("url").asString())
			.isEqualTo("https://api.example.com/v1/pay?x=1");
		JsonNode peer = translate(span(SpanKind.CLIENT).setAttributes(Attributes.builder()
			.put("http.method", "GET")
			.put("net.peer.name", "api.local")
			.put("net.peer.port", 9090L)
			.put("server.port", 7070L)
			.build()));
		assertThat(peer.path("http").path("request").path("url").asString()).isEqualTo("http://api.local:9090/");
	}

	@Test
	void clientAddressIsClientIpForwardedUnlessPeerAddressPresent() {
		JsonNode forwarded = translate(span(SpanKind.SERVER).setAttributes(
				Attributes.builder().put("http.request.method", "GET").put("client.address", "203.0.113.7").build()));
		JsonNode request = forwarded.path("http").path("request");
		assertThat(request.path("client_ip").asString()).isEqualTo("203.0.113.7");
		assertThat(request.path("x_forwarded_for").asBoolean()).isTrue();
		JsonNode direct = translate(span(SpanKind.SERVER).setAttributes(Attributes.builder()
			.put("http.request.method", "GET")
			.put("client.address", "2001:db8::7")
			.put("network.peer.address", "10.0.0.2")
			.build()));
		assertThat(direct.path("http").path("request").path("client_ip").asString()).isEqualTo("2001:db8::7");
		assertThat(direct.path("http").path("request").has("x_forwarded_for")).isFalse();
		JsonNode hostName = translate(span(SpanKind.SERVER).setAttributes(
				Attributes.builder().put("http.request.method", "GET").put("client.address", "proxy.local").build()));
		assertThat(hostName.path("http").path("request").has("client_ip")).isFalse();
		assertThat(hostName.path("metadata").path("default").has("client.address")).isFalse();
	}

	@Test
	void statusThatIsNotAnIntegerIsNotWritten() {
		JsonNode document = translate(span(SpanKind.SERVER).setAttributes(Attributes.builder()
			.put("http.request.method", "GET")
			.put("http.response.status_code", "503")
			.build()));
		assertThat(document.path("http").path("response").has("status")).isFalse();
		assertThat(document.path("fault").asBoolean()).isFalse();
	}

	@Test
	void noHttpBlockWithoutHttpKeysButPeerKeysAreStillConsumed() {
		JsonNode document = translate(span(SpanKind.CLIENT).setParentSpanContext(parent())
			.setAttributes(Attributes.builder()
				.put("server.address", "db.local")
				.put("server.port", 5432L)
				.put("x", "y")
				.build()));
		assertThat(document.has("http")).isFalse();
		assertThat(document.path("metadata").path("default").propertyNames()).containsExactly("x");
	}

	@Test
	void clientErrorStatusIsErrorNotFaultEvenWithErrorStatus() {
		JsonNode document = translate(span(SpanKind.SERVER).setStatus(StatusData.error())
			.setAttributes(Attributes.builder().put("http.response.status_code", 404L).build()));
		assertThat(document.path("error").asBoolean()).isTrue();
		assertThat(document.path("fault").asBoolean()).isFalse();
		assertThat(document.path("throttle").asBoolean()).isFalse();
	}

	@Test
	void tooManyRequestsIsThrottleAndError() {
		JsonNode document = translate(
				span(SpanKind.SERVER).setAttributes(Attributes.builder().put("http.status_code", 429L).build()));
		assertThat(document.path("throttle").asBoolean()).isTrue();
		assertThat(document.path("error").asBoolean()).isTrue();
		assertThat(document.path("fault").asBoolean()).isFalse();
	}

	@Test
	void serverErrorStatusIsFault() {
		JsonNode document = translate(span(SpanKind.SERVER)
			.setAttributes(Attributes.builder().put("http.response.status_code", 503L).build()));
		assertThat(document.path("fault").asBoolean()).isTrue();
		assertThat(document.path("error").asBoolean()).isFalse();
	}

	@Test
	void errorStatusWithoutCodeIsFaultAndOkSpanIsClean() {
		JsonNode failed = translate(span(SpanKind.INTERNAL).setStatus(StatusData.error()));
		assertThat(failed.path("fault").asBoolean()).isTrue();
		assertThat(failed.has("cause")).isFalse();
		JsonNode ok = translate(span(SpanKind.INTERNAL).setStatus(StatusData.ok()));
		assertThat(ok.path("fault").asBoolean()).isFalse();
		assertThat(ok.path("error").asBoolean()).isFalse();
		assertThat(ok.path("throttle").asBoolean()).isFalse();
	}

	@Test
	void errorStatusWithoutExceptionEventsBecomesCauseFromDescription() {
		JsonNode document = translate(
				span(SpanKind.INTERNAL).setStatus(StatusData.create(StatusCode.ERROR, "Payment declined")));
		JsonNode exception = document.path("cause").path("exceptions").path(0);
		assertThat(exception.path("message").asString()).isEqualTo("Payment declined");
		assertThat(exception.path("id").asString()).matches(ID_PATTERN);
		assertThat(exception.has("type")).isFalse();
		JsonNode statusText = translate(span(SpanKind.INTERNAL).setStatus(StatusData.error())
			.setAttributes(Attributes.builder().put("http.status_text", "Bad Gateway").build()));
		assertThat(statusText.path("cause").path("exceptions").path(0).path("message").asString())
			.isEqualTo("Bad Gateway");
		assertThat(statusText.path("metadata").path("default").has("http.status_text")).isFalse();
	}

	@Test
	void exceptionEventWithJavaStackTraceBecomesChainedExceptions() {
		String stacktrace = """
				java.lang.IllegalStateException: Order 42 failed
				\tat app//com.example.OrderService.place(OrderService.java:42)
				\tat java.base/java.lang.Thread.run(Thread.java:1583)
				\tat com.example.Generated$$Lambda/0x0000000800c03000.apply(Unknown Source)
				\tSuppressed: java.io.IOException: close failed
				\t\tat com.example.Res.close(Res.java:9)
				Caused by: java.sql.SQLException: duplicate key
				Detail: Key (id)=(42) already exists.
				\tat org.postgresql.Driver.execute(Driver.java:100)
				\t... 2 more
				""";
		JsonNode document = translate(span(SpanKind.SERVER).setStatus(StatusData.error())
			.setEvents(List.of(exceptionEvent("java.lang.IllegalStateException", "Order 42 failed", stacktrace))));
		JsonNode exceptions = document.path("cause").path("exceptions");
		assertThat(exceptions.size()).isEqualTo(2);
		JsonNode head = exceptions.path(0);
		assertThat(head.path("id").asString()).matches(ID_PATTERN);
		assertThat(head.path("type").asString()).isEqualTo("java.lang.IllegalStateException");
		assertThat(head.path("message").asString()).isEqualTo("Order 42 failed");
		assertThat(head.path("remote").asBoolean()).isFalse();
		assertThat(head.path("stack").size()).isEqualTo(3);
		assertThat(head.path("stack").path(0).path("label").asString()).isEqualTo("com.example.OrderService.place");
		assertThat(head.path("stack").path(0).path("path").asString()).isEqualTo("OrderService.java");
		assertThat(head.path("stack").path(0).path("line").asLong()).isEqualTo(42);
		assertThat(head.path("stack").path(1).path("label").asString()).isEqualTo("java.lang.Thread.run");
		assertThat(head.path("stack").path(2).path("label").asString())
			.isEqualTo("com.example.Generated$$Lambda/0x0000000800c03000.apply");
		assertThat(head.path("stack").path(2).path("path").asString()).isEqualTo("Unknown Source");
		assertThat(head.path("stack").path(2).path("line").asLong()).isZero();
		JsonNode cause = exceptions.path(1);
		assertThat(head.path("cause").asString()).isEqualTo(cause.path("id").asString());
		assertThat(cause.path("type").asString()).isEqualTo("java.sql.SQLException");
		assertThat(cause.path("message").asString()).isEqualTo("duplicate key\nDetail: Key (id)=(42) already exists.");
		assertThat(cause.path("stack").size()).isOne();
		assertThat(cause.path("stack").path(0).path("label").asString()).isEqualTo("org.postgresql.Driver.execute");
		assertThat(cause.has("cause")).isFalse();
		assertThat(document.path("fault").asBoolean()).isTrue();
	}

	@Test
	void exceptionRecordedThroughSdkIsParsedFromRealStackTrace() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		JsonNode exceptions;
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			Span span = provider.get("test").spanBuilder("charge").setSpanKind(SpanKind.CLIENT).startSpan();
			span.recordException(new IllegalStateException("Charge failed", rootCause()));
			span.end();
			SpanData finished = exporter.getFinishedSpanItems().get(0);
			assertThat(finished.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
				.isEqualTo("java.lang.IllegalStateException");
			exceptions = mapper.readTree(this.translator.translate(finished)).path("cause").path("exceptions");
		}
		assertThat(exceptions.size()).isEqualTo(2);
		assertThat(exceptions.path(0).path("type").asString()).isEqualTo("java.lang.IllegalStateException");
		assertThat(exceptions.path(0).path("remote").asBoolean()).isTrue();
		assertThat(exceptions.path(0).path("stack").path(0).path("label").asString())
			.isEqualTo(getClass().getName() + ".exceptionRecordedThroughSdkIsParsedFromRealStackTrace");
		assertThat(exceptions.path(0).path("stack").path(0).path("path").asString())
			.isEqualTo("SegmentDocumentTranslatorTests.java");
		assertThat(exceptions.path(1).path("type").asString()).isEqualTo("java.sql.SQLException");
		assertThat(exceptions.path(1).path("message").asString()).isEqualTo("connection reset");
		assertThat(exceptions.path(1).path("stack").path(0).path("label").asString())
			.isEqualTo(getClass().getName() + ".rootCause");
		assertThat(exceptions.path(0).path("cause").asString()).isEqualTo(exceptions.path(1).path("id").asString());
	}

	@Test
	void stackTraceIsNotParsedForOtherLanguages() {
		StringWriter trace = new StringWriter();
		new IllegalStateException("x").printStackTrace(new PrintWriter(trace));
		Resource python = Resource.create(Attributes.builder().put("telemetry.sdk.language", "python").build());
		JsonNode document = translate(span(SpanKind.SERVER).setResource(python)
			.setEvents(List.of(exceptionEvent("ValueError", "x", trace.toString()))));
		JsonNode exception = document.path("cause").path("exceptions").path(0);
		assertThat(exception.path("type").asString()).isEqualTo("ValueError");
		assertThat(exception.has("stack")).isFalse();
	}

	@Test
	void handledExceptionOnOkSpanGivesCauseWithoutFault() {
		JsonNode document = translate(
				span(SpanKind.INTERNAL).setEvents(List.of(exceptionEvent("java.io.IOException", "retrying", null))));
		assertThat(document.path("cause").path("exceptions").path(0).path("message").asString()).isEqualTo("retrying");
		assertThat(document.path("fault").asBoolean()).isFalse();
	}

	@Test
	void awsSdkHttpFailureEventsBecomeRemoteExceptions() {
		EventData failure = EventData.create(START + 1_000L, "HTTP request failure",
				Attributes.builder()
					.put("http.response.status_code", 503L)
					.put("aws.http.error_message", "Service unavailable")
					.build());
		JsonNode document = translate(span(SpanKind.CLIENT).setParentSpanContext(parent())
			.setAttributes(Attributes.builder().put("rpc.system", "aws-api").build())
			.setEvents(List.of(failure)));
		JsonNode exception = document.path("cause").path("exceptions").path(0);
		assertThat(exception.path("type").asString()).isEqualTo("aws.http.error.event");
		assertThat(exception.path("message").asString()).isEqualTo("Service unavailable");
		assertThat(exception.path("remote").asBoolean()).isTrue();
		JsonNode notAws = translate(span(SpanKind.CLIENT).setEvents(List.of(failure)));
		assertThat(notAws.has("cause")).isFalse();
	}

	@Test
	void postgresqlSpanGetsSqlBlock() {
		JsonNode document = translate(span(SpanKind.CLIENT).setName("SELECT shop")
			.setParentSpanContext(parent())
			.setAttributes(Attributes.builder()
				.put("db.system", "postgresql")
				.put("db.name", "shop")
				.put("db.connection_string", "jdbc:postgresql://db.local:5432")
				.put("db.user", "app")
				.put("db.statement", "select * from orders where id = ?")
				.put("db.operation", "SELECT")
				.put("db.query.text", "select * from orders where id = ?")
				.put("peer.service", "shop@db.local")
				.build()));
		JsonNode sql = document.path("sql");
		assertThat(sql.path("url").asString()).isEqualTo("SELECT shop");
		assertThat(sql.path("connection_string").asString()).isEqualTo("jdbc:postgresql://db.local:5432/shop");
		assertThat(sql.path("database_type").asString()).isEqualTo("postgresql");
		assertThat(sql.path("user").asString()).isEqualTo("app");
		assertThat(sql.path("sanitized_query").asString()).isEqualTo("select * from orders where id = ?");
		assertThat(document.path("name").asString()).isEqualTo("shop@db.local");
		assertThat(document.path("namespace").asString()).isEqualTo("remote");
		assertThat(document.path("metadata").path("default").propertyNames()).containsExactlyInAnyOrder("db.operation",
				"db.query.text", "peer.service");
	}

	@Test
	void sqlBlockWithoutConnectionStringUsesLocalhost() {
		JsonNode document = translate(span(SpanKind.CLIENT)
			.setAttributes(Attributes.builder().put("db.system", "mysql").put("db.name", "shop").build()));
		assertThat(document.path("sql").path("connection_string").asString()).isEqualTo("localhost/shop");
	}

	@Test
	void h2SpanGetsNoSqlBlockAndKeepsDbKeysInMetadata() {
		JsonNode document = translate(span(SpanKind.CLIENT).setParentSpanContext(parent())
			.setAttributes(Attributes.builder()
				.put("db.system", "h2")
				.put("db.name", "test")
				.put("db.statement", "select 1")
				.build()));
		assertThat(document.has("sql")).isFalse();
		assertThat(document.path("metadata").path("default").propertyNames()).containsExactlyInAnyOrder("db.system",
				"db.name", "db.statement");
	}

	@Test
	void stableDatabaseKeysAloneGiveNoSqlBlock() {
		JsonNode document = translate(span(SpanKind.CLIENT).setAttributes(Attributes.builder()
			.put("db.system.name", "postgresql")
			.put("db.namespace", "shop")
			.put("db.query.text", "select 1")
			.build()));
		assertThat(document.has("sql")).isFalse();
		assertThat(document.path("name").asString()).isEqualTo("GET /orders/id");
	}

	@Test
	void awsBlockCarriesCallDetailsAndSdk() {
		JsonNode document = translate(span(SpanKind.CLIENT).setParentSpanContext(parent())
			.setAttributes(Attributes.builder()
				.put("rpc.system", "aws-api")
				.put("rpc.service", "Sqs")
				.put("rpc.method", "SendMessage")
				.put("aws.operation", "SendMessage")
				.put("aws.region", "eu-west-1")
				.put("aws.request_id", "req-1")
				.put("aws.queue.url", "https://sqs.eu-west-1.amazonaws.com/123456789012/orders")
				.put("aws.account_id", "123456789012")
				.put("aws.table_name", "ignored-for-sqs")
				.build()));
		JsonNode aws = document.path("aws");
		assertThat(aws.path("operation").asString()).isEqualTo("SendMessage");
		assertThat(aws.path("region").asString()).isEqualTo("eu-west-1");
		assertThat(aws.path("request_id").asString()).isEqualTo("req-1");
		assertThat(aws.path("queue_url").asString())
			.isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/orders");
		assertThat(aws.path("account_id").asString()).isEqualTo("123456789012");
		assertThat(aws.path("table_name").asString()).isEqualTo("ignored-for-sqs");
		assertThat(aws.path("xray").path("sdk").asString()).isEqualTo("opentelemetry for java");
		assertThat(aws.path("xray").path("sdk_version").asString()).isEqualTo("1.62.0");
		assertThat(aws.path("xray").path("auto_instrumentation").asBoolean()).isFalse();
		assertThat(document.path("name").asString()).isEqualTo("Sqs");
		assertThat(document.path("namespace").asString()).isEqualTo("aws");
		assertThat(document.path("metadata").path("default").propertyNames()).containsExactlyInAnyOrder("rpc.system",
				"rpc.service", "rpc.method");
	}

	@Test
	void awsBlockPrefersSemanticConventionTableNamesAndMessagingUrl() {
		JsonNode document = translate(span(SpanKind.CLIENT).setAttributes(Attributes.builder()
			.put("rpc.method", "BatchGetItem")
			.put("aws.table_name", "t")
			.put(AttributeKey.stringArrayKey("aws.dynamodb.table_names"), List.of("orders", "customers"))
			.put("aws.queue_url", "q")
			.put("messaging.url", "https://sqs/queue")
			.build()));
		JsonNode aws = document.path("aws");
		assertThat(aws.path("operation").asString()).isEqualTo("BatchGetItem");
		assertThat(aws.has("table_name")).isFalse();
		assertThat(aws.path("table_names").path(1).asString()).isEqualTo("customers");
		assertThat(aws.path("queue_url").asString()).isEqualTo("https://sqs/queue");
	}

	@Test
	void awsBlockCarriesResourceDetailsAndNoneOffAws() {
		Resource ec2 = RESOURCE.merge(Resource.create(Attributes.builder()
			.put("cloud.provider", "aws")
			.put("cloud.platform", "aws_ec2")
			.put("cloud.account.id", "123456789012")
			.put("cloud.availability_zone", "eu-west-1a")
			.put("host.id", "i-0abc")
			.put("host.type", "t3.micro")
			.put("service.version", "1.4.0")
			.build()));
		JsonNode document = translate(span(SpanKind.SERVER).setResource(ec2));
		assertThat(document.path("aws").path("ec2").path("instance_id").asString()).isEqualTo("i-0abc");
		assertThat(document.path("aws").path("ec2").path("instance_size").asString()).isEqualTo("t3.micro");
		assertThat(document.path("aws").path("account_id").asString()).isEqualTo("123456789012");
		assertThat(document.path("service").path("version").asString()).isEqualTo("1.4.0");
		Resource gcp = RESOURCE.merge(Resource.create(Attributes.builder().put("cloud.provider", "gcp").build()));
		JsonNode offAws = translate(span(SpanKind.SERVER).setResource(gcp));
		assertThat(offAws.has("aws")).isFalse();
		assertThat(offAws.has("origin")).isFalse();
	}

	@Test
	void awsBlockDescribesEcsEksBeanstalkAndLogGroups() {
		Resource ecs = Resource.create(Attributes.builder()
			.put("cloud.platform", "aws_ecs")
			.put("container.name", "orders")
			.put("aws.ecs.task.arn", "arn:aws:ecs:eu-west-1:1:task/t")
			.put("aws.ecs.launchtype", "fargate")
			.put("aws.log.group.arns", "arn:aws:logs:eu-west-1:1:log-group:/ecs/orders:*")
			.build());
		JsonNode ecsAws = translate(span(SpanKind.SERVER).setResource(ecs)).path("aws");
		assertThat(ecsAws.path("ecs").path("container").asString()).isEqualTo("orders");
		assertThat(ecsAws.path("ecs").path("task_arn").asString()).isEqualTo("arn:aws:ecs:eu-west-1:1:task/t");
		assertThat(ecsAws.path("ecs").path("launch_type").asString()).isEqualTo("fargate");
		assertThat(ecsAws.path("cloudwatch_logs").path(0).path("log_group").asString()).isEqualTo("/ecs/orders");
		assertThat(ecsAws.path("cloudwatch_logs").path(0).path("arn").asString())
			.isEqualTo("arn:aws:logs:eu-west-1:1:log-group:/ecs/orders:*");
		Resource eks = Resource.create(Attributes.builder()
			.put("k8s.cluster.name", "prod")
			.put("k8s.pod.name", "orders-1")
			.put("aws.log.group.names", "a&b")
			.build());
		JsonNode eksAws = translate(span(SpanKind.SERVER).setResource(eks)).path("aws");
		assertThat(eksAws.path("eks").path("cluster_name").asString()).isEqualTo("prod");
		assertThat(eksAws.path("eks").path("pod").asString()).isEqualTo("orders-1");
		assertThat(eksAws.path("cloudwatch_logs").path(1).path("log_group").asString()).isEqualTo("b");
		Resource beanstalk = Resource.create(Attributes.builder()
			.put("cloud.platform", "aws_elastic_beanstalk")
			.put("service.namespace", "orders-env")
			.put("service.instance.id", "7")
			.put("service.version", "v3")
			.build());
		JsonNode beanstalkAws = translate(span(SpanKind.SERVER).setResource(beanstalk)).path("aws");
		assertThat(beanstalkAws.path("elastic_beanstalk").path("environment_name").asString()).isEqualTo("orders-env");
		assertThat(beanstalkAws.path("elastic_beanstalk").path("deployment_id").asLong()).isEqualTo(7);
		assertThat(beanstalkAws.path("elastic_beanstalk").path("version_label").asString()).isEqualTo("v3");
	}

	@Test
	void serviceVersionFallsBackToContainerImageTag() {
		JsonNode document = translate(span(SpanKind.SERVER)
			.setResource(Resource.create(Attributes.builder().put("container.image.tag", "2.0").build())));
		assertThat(document.path("service").path("version").asString()).isEqualTo("2.0");
		assertThat(translate(span(SpanKind.SERVER)).has("service")).isFalse();
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			aws_ec2,               , AWS::EC2::Instance
			aws_ecs,       fargate , AWS::ECS::Fargate
			aws_ecs,       ec2     , AWS::ECS::EC2
			aws_ecs,               , AWS::ECS::Container
			aws_eks,               , AWS::EKS::Container
			aws_elastic_beanstalk, , AWS::ElasticBeanstalk::Environment
			aws_app_runner,        , AWS::AppRunner::Service
			aws_lambda,            ,
			""")
	void originComesFromCloudPlatform(String platform, String launchType, String origin) {
		AttributesBuilder attributes = Attributes.builder()
			.put("cloud.provider", "aws")
			.put("cloud.platform", platform);
		if (launchType != null) {
			attributes.put("aws.ecs.launchtype", launchType);
		}
		JsonNode document = translate(span(SpanKind.SERVER).setResource(Resource.create(attributes.build())));
		assertThat(document.path("origin").asString(null)).isEqualTo(origin);
	}

	@Test
	void linksKeepTraceIdSpanIdAndAttributes() {
		SpanContext linked = SpanContext.create("6759e988bd862e3fe1be46a994272794", "0102030405060708",
				TraceFlags.getSampled(), TraceState.getDefault());
		JsonNode document = translate(span(SpanKind.CONSUMER)
			.setLinks(List.of(LinkData.create(linked, Attributes.builder().put("reason", "batch").build())))
			.setTotalRecordedLinks(1));
		JsonNode link = document.path("links").path(0);
		assertThat(link.path("trace_id").asString()).isEqualTo("1-6759e988-bd862e3fe1be46a994272794");
		assertThat(link.path("id").asString()).isEqualTo("0102030405060708");
		assertThat(link.path("attributes").path("reason").asString()).isEqualTo("batch");
	}

	@Test
	void oddInputGivesBestEffortDocument() {
		List<EventData> events = new ArrayList<>();
		events.add(exceptionEvent(null, null, "\n\tat (\nCaused by: :\n\tat x("));
		JsonNode document = translate(span(SpanKind.INTERNAL).setName("")
			.setStatus(StatusData.create(StatusCode.ERROR, null))
			.setEvents(events)
			.setAttributes(Attributes.builder()
				.put(AttributeKey.valueKey("complex"),
						Value.of(KeyValue.of("bytes", Value.of(new byte[] { 1, 2 })),
								KeyValue.of("list", Value.of(Value.of(1L), Value.empty()))))
				.put(AttributeKey.valueKey("empty"), Value.empty())
				.put("nan", Double.NaN)
				.put("http.response.status_code", 200.5)
				.put("server.port", true)
				.put("url.scheme", 1L)
				.put("aws.xray.metadata.x", "null")
				.put(ANNOTATIONS, List.of("nan", "complex"))
				.put("line\nbreak", "a\"b\\c")
				.build()));
		assertThat(document.path("name").asString()).isEqualTo("span");
		assertThat(document.path("annotations").path("nan").asString()).isEqualTo("NaN");
		assertThat(document.path("metadata").path("x").isNull()).isTrue();
		assertThat(document.path("metadata").path("default").path("line\nbreak").asString()).isEqualTo("a\"b\\c");
		assertThat(document.path("cause").path("exceptions").size()).isEqualTo(2);
	}

	private JsonNode translate(TestSpanData.Builder span) {
		String json = this.translator.translate(span.build());
		assertThat(json).doesNotContain("\n");
		return mapper.readTree(json);
	}

	private static TestSpanData.Builder span(SpanKind kind) {
		return TestSpanData.builder()
			.setSpanContext(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()))
			.setResource(RESOURCE)
			.setName("GET /orders/{id}")
			.setKind(kind)
			.setStatus(StatusData.unset())
			.setStartEpochNanos(START)
			.setEndEpochNanos(START + 250_000_000L)
			.setHasEnded(true);
	}

	private static SpanContext parent() {
		return SpanContext.createFromRemoteParent(TRACE_ID, PARENT_ID, TraceFlags.getSampled(),
				TraceState.getDefault());
	}

	private static EventData exceptionEvent(String type, String message, String stacktrace) {
		AttributesBuilder attributes = Attributes.builder();
		if (type != null) {
			attributes.put("exception.type", type);
		}
		if (message != null) {
			attributes.put("exception.message", message);
		}
		if (stacktrace != null) {
			attributes.put("exception.stacktrace", stacktrace);
		}
		return EventData.create(START + 1_000L, "exception", attributes.build());
	}

	private static SQLException rootCause() {
		return new SQLException("connection reset");
	}

}
