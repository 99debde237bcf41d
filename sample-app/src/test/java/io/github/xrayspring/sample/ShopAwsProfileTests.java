package io.github.xrayspring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.github.xrayspring.export.internal.LoggingSpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end test of the sample's {@code aws} profile: DynamoDB calls against the
 * loopback stand-in show in the preview as {@code aws} subsegments of the request.
 *
 * @author xray-spring-boot-starter team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=100ms" })
@AutoConfigureTracing
@ActiveProfiles("aws")
class ShopAwsProfileTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private LoggingSpanExporter preview;

	@Autowired
	private DynamoDbStandIn standIn;

	@Test
	void orderStockIsReadFromDynamoDbAsAwsSubsegments() throws Exception {
		String traceId = "1-5759e988-bd862e3fe1be46a9942727a1";
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/orders/1/stock")), traceId);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("{\"sku\":\"BOOK-001\",\"ordered\":1,\"inStock\":12}")
			.contains("{\"sku\":\"PEN-042\",\"ordered\":3,\"inStock\":0}");
		// the segment, one SQL subsegment per statement and one aws subsegment per line
		List<String> documents = awaitDocuments(traceId, 2);
		assertThat(documents.stream().filter((document) -> document.contains("\"namespace\":\"aws\""))).hasSize(2)
			.allSatisfy((document) -> assertThat(document).contains("\"type\":\"subsegment\"")
				.contains("\"name\":\"DynamoDb\"")
				.contains("\"operation\":\"GetItem\"")
				.contains("\"region\":\"us-east-1\"")
				.contains("\"table_name\":\"stock\"")
				.contains("\"parent_id\""));
		// the stand-in answered: no AWS endpoint was ever in play
		assertThat(this.standIn.endpoint().getHost()).isEqualTo("127.0.0.1");
	}

	@Test
	void stockWrittenWithPutItemIsReadBack() throws Exception {
		String traceId = "1-5759e988-bd862e3fe1be46a9942727a2";
		HttpResponse<String> put = send(
				HttpRequest.newBuilder(uri("/stock/DESK-100?quantity=7")).PUT(HttpRequest.BodyPublishers.noBody()),
				traceId);
		assertThat(put.statusCode()).isEqualTo(204);
		assertThat(awaitDocuments(traceId, 1))
			.anySatisfy((document) -> assertThat(document).contains("\"namespace\":\"aws\"")
				.contains("\"operation\":\"PutItem\"")
				.contains("\"table_name\":\"stock\""));
		HttpResponse<String> stock = send(HttpRequest.newBuilder(uri("/orders/4/stock")),
				"1-5759e988-bd862e3fe1be46a9942727a3");
		assertThat(stock.body()).isEqualTo("[{\"sku\":\"DESK-100\",\"ordered\":1,\"inStock\":7}]");
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String traceId) throws Exception {
		return this.http.send(request.header("X-Amzn-Trace-Id", "Root=" + traceId + ";Sampled=1").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private List<String> awaitDocuments(String traceId, int awsCalls) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.preview.documents(traceId)
				.stream()
				.filter((document) -> document.contains("\"namespace\":\"aws\""))
				.count() >= awsCalls);
		return this.preview.documents(traceId);
	}

}
