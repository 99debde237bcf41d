package io.github.xrayspring.library;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.github.xrayspring.export.internal.LoggingSpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end test of the library's own configuration: the local X-Ray preview shows the
 * documents X-Ray would store, with the user on the segment and the database named once.
 *
 * @author xray-spring-boot-starter team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.opentelemetry.tracing.export.schedule-delay=100ms")
@AutoConfigureTracing
class LibraryPreviewTests {

	@LocalServerPort
	private int port;

	@Autowired
	private LoggingSpanExporter preview;

	@Test
	void segmentCarriesUserAndAnnotationsAndTheSqlBlockNamesTheDatabaseOnce() throws Exception {
		String traceId = "1-5759e988-bd862e3fe1be46a994272797";
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/authors/1"))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString("librarian:books".getBytes(StandardCharsets.UTF_8)))
				.header("X-Amzn-Trace-Id", "Root=" + traceId)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.preview.documents(traceId)
				.stream()
				.anyMatch((document) -> !document.contains("parent_id")));
		List<String> documents = this.preview.documents(traceId);
		assertThat(documents).filteredOn((document) -> !document.contains("\"parent_id\""))
			.singleElement()
			.satisfies((segment) -> assertThat(segment).contains("\"name\":\"library\"")
				.contains("\"user\":\"librarian\"")
				.contains("\"annotations\":{\"author_id\":1,\"book_count\":2}"));
		assertThat(documents).filteredOn((document) -> document.contains("\"sql\""))
			.isNotEmpty()
			.allSatisfy((sql) -> assertThat(sql)
				.containsPattern("\"connection_string\":\"jdbc:postgresql://localhost:\\d+/library\"")
				.contains("\"name\":\"library@localhost\""));
		assertThat(documents).noneMatch((document) -> document.contains("/library/library"));
	}

}
