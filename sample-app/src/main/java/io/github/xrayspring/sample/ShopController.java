package io.github.xrayspring.sample;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.github.xrayspring.XRay;
import io.github.xrayspring.annotation.XRayAnnotate;
import io.github.xrayspring.annotation.XRayAnnotate.Phase;
import io.github.xrayspring.sample.Order.OrderLine;
import io.github.xrayspring.sample.ShippingClient.ShippingQuote;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The shop's REST API.
 *
 * @author xray-spring-boot-starter team
 */
@RestController
public class ShopController {

	private final ShopRepository repository;

	private final ShippingClient shipping;

	public ShopController(ShopRepository repository, ShippingClient shipping) {
		this.repository = repository;
		this.shipping = shipping;
	}

	@GetMapping("/customers")
	public List<Customer> customers() {
		return this.repository.customers();
	}

	@GetMapping("/customers/search")
	@XRayAnnotate(key = "customer_search", value = "#name", when = Phase.BEFORE)
	public List<Customer> searchCustomers(@RequestParam String name) {
		return this.repository.customersNamed(name);
	}

	@GetMapping("/customers/{id}")
	@XRayAnnotate(key = "customer_tier", value = "#result.tier")
	public Customer customer(@PathVariable long id) {
		return this.repository.customer(id).orElseThrow(() -> notFound("customer", id));
	}

	@GetMapping("/orders/{id}")
	@XRayAnnotate(key = "order_id", value = "#id", when = Phase.BEFORE)
	@XRayAnnotate(key = "order_status", value = "#result.status")
	public Order order(@PathVariable long id) {
		return this.repository.order(id).orElseThrow(() -> notFound("order", id));
	}

	@PostMapping("/orders")
	@ResponseStatus(HttpStatus.CREATED)
	@XRayAnnotate(key = "customer_id", value = "#request.customerId", when = Phase.BEFORE)
	@XRayAnnotate(key = "order_total", value = "#result.total")
	public Order placeOrder(@RequestBody NewOrder request) {
		Customer customer = customer(request.customerId());
		long orderId = this.repository.placeOrder(customer.id(), request.lines());
		XRay.metadata("order_lines", request.lines().size());
		return order(orderId);
	}

	@GetMapping("/orders/{id}/shipping")
	public ShippingQuote shipping(@PathVariable long id) {
		Order order = order(id);
		return this.shipping.quote(order.id(), order.total());
	}

	@GetMapping("/shipping/quotes")
	public ShippingQuote quote(@RequestParam long orderId, @RequestParam BigDecimal total,
			@RequestHeader(name = "X-Amzn-Trace-Id", defaultValue = "") String traceHeader,
			@RequestHeader(name = "traceparent", defaultValue = "") String traceparent) {
		BigDecimal price = (total.compareTo(new BigDecimal("100")) >= 0) ? BigDecimal.ZERO : new BigDecimal("4.90");
		return new ShippingQuote(orderId, "ACME Parcel", price, traceHeader, traceparent);
	}

	@GetMapping("/trace")
	public Map<String, String> trace() {
		return Map.of("traceId", XRay.currentTraceId());
	}

	private static ResponseStatusException notFound(String what, long id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, what + " " + id + " not found");
	}

	/**
	 * A request to place an order.
	 *
	 * @param customerId the customer
	 * @param lines the lines
	 */
	public record NewOrder(long customerId, List<OrderLine> lines) {
	}

}
