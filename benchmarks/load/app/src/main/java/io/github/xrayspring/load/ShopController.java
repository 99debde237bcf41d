package io.github.xrayspring.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The three request shapes of the load mix: a single-row read, a list read one row at a
 * time (N+1) and a write of two statements in one transaction.
 */
@RestController
class ShopController {

	private final JdbcClient jdbc;

	private final LoadStats stats;

	ShopController(JdbcClient jdbc, LoadStats stats) {
		this.jdbc = jdbc;
		this.stats = stats;
	}

	@GetMapping("/items/{id}")
	Map<String, Object> item(@PathVariable long id) {
		this.stats.request();
		return findItem(id);
	}

	@GetMapping("/customers/{customerId}/orders")
	List<Map<String, Object>> orders(@PathVariable long customerId) {
		this.stats.request();
		List<Long> itemIds = this.jdbc.sql("SELECT item_id FROM orders WHERE customer_id = ? ORDER BY id LIMIT 10")
			.param(customerId)
			.query(Long.class)
			.list();
		// one query per row on purpose: the N+1 shape that makes a span per statement
		List<Map<String, Object>> items = new ArrayList<>(itemIds.size());
		for (Long itemId : itemIds) {
			items.add(findItem(itemId));
		}
		return items;
	}

	@PostMapping("/customers/{customerId}/orders")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Map<String, Object> order(@PathVariable long customerId, @RequestParam long item) {
		this.stats.request();
		this.jdbc.sql("INSERT INTO orders (customer_id, item_id) VALUES (?, ?)").params(customerId, item).update();
		int updated = this.jdbc.sql("UPDATE item SET stock = stock - 1 WHERE id = ?").param(item).update();
		if (updated != 1) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return Map.of("customer", customerId, "item", item);
	}

	@GetMapping("/stats")
	String stats() {
		return this.stats.report();
	}

	private Map<String, Object> findItem(long id) {
		return this.jdbc.sql("SELECT id, name, price, stock FROM item WHERE id = ?").param(id).query().singleRow();
	}

}
