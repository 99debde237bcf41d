package io.github.xrayspring.sample;

import java.math.BigDecimal;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Asks the shipping service for a quote over HTTP, so that traces show propagation to a
 * downstream service. The sample app plays the shipping service itself unless
 * {@code shop.shipping-url} points elsewhere.
 *
 * @author xray-spring-boot-starter team
 */
@Component
public class ShippingClient {

	private final RestClient restClient;

	private final Environment environment;

	public ShippingClient(RestClient.Builder builder, Environment environment) {
		this.restClient = builder.build();
		this.environment = environment;
	}

	public ShippingQuote quote(long orderId, BigDecimal total) {
		return this.restClient.get()
			.uri(baseUrl() + "/shipping/quotes?orderId={orderId}&total={total}", orderId, total)
			.retrieve()
			.body(ShippingQuote.class);
	}

	private String baseUrl() {
		String configured = this.environment.getProperty("shop.shipping-url");
		return (configured != null) ? configured
				: "http://localhost:" + this.environment.getProperty("local.server.port", "8080");
	}

	/**
	 * A shipping quote.
	 *
	 * @param orderId the order
	 * @param carrier the carrier
	 * @param price the shipping price
	 * @param traceHeader the {@code X-Amzn-Trace-Id} header the shipping service received
	 * @param traceparent the {@code traceparent} header the shipping service received
	 */
	public record ShippingQuote(long orderId, String carrier, BigDecimal price, String traceHeader,
			String traceparent) {
	}

}
