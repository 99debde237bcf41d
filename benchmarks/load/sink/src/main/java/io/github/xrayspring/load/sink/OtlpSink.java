package io.github.xrayspring.load.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * Accepts OTLP/HTTP protobuf POSTs on {@code /v1/traces} on a loopback port, decodes them
 * and counts the spans; {@code GET /count} answers {@code spans <n>} and
 * {@code exports <n>}. Usage:
 * {@code java -jar load-otlp-sink.jar <port-file> <max-seconds>} writes the port it
 * listens on to the file and exits after the given time at the latest;
 * {@code java -jar load-otlp-sink.jar --free-port} prints a free loopback port and exits.
 */
public final class OtlpSink {

	private static final byte[] EMPTY_RESPONSE = ExportTraceServiceResponse.getDefaultInstance().toByteArray();

	private final AtomicLong spans = new AtomicLong();

	private final AtomicLong exports = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private OtlpSink() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 1 && args[0].equals("--free-port")) {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				System.out.println(socket.getLocalPort());
			}
			return;
		}
		if (args.length != 2) {
			System.err.println("usage: OtlpSink <port-file> <max-seconds> | --free-port");
			System.exit(2);
		}
		new OtlpSink().serve(Path.of(args[0]), Long.parseLong(args[1]));
	}

	private void serve(Path portFile, long maxSeconds) throws IOException, InterruptedException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		server.setExecutor(executor);
		server.createContext("/v1/traces", this::traces);
		server.createContext("/count", this::count);
		server.start();
		Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
		Files.writeString(partial, Integer.toString(server.getAddress().getPort()));
		Files.move(partial, portFile);
		// stops by itself even if the script that started it is gone
		Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
		server.stop(0);
		executor.shutdownNow();
	}

	private void traces(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!exchange.getRequestMethod().equals("POST")) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			ExportTraceServiceRequest request;
			try {
				request = ExportTraceServiceRequest.parseFrom(body);
			}
			catch (IOException ex) {
				this.rejected.incrementAndGet();
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			long count = 0;
			for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					count += scopeSpans.getSpansCount();
				}
			}
			this.spans.addAndGet(count);
			this.exports.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, EMPTY_RESPONSE.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(EMPTY_RESPONSE);
			}
		}
	}

	private void count(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = ("spans " + this.spans.get() + "\nexports " + this.exports.get() + "\nrejected "
					+ this.rejected.get() + "\n")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

}
