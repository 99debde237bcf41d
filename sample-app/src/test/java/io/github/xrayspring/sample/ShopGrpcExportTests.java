package io.github.xrayspring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import io.github.xrayspring.testsupport.OtlpReceiver;
import io.github.xrayspring.testsupport.OtlpReceiver.ReceivedSpan;
import io.github.xrayspring.testsupport.OtlpReceivers;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end test: spans exported over OTLP/gRPC.
 *
 * @author xray-spring-boot-starter team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "xray.exporter.type=otlp", "management.opentelemetry.tracing.export.otlp.transport=grpc",

				"management.opentelemetry.tracing.export.schedule-delay=100ms" })
@AutoConfigureTracing
class ShopGrpcExportTests {

	private static final OtlpReceiver receiver = OtlpReceivers.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void otlpEndpoint(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", receiver::grpcEndpoint);
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void spansArriveOverGrpcWithXRayTraceIds() throws Exception {
		long now = Instant.now().getEpochSecond();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/customers/1")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan server = receiver.awaitOne((span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER
				&& span.hasAttribute("url.path", "/customers/1"));
		assertThat(receiver.transports()).containsOnly("grpc");
		assertThat(Long.parseLong(server.traceId().substring(0, 8), 16)).isBetween(now - 10, now + 60);
		assertThat(server.attribute("http.response.status_code").getIntValue()).isEqualTo(200);
	}

}
