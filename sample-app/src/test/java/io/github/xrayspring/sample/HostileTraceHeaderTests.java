package io.github.xrayspring.sample;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import io.github.xrayspring.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded generator sends malformed {@code X-Amzn-Trace-Id} and {@code traceparent}
 * headers, alone and together: every request succeeds, starts a new trace, and nothing
 * above WARN is logged. A failure message names the seed; rerun with
 * {@code -Dhostile.seed=<seed>}.
 *
 * @author xray-spring-boot-starter team
 */
@TestPropertySource(properties = "xray.sampling.max-traces-per-second=1000000")
@ExtendWith(OutputCaptureExtension.class)
class HostileTraceHeaderTests extends EndToEndTests {

	private static final int REQUESTS = 10_000;

	// Every malformed header carries this trace ID: a header that was wrongly accepted
	// would continue its trace.
	private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";

	private static final String SPAN_ID = "53995c3f42cd8ad8";

	private static final String PRINTABLE = " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
			+ "abcdefghijklmnopqrstuvwxyz{|}~\t\"";

	private static final Pattern ABOVE_WARN = Pattern.compile("\\s(ERROR|FATAL)\\s");

	@Test
	void malformedTraceHeadersNeverFailARequestAndAlwaysStartANewTrace(CapturedOutput output) throws Exception {
		long seed = Long.getLong("hostile.seed", System.nanoTime());
		System.out.println("hostile trace headers: seed " + seed);
		Random random = new Random(seed);
		HttpClient client = HttpClient.newHttpClient();
		Semaphore inFlight = new Semaphore(8);
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		List<CompletableFuture<?>> responses = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < REQUESTS; i++) {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri("/shipping/quotes?orderId=1&total=5"));
			String xray = null;
			String traceparent = null;
			switch (i % 3) {
				case 0 -> xray = malformedXRayHeader(random);
				case 1 -> traceparent = malformedTraceparent(random);
				default -> {
					xray = malformedXRayHeader(random);
					traceparent = malformedTraceparent(random);
				}
			}
			String headers = "X-Amzn-Trace-Id=" + xray + " traceparent=" + traceparent;
			if (xray != null) {
				request.header("X-Amzn-Trace-Id", xray);
			}
			if (traceparent != null) {
				request.header("traceparent", traceparent);
			}
			inFlight.acquire();
			responses.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
				.whenComplete((response, ex) -> {
					inFlight.release();
					if (ex != null || response.statusCode() >= 500) {
						failures.add(((ex != null) ? ex.toString() : response.statusCode()) + " for " + headers);
					}
				}));
		}
		CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).join();
		System.out.printf("hostile trace headers: %d requests in %d ms%n", REQUESTS,
				(System.nanoTime() - start) / 1_000_000);
		assertThat(failures).as("seed %d", seed).isEmpty();
		List<ReceivedSpan> servers = receiver.await((span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER
				&& span.hasAttribute("url.path", "/shipping/quotes"), REQUESTS);
		Set<String> traceIds = new HashSet<>();
		for (ReceivedSpan server : servers) {
			assertThat(server.traceId()).as("seed %d", seed).isNotEqualTo(TRACE_ID);
			assertThat(server.parentSpanId()).as("seed %d", seed).isNotEqualTo(SPAN_ID);
			traceIds.add(server.traceId());
		}
		assertThat(traceIds).as("seed %d: a new trace for each request", seed).hasSize(servers.size());
		assertThat(output.getAll().lines().filter((line) -> ABOVE_WARN.matcher(line).find()))
			.as("seed %d: log lines above WARN", seed)
			.isEmpty();
	}

	// An X-Ray header whose Root cannot be read, in one of several ways.
	private static String malformedXRayHeader(Random random) {
		String epoch = TRACE_ID.substring(0, 8);
		String unique = TRACE_ID.substring(8);
		String root = switch (random.nextInt(8)) {
			case 0 -> "Root=1-" + epoch + "-" + unique.substring(0, 1 + random.nextInt(23));
			case 1 -> "Root=1-" + epoch + "-" + unique + "0";
			case 2 -> "Root=" + (2 + random.nextInt(8)) + "-" + epoch + "-" + unique;
			case 3 -> "Root=1-" + replaceOne(random, epoch + "-" + unique, "ghijklmnopqrstuvwxyz_:.,!~");
			case 4 -> "Root=1-00000000-000000000000000000000000";
			case 5 -> "Root=1" + epoch + unique;
			case 6 -> "Parent=" + SPAN_ID + ";Sampled=1";
			default -> garbage(random, 1 + random.nextInt(200));
		};
		String tail = switch (random.nextInt(5)) {
			case 0 -> "";
			case 1 -> ";Parent=" + SPAN_ID + ";Sampled=" + random.nextInt(3);
			case 2 -> ";Parent=" + garbage(random, random.nextInt(20)) + ";Sampled=?";
			case 3 -> ";;;=;Self=" + garbage(random, random.nextInt(30));
			default -> ";" + garbage(random, random.nextInt(300));
		};
		return mutateCase(random, root + tail);
	}

	// A traceparent that the W3C rules reject, in one of several ways.
	private static String malformedTraceparent(Random random) {
		return switch (random.nextInt(10)) {
			case 0 -> "00-" + TRACE_ID.substring(0, random.nextInt(32)) + "-" + SPAN_ID + "-01";
			case 1 -> "00-" + replaceOne(random, TRACE_ID, "ghijkxyz-_ G") + "-" + SPAN_ID + "-01";
			case 2 -> "00-" + "0".repeat(32) + "-" + SPAN_ID + "-01";
			case 3 -> "00-" + TRACE_ID + "-" + "0".repeat(16) + "-01";
			case 4 -> "ff-" + TRACE_ID + "-" + SPAN_ID + "-01";
			case 5 -> "00-" + TRACE_ID + "-" + SPAN_ID + "-01-" + garbage(random, 1 + random.nextInt(20));
			case 6 -> "00-" + TRACE_ID + "-" + SPAN_ID + "-" + garbage(random, random.nextInt(2)) + "x";
			case 7 -> "00_" + TRACE_ID + "_" + SPAN_ID + "_01";
			case 8 -> "00-" + TRACE_ID + "-" + replaceOne(random, SPAN_ID, "ghijkxyz-_ ") + "-01";
			default -> garbage(random, random.nextInt(120)) + "-" + TRACE_ID + "-" + garbage(random, 3);
		};
	}

	private static String replaceOne(Random random, String text, String replacements) {
		int at = random.nextInt(text.length());
		return text.substring(0, at) + replacements.charAt(random.nextInt(replacements.length()))
				+ text.substring(at + 1);
	}

	private static String garbage(Random random, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(PRINTABLE.charAt(random.nextInt(PRINTABLE.length())));
		}
		return text.toString();
	}

	private static String mutateCase(Random random, String text) {
		return random.nextInt(4) == 0 ? text.toLowerCase() : text;
	}

}
