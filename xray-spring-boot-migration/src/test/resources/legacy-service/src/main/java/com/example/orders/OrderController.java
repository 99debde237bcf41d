package com.example.orders;

import java.util.Map;

import com.amazonaws.xray.AWSXRay;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderController {

	private final JdbcTemplate jdbc;

	public OrderController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/orders/{id}")
	public Map<String, Object> order(@PathVariable long id) {
		AWSXRay.getCurrentSegment().putAnnotation("order_id", id);
		AWSXRay.getCurrentSegment().putAnnotation("channel", "web");
		AWSXRay.getCurrentSegment().putMetadata("lines", 3);
		String name = AWSXRay.createSubsegment("load-order", (subsegment) -> {
			subsegment.putAnnotation("table", "orders");
			return this.jdbc.queryForObject("select name from orders where id = ?", String.class, id);
		});
		return Map.of("id", id, "name", name);
	}

	@GetMapping("/ping")
	public String ping() {
		AWSXRay.getCurrentSegment().putAnnotation("ping", true);
		return "pong";
	}

}
