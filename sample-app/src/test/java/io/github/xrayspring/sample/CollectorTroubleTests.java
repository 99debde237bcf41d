package io.github.xrayspring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop keeps serving while the collector is down, slow or refusing spans: requests
 * succeed without waiting for export, the queue bounds what is kept, lost spans are
 * counted, the exporter's errors are throttled and export resumes by itself.
 *
 * @author xray-spring-boot-starter team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "xray.exporter.type=otlp", "xray.sampling.max-traces-per-second=1000000",
				"management.opentelemetry.tracing.export.schedule-delay=50ms",
				"management.opentelemetry.tracing.export.max-queue-size=64",
				"management.opentelemetry.tracing.export.max-batch-size=16",
				"management.opentelemetry.tracing.export.timeout=500ms",
				"management.opentelemetry.tracing.export.otlp.timeout=300ms",
				"management.opentelemetry.tracing.export.otlp.connect-timeout=200ms" })
@AutoConfigureTracing
@ExtendWith(OutputCaptureExtension.class)
class CollectorTroubleTests {

	private static final int REQUESTS = 300;

	private static final MisbehavingOtlpReceiver receiver = new MisbehavingOtlpReceiver();

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void otlpEndpoint(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", receiver::endpoint);
	}

	@AfterEach
	void collectorBack() {
		receiver.up();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void collectorDown(CapturedOutput output) throws Exception {
		survives(receiver::down, "down", output);
	}

	@Test
	void collectorAnswersAfterThirtySeconds(CapturedOutput output) throws Exception {
		survives(() -> receiver.mode(MisbehavingOtlpReceiver.Mode.SLOW), "slow", output);
	}

	@Test
	void collectorAnswers503(CapturedOutput output) throws Exception {
		survives(() -> receiver.mode(MisbehavingOtlpReceiver.Mode.UNAVAILABLE), "503", output);
	}

	private void survives(Runnable trouble, String name, CapturedOutput output) throws Exception {
		latencies(REQUESTS);
		long[] healthy = latencies(REQUESTS);
		double droppedBefore = dropped();
		int logLinesBefore = exportErrors(output);
		trouble.run();
		long[] troubled = latencies(REQUESTS);
		System.out.printf("collector %s: p50 %.2f ms, p99 %.2f ms (healthy: p50 %.2f ms, p99 %.2f ms), dropped %.0f%n",
				name, percentile(troubled, 50), percentile(troubled, 99), percentile(healthy, 50),
				percentile(healthy, 99), dropped() - droppedBefore);
		// Requests never wait for the exporter: its 300 ms timeout would show in p99.
		assertThat(percentile(troubled, 99)).isLessThan(250);
		assertThat(percentile(troubled, 50)).isLessThan(percentile(healthy, 50) * 3 + 20);
		// 600 spans against a queue of 64 and a failing exporter: lost spans are counted.
		assertThat(dropped() - droppedBefore).isGreaterThan(0);
		// OpenTelemetry's exporter throttles its own error log; the starter adds none.
		assertThat(exportErrors(output) - logLinesBefore).isLessThanOrEqualTo(6);
		receiver.up();
		receiver.clear();
		String path = "/orders/" + (9000 + name.length());
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!receiver.urlPaths().contains(path) && System.nanoTime() < deadline) {
			assertThat(get(path).statusCode()).isLessThan(500);
			Thread.sleep(200);
		}
		assertThat(receiver.urlPaths()).as("export resumed after the collector came back").contains(path);
	}

	private long[] latencies(int count) throws Exception {
		long[] micros = new long[count];
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = get("/customers/1");
			micros[i] = (System.nanoTime() - start) / 1_000;
			assertThat(response.statusCode()).isEqualTo(200);
		}
		return micros;
	}

	private static double percentile(long[] micros, int percentile) {
		long[] sorted = micros.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1000.0;
	}

	// Lost spans: dropped from the full queue, and failed at export.
	private double dropped() {
		return this.meters.get("xray.spans.dropped").functionCounter().count()
				+ this.meters.get("xray.spans.exported").tag("outcome", "failure").functionCounter().count();
	}

	private static int exportErrors(CapturedOutput output) {
		return (int) output.getAll().lines().filter((line) -> line.contains("Failed to export spans")).count();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
