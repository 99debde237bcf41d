package io.github.xrayspring.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in HTTP server on 127.0.0.1 with a free port: records every request and answers
 * with queued responses, then with a default handler. Stands in for the X-Ray endpoint,
 * AWS services and metadata endpoints so that no test leaves the machine.
 *
 * @author xray-spring-boot-starter team
 */
public final class LoopbackHttpServer implements AutoCloseable {

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Deque<Response> queued = new ConcurrentLinkedDeque<>();

	private volatile Function<Request, Response> handler = (request) -> new Response(200, Map.of(), new byte[0]);

	private LoopbackHttpServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
					copy(exchange.getRequestHeaders()), body);
			this.requests.add(request);
			Response response = this.queued.poll();
			if (response == null) {
				response = this.handler.apply(request);
			}
			response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			exchange.sendResponseHeaders(response.status(),
					(response.body().length == 0) ? -1 : response.body().length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response.body());
			}
		});
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	/**
	 * Starts a server.
	 * @return the running server
	 * @throws IOException if it cannot bind
	 */
	public static LoopbackHttpServer start() throws IOException {
		return new LoopbackHttpServer();
	}

	private static Headers copy(Headers headers) {
		Headers copy = new Headers();
		copy.putAll(headers);
		return copy;
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public LoopbackHttpServer enqueue(int status) {
		return enqueue(new Response(status, Map.of(), new byte[0]));
	}

	public LoopbackHttpServer enqueue(Response response) {
		this.queued.add(response);
		return this;
	}

	public LoopbackHttpServer handler(Function<Request, Response> handler) {
		this.handler = handler;
		return this;
	}

	public List<Request> requests() {
		return new ArrayList<>(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A received request.
	 *
	 * @param method the method
	 * @param uri the request URI
	 * @param headers the headers (case-insensitive names)
	 * @param body the body
	 */
	public record Request(String method, URI uri, Headers headers, byte[] body) {

		public String header(String name) {
			return this.headers.getFirst(name);
		}

		public String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/**
	 * A response to send.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body
	 */
	public record Response(int status, Map<String, String> headers, byte[] body) {

		public static Response json(int status, String json) {
			return new Response(status, Map.of("Content-Type", "application/json"),
					json.getBytes(StandardCharsets.UTF_8));
		}

		public static Response of(int status, String contentType, String body) {
			return new Response(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
		}

	}

}
