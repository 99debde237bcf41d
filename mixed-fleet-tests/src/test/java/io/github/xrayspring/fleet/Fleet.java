package io.github.xrayspring.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The two services of a mixed fleet, started once per JVM: one on the X-Ray SDK for Java,
 * one on the starter, and the PostgreSQL database both query.
 *
 * @author xray-spring-boot-starter team
 */
final class Fleet {

	private static final SecureRandom random = new SecureRandom();

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final SdkService sdk;

	private final StarterService starter;

	private Fleet(SdkService sdk, StarterService starter) {
		this.sdk = sdk;
		this.starter = starter;
	}

	static Fleet shared() {
		return Shared.FLEET;
	}

	SdkService sdk() {
		return this.sdk;
	}

	StarterService starter() {
		return this.starter;
	}

	/**
	 * Returns a new X-Ray trace ID.
	 * @return the trace ID
	 */
	static String newTraceId() {
		byte[] bytes = new byte[12];
		random.nextBytes(bytes);
		return "1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(bytes);
	}

	/**
	 * Returns a new span ID, as a caller's {@code Parent}.
	 * @return the span ID
	 */
	static String newSpanId() {
		byte[] bytes = new byte[8];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	static String encode(String url) {
		return URLEncoder.encode(url, StandardCharsets.UTF_8);
	}

	/**
	 * Sends a GET request, with an {@code X-Amzn-Trace-Id} header unless it is
	 * {@code null}.
	 * @param url the URL
	 * @param traceHeader the header value or {@code null}
	 * @return the response
	 */
	static HttpResponse<String> get(String url, String traceHeader) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (traceHeader != null) {
			request.header("X-Amzn-Trace-Id", traceHeader);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static final class Shared {

		static final Fleet FLEET = start();

		private static Fleet start() {
			try {
				EmbeddedPostgres postgres = EmbeddedPostgres.builder()
					.setServerConfig("listen_addresses", "127.0.0.1")
					.start();
				DataSource database = postgres.getPostgresDatabase();
				try (Connection connection = database.getConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("create table orders (id bigint primary key, name varchar(40))");
					statement.execute("insert into orders values (7, 'seven')");
				}
				SdkService sdk = new SdkService(database);
				StarterService starter = new StarterService(postgres.getJdbcUrl("postgres", "postgres"));
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					starter.close();
					try {
						sdk.close();
						postgres.close();
					}
					catch (Exception ex) {
						// the JVM is ending anyway
					}
				}));
				return new Fleet(sdk, starter);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not start the mixed fleet", ex);
			}
		}

	}

}
