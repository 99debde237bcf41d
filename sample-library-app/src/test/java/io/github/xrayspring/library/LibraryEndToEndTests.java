package io.github.xrayspring.library;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * Base for the library's end-to-end tests: the application on a random port with its
 * embedded PostgreSQL, exporting over OTLP/HTTP to an in-process receiver that decodes
 * the spans.
 *
 * @author xray-spring-boot-starter team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "xray.exporter.type=otlp", "management.opentelemetry.tracing.export.schedule-delay=100ms",
				"library.statistics.refresh-interval=PT0.5S" })
@AutoConfigureTracing
abstract class LibraryEndToEndTests {

	static final OtlpReceiver receiver = OtlpReceivers.shared();

	private static final String AUTHORIZATION = "Basic "
			+ Base64.getEncoder().encodeToString("librarian:books".getBytes(StandardCharsets.UTF_8));

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

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(request(path).GET().build());
	}

	HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", AUTHORIZATION);
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	static ReceivedSpan awaitServerSpan(String path) {
		return receiver.awaitOne(
				(span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER && span.hasAttribute("url.path", path));
	}

	static List<ReceivedSpan> trace(String traceId) {
		return receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	static List<String> annotationKeys(ReceivedSpan span) {
		return span.attribute("aws.xray.annotations")
			.getArrayValue()
			.getValuesList()
			.stream()
			.map((value) -> value.getStringValue())
			.toList();
	}

}
