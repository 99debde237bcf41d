package io.github.xrayspring.sample;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Queries that show what the X-Ray preview makes of SQL: a slow statement, an N+1 loop
 * and the join that replaces it.
 *
 * @author xray-spring-boot-starter team
 */
@Repository
public class SqlDemoRepository implements InitializingBean {

	private final JdbcClient jdbc;

	public SqlDemoRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// Runs at startup with no span current, so it is not traced.
	@Override
	public void afterPropertiesSet() {
		this.jdbc.sql("CREATE ALIAS IF NOT EXISTS DEMO_SLEEP FOR 'java.lang.Thread.sleep(long)'").update();
	}

	public void sleep(long millis) {
		this.jdbc.sql("CALL DEMO_SLEEP(?)").param(millis).update();
	}

	public List<OrderSummary> orderSummariesOneByOne() {
		List<OrderSummary> summaries = new ArrayList<>();
		for (OrderRow order : this.jdbc.sql("SELECT id, customer_id FROM orders ORDER BY id")
			.query(OrderRow.class)
			.list()) {
			String customer = this.jdbc.sql("SELECT name FROM customer WHERE id = ?")
				.param(order.customerId())
				.query(String.class)
				.single();
			summaries.add(new OrderSummary(order.id(), customer));
		}
		return summaries;
	}

	public List<OrderSummary> orderSummariesJoined() {
		return this.jdbc
			.sql("SELECT o.id AS order_id, c.name AS customer FROM orders o JOIN customer c ON c.id = o.customer_id"
					+ " ORDER BY o.id")
			.query(OrderSummary.class)
			.list();
	}

	/**
	 * An order with the name of its customer.
	 *
	 * @param orderId the order
	 * @param customer the customer's name
	 */
	public record OrderSummary(long orderId, String customer) {
	}

	private record OrderRow(long id, long customerId) {
	}

}
