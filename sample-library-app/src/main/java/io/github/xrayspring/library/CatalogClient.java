package io.github.xrayspring.library;

import java.util.Map;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls the catalog service (played by this application's own {@code /catalog} endpoint)
 * with the {@link RestClient} Spring Boot builds, so that the call is traced.
 *
 * @author xray-spring-boot-starter team
 */
@Component
public class CatalogClient {

	private final RestClient.Builder builder;

	private final ApplicationContext context;

	CatalogClient(RestClient.Builder builder, ApplicationContext context) {
		this.builder = builder;
		this.context = context;
	}

	@SuppressWarnings("unchecked")
	public Map<String, Object> details(String title) {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return this.builder.baseUrl("http://localhost:" + port)
			.build()
			.get()
			.uri("/catalog?title={title}", title)
			.retrieve()
			.body(Map.class);
	}

}
