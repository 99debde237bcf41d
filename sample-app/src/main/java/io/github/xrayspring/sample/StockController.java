package io.github.xrayspring.sample;

import java.util.List;
import java.util.Map;

import io.github.xrayspring.sample.Order.OrderLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Stock levels in DynamoDB (the {@code aws} profile): each call to the table is an
 * {@code aws} subsegment of the request's segment.
 *
 * @author xray-spring-boot-starter team
 */
@RestController
@Profile("aws")
public class StockController {

	private final ShopRepository repository;

	private final DynamoDbClient dynamo;

	public StockController(ShopRepository repository, DynamoDbClient dynamo) {
		this.repository = repository;
		this.dynamo = dynamo;
	}

	@GetMapping("/orders/{id}/stock")
	public List<StockLevel> orderStock(@PathVariable long id) {
		Order order = this.repository.order(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "order " + id + " not found"));
		return order.lines().stream().map(this::stockOf).toList();
	}

	@PutMapping("/stock/{sku}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public void setStock(@PathVariable String sku, @RequestParam int quantity) {
		this.dynamo.putItem((put) -> put.tableName(AwsDemoConfiguration.STOCK_TABLE)
			.item(Map.of("sku", AttributeValue.fromS(sku), "quantity",
					AttributeValue.fromN(Integer.toString(quantity)))));
	}

	private StockLevel stockOf(OrderLine line) {
		Map<String, AttributeValue> item = this.dynamo
			.getItem((get) -> get.tableName(AwsDemoConfiguration.STOCK_TABLE)
				.key(Map.of("sku", AttributeValue.fromS(line.sku()))))
			.item();
		// an unknown product has no item: nothing in stock
		AttributeValue quantity = (item != null) ? item.get("quantity") : null;
		int inStock = (quantity != null) ? Integer.parseInt(quantity.n()) : 0;
		return new StockLevel(line.sku(), line.quantity(), inStock);
	}

	/**
	 * The stock of one order line.
	 *
	 * @param sku the product
	 * @param ordered how many the order wants
	 * @param inStock how many the table holds
	 */
	public record StockLevel(String sku, int ordered, int inStock) {
	}

}
