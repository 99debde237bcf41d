package io.github.xrayspring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.github.xrayspring.export.internal.LoggingSpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end test of the sample's own configuration: the local X-Ray preview prints the
 * segment documents, with no collector and no AWS account.
 *
 * @author xray-spring-boot-starter team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=100ms" })
@AutoConfigureTracing
@ExtendWith(OutputCaptureExtension.class)
class ShopPreviewTests {

	@LocalServerPort
	private int port;

	@Autowired
	private LoggingSpanExporter preview;

	@Test
	void previewShowsSegmentAndRemoteSubsegmentOfOneTrace(CapturedOutput output) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/orders/1/shipping"))
				.header("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272796")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = "1-5759e988-bd862e3fe1be46a994272796";
		await().atMost(Duration.ofSeconds(20)).until(() -> this.preview.documents(traceId).size() >= 3);
		List<String> documents = this.preview.documents(traceId);
		assertThat(documents).anySatisfy((document) -> assertThat(document).startsWith("{\"trace_id\":\"" + traceId)
			.contains("\"name\":\"shop\"")
			.doesNotContain("parent_id")
			.contains("\"url\":\"http://localhost:" + this.port + "/orders/1/shipping\"")
			.contains("\"status\":200"));
		assertThat(documents).anySatisfy((document) -> assertThat(document).contains("\"type\":\"subsegment\"")
			.contains("\"namespace\":\"remote\"")
			.contains("\"name\":\"localhost\""));
		assertThat(output).contains("xrayspring.preview").contains("{\"trace_id\":\"" + traceId);
	}

}
