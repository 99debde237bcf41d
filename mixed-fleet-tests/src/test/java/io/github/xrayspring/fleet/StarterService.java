package io.github.xrayspring.fleet;

import java.util.Map;

import io.github.xrayspring.XRay;
import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.opentelemetry.api.trace.Span;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * A service on the starter that does what {@link SdkService} does, the Spring Boot way,
 * with the local X-Ray preview ({@code xray.exporter.type=logging}) keeping its segment
 * documents.
 *
 * @author xray-spring-boot-starter team
 */
final class StarterService implements AutoCloseable {

	static final String NAME = "starter-shop";

	private final ConfigurableApplicationContext context;

	StarterService(String jdbcUrl) {
		this.context = new SpringApplicationBuilder(Application.class)
			.properties("spring.application.name=" + NAME, "server.port=0", "server.address=127.0.0.1",
					"spring.datasource.url=" + jdbcUrl, "spring.datasource.username=postgres",
					"xray.exporter.type=logging",
					// every request without a sampling decision is sampled, as in
					// SdkService
					"xray.sampling.fixed-rate=1.0", "management.opentelemetry.tracing.export.schedule-delay=50ms",
					"logging.level.io.github.xrayspring.preview=warn")
			.run();
	}

	String url(String path) {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return "http://127.0.0.1:" + port + path;
	}

	LoggingSpanExporter preview() {
		return this.context.getBean(LoggingSpanExporter.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ShopController.class)
	static class Application {

	}

	@RestController
	static class ShopController {

		private final JdbcTemplate jdbc;

		private final RestClient restClient;

		ShopController(JdbcTemplate jdbc, RestClient.Builder restClient) {
			this.jdbc = jdbc;
			this.restClient = restClient.build();
		}

		@GetMapping("/starter/orders/{id}")
		public Map<String, Object> order(@PathVariable long id, @RequestParam String downstream,
				@RequestHeader(name = "X-Amzn-Trace-Id", defaultValue = "null") String header) {
			XRay.annotate("order_id", id);
			XRay.annotate("vip", true);
			XRay.annotate("customer", "c-1");
			XRay.metadata("lines", 3);
			// what xray.annotations.user-from-principal sets from Spring Security's
			// principal
			Span.current().setAttribute("enduser.id", "alice");
			if (id == 404) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			if (id == 500) {
				throw new IllegalStateException("order " + id + " is broken");
			}
			String name = this.jdbc.queryForObject("select name from orders where id = ?", String.class, id);
			String body = this.restClient.get().uri(downstream).retrieve().body(String.class);
			return Map.of("name", String.valueOf(name), "received", header, "downstream", String.valueOf(body));
		}

		@GetMapping("/starter/echo")
		public Map<String, String> echo(@RequestHeader(name = "X-Amzn-Trace-Id", defaultValue = "null") String header) {
			return Map.of("received", header, "traceId", XRay.currentTraceId());
		}

	}

}
