package io.github.xrayspring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application exports what is still queued when the collector is up, and does
 * not hang when it is down or never answers.
 *
 * @author xray-spring-boot-starter team
 */
class GracefulShutdownTests {

	private static final int REQUESTS = 100;

	private static final MisbehavingOtlpReceiver receiver = new MisbehavingOtlpReceiver();

	private final HttpClient client = HttpClient.newHttpClient();

	@AfterEach
	void collectorBack() {
		receiver.up();
		receiver.clear();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void queuedSpansAreExportedOnShutdown() throws Exception {
		ConfigurableApplicationContext context = start();
		List<String> paths = sendRequests(context);
		// The 10 s schedule delay keeps every span queued until the shutdown flushes it.
		assertThat(receiver.urlPaths()).isEmpty();
		context.close();
		assertThat(receiver.urlPaths()).containsAll(paths);
	}

	@ParameterizedTest
	@ValueSource(strings = { "down", "slow" })
	void shutdownIsBoundedWhenCollectorIsUnavailable(String trouble) throws Exception {
		ConfigurableApplicationContext context = start();
		sendRequests(context);
		if (trouble.equals("down")) {
			receiver.down();
		}
		else {
			receiver.mode(MisbehavingOtlpReceiver.Mode.SLOW);
		}
		long start = System.nanoTime();
		context.close();
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.printf("shutdown with collector %s took %d ms%n", trouble, millis);
		// Bounded by the exporter's 500 ms timeout and the processor's 2 s, not by the
		// collector's 30 s answer.
		assertThat(millis).isLessThan(8_000);
		assertThat(context.isActive()).isFalse();
	}

	private static ConfigurableApplicationContext start() {
		// Command-line arguments, so that they win over the sample's application.yml.
		return new SpringApplicationBuilder(ShopApplication.class).run("--server.port=0", "--xray.exporter.type=otlp",
				"--xray.sampling.max-traces-per-second=1000000",
				"--management.opentelemetry.tracing.export.otlp.endpoint=" + receiver.endpoint(),
				"--management.opentelemetry.tracing.export.schedule-delay=10s",
				"--management.opentelemetry.tracing.export.timeout=2s",
				"--management.opentelemetry.tracing.export.otlp.timeout=500ms",
				"--management.opentelemetry.tracing.export.otlp.connect-timeout=200ms",
				"--spring.lifecycle.timeout-per-shutdown-phase=5s");
	}

	private List<String> sendRequests(ConfigurableApplicationContext context) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		List<String> paths = new ArrayList<>();
		for (int i = 1; i <= REQUESTS; i++) {
			String path = "/orders/" + i;
			HttpResponse<String> response = this.client.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isLessThan(500);
			paths.add(path);
		}
		return paths;
	}

}
