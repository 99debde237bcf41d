package io.github.xrayspring.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.github.xrayspring.testsupport.OtlpReceiver;
import io.github.xrayspring.testsupport.OtlpReceiver.ReceivedSpan;
import io.github.xrayspring.testsupport.OtlpReceivers;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for end-to-end tests: the shop on a random port, exporting over OTLP/HTTP to an
 * in-process receiver that decodes the spans. Subclasses add properties with
 * {@code @TestPropertySource}.
 *
 * @author xray-spring-boot-starter team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "xray.exporter.type=otlp", "management.opentelemetry.tracing.export.schedule-delay=100ms" })
@AutoConfigureTracing
abstract class EndToEndTests {

	static final OtlpReceiver receiver = OtlpReceivers.shared();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void otlpEndpoint(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", receiver::httpEndpoint);
	}

	@BeforeEach
	void clearReceiver() {
		receiver.clear();
	}

	URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : "http://localhost:" + this.port + pathOrUrl);
	}

	HttpResponse<String> get(String pathOrUrl, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	static ReceivedSpan awaitServerSpan(String path) {
		return receiver.awaitOne(
				(span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER && span.hasAttribute("url.path", path));
	}

	static List<ReceivedSpan> serverSpans(String path) {
		return receiver.spans()
			.stream()
			.filter((span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER && span.hasAttribute("url.path", path))
			.toList();
	}

}
