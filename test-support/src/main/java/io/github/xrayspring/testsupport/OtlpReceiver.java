package io.github.xrayspring.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import static org.assertj.core.api.Assertions.fail;

/**
 * An in-process OTLP trace receiver on loopback, over HTTP (protobuf, optionally gzip)
 * and gRPC, that decodes what it receives.
 *
 * @author xray-spring-boot-starter team
 */
public final class OtlpReceiver implements AutoCloseable {

	private static final MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> EXPORT = MethodDescriptor
		.<ExportTraceServiceRequest, ExportTraceServiceResponse>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName("opentelemetry.proto.collector.trace.v1.TraceService/Export")
		.setRequestMarshaller(ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()))
		.setResponseMarshaller(ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
		.build();

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private final List<String> transports = new CopyOnWriteArrayList<>();

	private final HttpServer http;

	private final Server grpc;

	/**
	 * Starts a receiver on free loopback ports.
	 * @throws IOException if a port cannot be bound
	 */
	public OtlpReceiver() throws IOException {
		this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.http.createContext("/v1/traces", this::handleHttp);
		this.http.start();
		this.grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(ServerServiceDefinition.builder("opentelemetry.proto.collector.trace.v1.TraceService")
				.addMethod(EXPORT, ServerCalls.asyncUnaryCall((request, response) -> {
					receive(request, "grpc");
					response.onNext(ExportTraceServiceResponse.getDefaultInstance());
					response.onCompleted();
				}))
				.build())
			.build()
			.start();
	}

	/**
	 * Returns the OTLP/HTTP endpoint, for Spring Boot's OTLP exporter.
	 * @return the URL of {@code /v1/traces}
	 */
	public String httpEndpoint() {
		return "http://127.0.0.1:" + this.http.getAddress().getPort() + "/v1/traces";
	}

	/**
	 * Returns the OTLP/gRPC endpoint.
	 * @return the URL
	 */
	public String grpcEndpoint() {
		return "http://127.0.0.1:" + this.grpc.getPort();
	}

	/**
	 * Returns the transport of each export received, {@code http} or {@code grpc}.
	 * @return the transports
	 */
	public List<String> transports() {
		return this.transports;
	}

	private void handleHttp(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
			InputStream in = gzip ? new GZIPInputStream(body) : body;
			receive(ExportTraceServiceRequest.parseFrom(in.readAllBytes()), "http");
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
	}

	private void receive(ExportTraceServiceRequest request, String transport) {
		this.transports.add(transport);
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					this.spans.add(new ReceivedSpan(resourceSpans.getResource(), span));
				}
			}
		}
	}

	/**
	 * Waits until spans matching a condition arrive.
	 * @param condition the condition
	 * @param count how many are expected
	 * @return the matching spans
	 */
	public List<ReceivedSpan> await(Predicate<ReceivedSpan> condition, int count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			List<ReceivedSpan> matching = this.spans.stream().filter(condition).toList();
			if (matching.size() >= count) {
				return matching;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return fail("Expected %d spans matching the condition, received: %s", count, this.spans);
	}

	/**
	 * Waits until a span matching a condition arrives.
	 * @param condition the condition
	 * @return the first matching span
	 */
	public ReceivedSpan awaitOne(Predicate<ReceivedSpan> condition) {
		return await(condition, 1).get(0);
	}

	/**
	 * Returns the spans received so far.
	 * @return the spans
	 */
	public List<ReceivedSpan> spans() {
		return new ArrayList<>(this.spans);
	}

	/**
	 * Forgets what was received.
	 */
	public void clear() {
		this.spans.clear();
		this.transports.clear();
	}

	@Override
	public void close() {
		this.http.stop(0);
		this.grpc.shutdownNow();
	}

	/**
	 * A span as received, with its resource.
	 *
	 * @param resource the resource
	 * @param span the span
	 */
	public record ReceivedSpan(Resource resource, Span span) {

		/**
		 * Returns the trace ID in hex.
		 * @return the ID
		 */
		public String traceId() {
			return hex(this.span.getTraceId().toByteArray());
		}

		/**
		 * Returns the span ID in hex.
		 * @return the ID
		 */
		public String spanId() {
			return hex(this.span.getSpanId().toByteArray());
		}

		/**
		 * Returns the parent span ID in hex, empty for a root.
		 * @return the ID
		 */
		public String parentSpanId() {
			return hex(this.span.getParentSpanId().toByteArray());
		}

		/**
		 * Returns a span attribute.
		 * @param key the key
		 * @return the value, or the empty value when absent
		 */
		public AnyValue attribute(String key) {
			return find(this.span.getAttributesList(), key);
		}

		/**
		 * Returns a resource attribute.
		 * @param key the key
		 * @return the value, or the empty value when absent
		 */
		public AnyValue resourceAttribute(String key) {
			return find(this.resource.getAttributesList(), key);
		}

		/**
		 * Returns whether the span has a string attribute with the given value.
		 * @param key the key
		 * @param value the value
		 * @return whether it has
		 */
		public boolean hasAttribute(String key, String value) {
			return value.equals(attribute(key).getStringValue());
		}

		private static AnyValue find(List<KeyValue> attributes, String key) {
			return attributes.stream()
				.filter((attribute) -> attribute.getKey().equals(key))
				.map(KeyValue::getValue)
				.findFirst()
				.orElse(AnyValue.getDefaultInstance());
		}

		private static String hex(byte[] bytes) {
			StringBuilder hex = new StringBuilder();
			for (byte b : bytes) {
				hex.append(String.format("%02x", b));
			}
			return hex.toString();
		}

		@Override
		public String toString() {
			return this.span.getKind() + " " + this.span.getName() + " " + traceId();
		}

	}

}
