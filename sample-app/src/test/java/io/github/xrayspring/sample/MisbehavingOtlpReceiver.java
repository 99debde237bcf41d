package io.github.xrayspring.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import static org.assertj.core.api.Assertions.fail;

/**
 * An OTLP/HTTP trace receiver on a fixed loopback port that misbehaves on request: it can
 * be down (nothing listens), answer {@code 503}, or answer only after a delay longer than
 * any exporter timeout, and it comes back on the same port.
 *
 * @author xray-spring-boot-starter team
 */
final class MisbehavingOtlpReceiver implements AutoCloseable {

	enum Mode {

		/** Accepts and decodes every request. */
		OK,

		/** Answers 503 Service Unavailable. */
		UNAVAILABLE,

		/** Answers after {@link MisbehavingOtlpReceiver#SLOW_ANSWER}. */
		SLOW

	}

	static final Duration SLOW_ANSWER = Duration.ofSeconds(30);

	private final int port;

	private final Set<String> urlPaths = ConcurrentHashMap.newKeySet();

	private final AtomicInteger spans = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	private volatile Mode mode = Mode.OK;

	private volatile ExecutorService executor;

	private volatile HttpServer server;

	MisbehavingOtlpReceiver() {
		this.server = start(0);
		this.port = this.server.getAddress().getPort();
	}

	private HttpServer start(int port) {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
			http.createContext("/v1/traces", this::handle);
			this.executor = Executors.newCachedThreadPool();
			http.setExecutor(this.executor);
			http.start();
			return http;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.port + "/v1/traces";
	}

	void mode(Mode mode) {
		this.mode = mode;
	}

	/**
	 * Stops listening: connections are refused until {@link #up()}.
	 */
	void down() {
		HttpServer http = this.server;
		if (http != null) {
			http.stop(0);
			this.executor.shutdownNow();
			this.server = null;
		}
	}

	/**
	 * Listens again on the same port, answering normally.
	 */
	void up() {
		this.mode = Mode.OK;
		if (this.server == null) {
			this.server = start(this.port);
		}
	}

	int requests() {
		return this.requests.get();
	}

	int spans() {
		return this.spans.get();
	}

	Set<String> urlPaths() {
		return this.urlPaths;
	}

	void clear() {
		this.urlPaths.clear();
		this.spans.set(0);
		this.requests.set(0);
	}

	void awaitUrlPaths(Predicate<Set<String>> condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.test(this.urlPaths)) {
				return;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		fail("Spans did not arrive in %s, received paths: %s", timeout, this.urlPaths.size());
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try (exchange) {
			byte[] body = readBody(exchange);
			switch (this.mode) {
				case UNAVAILABLE -> {
					exchange.sendResponseHeaders(503, -1);
					return;
				}
				case SLOW -> {
					try {
						Thread.sleep(SLOW_ANSWER.toMillis());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
				default -> {
				}
			}
			record(ExportTraceServiceRequest.parseFrom(body));
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
	}

	private static byte[] readBody(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
			return (gzip ? new GZIPInputStream(body) : body).readAllBytes();
		}
	}

	private void record(ExportTraceServiceRequest request) {
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					this.spans.incrementAndGet();
					for (KeyValue attribute : span.getAttributesList()) {
						if (attribute.getKey().equals("url.path")) {
							this.urlPaths.add(attribute.getValue().getStringValue());
						}
					}
				}
			}
		}
	}

	@Override
	public void close() {
		down();
	}

}
