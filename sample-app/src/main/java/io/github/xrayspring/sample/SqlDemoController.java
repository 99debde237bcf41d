package io.github.xrayspring.sample;

import java.util.List;
import java.util.Map;

import io.github.xrayspring.sample.SqlDemoRepository.OrderSummary;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints whose X-Ray preview shows SQL subsegments: {@code /sql/slow} is annotated
 * {@code sql_slow}, {@code /sql/orders/n-plus-one} gets {@code sql_n_plus_one} on its
 * segment, and {@code /sql/orders/joined} answers the same with one statement.
 *
 * @author xray-spring-boot-starter team
 */
@RestController
public class SqlDemoController {

	private static final long MAX_SLEEP_MILLIS = 5_000;

	private final SqlDemoRepository repository;

	public SqlDemoController(SqlDemoRepository repository) {
		this.repository = repository;
	}

	@GetMapping("/sql/slow")
	public Map<String, Long> slow(@RequestParam(defaultValue = "1200") long millis) {
		long sleep = Math.max(0, Math.min(millis, MAX_SLEEP_MILLIS));
		this.repository.sleep(sleep);
		return Map.of("sleptMillis", sleep);
	}

	@GetMapping("/sql/orders/n-plus-one")
	public List<OrderSummary> ordersOneByOne() {
		return this.repository.orderSummariesOneByOne();
	}

	@GetMapping("/sql/orders/joined")
	public List<OrderSummary> ordersJoined() {
		return this.repository.orderSummariesJoined();
	}

}
