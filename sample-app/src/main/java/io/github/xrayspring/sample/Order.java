package io.github.xrayspring.sample;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An order with its lines.
 *
 * @param id the ID
 * @param customerId the customer's ID
 * @param status the status
 * @param createdAt when it was placed
 * @param lines the lines
 * @author xray-spring-boot-starter team
 */
public record Order(long id, long customerId, String status, LocalDateTime createdAt, List<OrderLine> lines) {

	/**
	 * Returns the order total.
	 * @return the sum of the lines
	 */
	public BigDecimal total() {
		return this.lines.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/**
	 * One line of an order.
	 *
	 * @param sku the product
	 * @param quantity how many
	 * @param unitPrice the price of one
	 */
	public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {

		/**
		 * Returns the line amount.
		 * @return quantity times unit price
		 */
		public BigDecimal amount() {
			return this.unitPrice.multiply(BigDecimal.valueOf(this.quantity));
		}

	}

}
