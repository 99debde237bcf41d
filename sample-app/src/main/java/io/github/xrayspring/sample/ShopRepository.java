package io.github.xrayspring.sample;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.xrayspring.annotation.XRayAnnotate;
import io.github.xrayspring.annotation.XRayAnnotate.Phase;
import io.github.xrayspring.sample.Order.OrderLine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers and orders in the database.
 *
 * @author xray-spring-boot-starter team
 */
@Repository
public class ShopRepository {

	private final JdbcClient jdbc;

	public ShopRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Customer> customers() {
		return this.jdbc.sql("SELECT id, name, email, tier FROM customer ORDER BY id").query(Customer.class).list();
	}

	public List<Customer> customersNamed(String name) {
		return this.jdbc.sql("SELECT id, name, email, tier FROM customer WHERE LOWER(name) LIKE ? ORDER BY id")
			.param("%" + name.toLowerCase(Locale.ROOT) + "%")
			.query(Customer.class)
			.list();
	}

	public Optional<Customer> customer(long id) {
		return this.jdbc.sql("SELECT id, name, email, tier FROM customer WHERE id = ?")
			.param(id)
			.query(Customer.class)
			.optional();
	}

	public Optional<Order> order(long id) {
		return this.jdbc.sql("SELECT id, customer_id, status, created_at FROM orders WHERE id = ?")
			.param(id)
			.query((rs, row) -> new Order(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("status"),
					rs.getTimestamp("created_at").toLocalDateTime(), lines(rs.getLong("id"))))
			.optional();
	}

	public List<Long> orderIds(long customerId) {
		return this.jdbc.sql("SELECT id FROM orders WHERE customer_id = ? ORDER BY id")
			.param(customerId)
			.query(Long.class)
			.list();
	}

	public List<OrderLine> lines(long orderId) {
		return this.jdbc.sql("SELECT sku, quantity, unit_price FROM order_line WHERE order_id = ? ORDER BY id")
			.param(orderId)
			.query(OrderLine.class)
			.list();
	}

	@Transactional
	@XRayAnnotate(key = "line_count", value = "#lines.size", when = Phase.BEFORE)
	public long placeOrder(long customerId, List<OrderLine> lines) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO orders (customer_id, status, created_at) VALUES (?, 'NEW', ?)")
			.params(customerId, Timestamp.valueOf(LocalDateTime.now()))
			.update(keys, "id");
		long orderId = keys.getKeyAs(Long.class);
		for (OrderLine line : lines) {
			this.jdbc.sql("INSERT INTO order_line (order_id, sku, quantity, unit_price) VALUES (?, ?, ?, ?)")
				.params(orderId, line.sku(), line.quantity(), line.unitPrice())
				.update();
		}
		return orderId;
	}

}
