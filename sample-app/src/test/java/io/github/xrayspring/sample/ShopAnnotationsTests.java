package io.github.xrayspring.sample;

import java.net.http.HttpRequest;
import java.util.List;

import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.github.xrayspring.testsupport.OtlpReceiver;
import io.github.xrayspring.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.common.v1.AnyValue;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of searchable annotations: {@code @XRayAnnotate} on the shop's
 * controller and repository and the configured {@code http.route}, as the exported server
 * span carries them.
 *
 * @author xray-spring-boot-starter team
 */
@Import(ShopAnnotationsTests.PreviewConfiguration.class)
class ShopAnnotationsTests extends EndToEndTests {

	@Autowired
	private LoggingSpanExporter preview;

	@Test
	void serverSpanCarriesMethodAndConfiguredAnnotations() throws Exception {
		assertThat(get("/orders/1").statusCode()).isEqualTo(200);
		ReceivedSpan server = awaitServerSpan("/orders/1");
		assertThat(annotationKeys(server)).containsExactlyInAnyOrder("order_id", "order_status", "http_route");
		assertThat(server.attribute("order_id").getIntValue()).isEqualTo(1);
		assertThat(server.attribute("order_status").getStringValue()).isEqualTo("SHIPPED");
		assertThat(server.attribute("http_route").getStringValue()).isEqualTo("/orders/{id}");
		assertThat(server.attribute("http.route").getStringValue()).isEqualTo("/orders/{id}");
	}

	@Test
	void previewShowsThemAsSearchableAnnotations() throws Exception {
		get("/orders/2");
		ReceivedSpan server = awaitServerSpan("/orders/2");
		String segment = this.preview.documents(server.traceId())
			.stream()
			.filter((document) -> document.contains("\"id\":\"" + server.spanId() + "\""))
			.findFirst()
			.orElseThrow();
		assertThat(segment).contains("\"annotations\":{")
			.contains("\"order_id\":2")
			.contains("\"order_status\":\"PAID\"")
			.contains("\"http_route\":\"/orders/{id}\"")
			.doesNotContain("aws.xray.annotations");
	}

	@Test
	void enumResultIsRecordedByName() throws Exception {
		get("/customers/2");
		ReceivedSpan server = awaitServerSpan("/customers/2");
		assertThat(server.attribute("customer_tier").getStringValue()).isEqualTo("SILVER");
	}

	@Test
	void annotationsOfControllerAndRepositoryLandOnTheServerSpan() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/orders"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"customerId\":3,\"lines\":[" + "{\"sku\":\"BOOK-001\",\"quantity\":2,\"unitPrice\":10.25},"
						+ "{\"sku\":\"PEN-042\",\"quantity\":1,\"unitPrice\":2.50}]}"))
			.build();
		assertThat(send(request).statusCode()).isEqualTo(201);
		ReceivedSpan server = awaitServerSpan("/orders");
		assertThat(annotationKeys(server)).contains("customer_id", "order_total", "line_count", "http_route");
		assertThat(server.attribute("customer_id").getIntValue()).isEqualTo(3);
		assertThat(server.attribute("order_total").getDoubleValue()).isEqualTo(23.0);
		assertThat(server.attribute("line_count").getIntValue()).isEqualTo(2);
	}

	@Test
	void failedCallKeepsAnnotationsThatDoNotNeedTheResult() throws Exception {
		assertThat(get("/orders/999").statusCode()).isEqualTo(404);
		ReceivedSpan server = awaitServerSpan("/orders/999");
		assertThat(annotationKeys(server)).contains("order_id").doesNotContain("order_status");
		assertThat(server.attribute("order_id").getIntValue()).isEqualTo(999);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class PreviewConfiguration {

		@Bean
		LoggingSpanExporter xrayPreview() {
			return new LoggingSpanExporter();
		}

	}

	private static List<String> annotationKeys(ReceivedSpan span) {
		return span.attribute("aws.xray.annotations")
			.getArrayValue()
			.getValuesList()
			.stream()
			.map(AnyValue::getStringValue)
			.toList();
	}

}
