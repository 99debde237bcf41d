package io.github.xrayspring.sampling.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * X-Ray's sampling API ({@code /GetSamplingRules} and {@code /SamplingTargets}) as a
 * collector or X-Ray daemon serves it, on a loopback port, with answers set by the test.
 *
 * @author xray-spring-boot-starter team
 */
final class FakeSamplingApi implements Closeable {

	private final int port;

	private HttpServer server;

	private volatile String rules = rulesResponse();

	private volatile String targets = "{\"SamplingTargetDocuments\": [], \"UnprocessedStatistics\": []}";

	private final List<String> targetRequests = new CopyOnWriteArrayList<>();

	private volatile int ruleRequests;

	private FakeSamplingApi(HttpServer server) {
		this.server = server;
		this.port = server.getAddress().getPort();
	}

	static FakeSamplingApi start() throws IOException {
		return new FakeSamplingApi(serve(0));
	}

	private static HttpServer serve(int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		server.start();
		return server;
	}

	private void handle(HttpServer server) {
		server.createContext("/GetSamplingRules", (exchange) -> {
			this.ruleRequests++;
			respond(exchange, this.rules);
		});
		server.createContext("/SamplingTargets", (exchange) -> {
			this.targetRequests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			respond(exchange, this.targets);
		});
	}

	FakeSamplingApi serving() {
		handle(this.server);
		return this;
	}

	private static void respond(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream output = exchange.getResponseBody()) {
			output.write(bytes);
		}
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	void setRules(String rules) {
		this.rules = rules;
	}

	void setTargets(String targets) {
		this.targets = targets;
	}

	List<String> targetRequests() {
		return this.targetRequests;
	}

	int ruleRequests() {
		return this.ruleRequests;
	}

	void stop() {
		this.server.stop(0);
	}

	void restart() throws IOException {
		this.server = serve(this.port);
		handle(this.server);
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Returns a {@code GetSamplingRules} response.
	 * @param rules {@code SamplingRule} objects
	 * @return the response
	 */
	static String rulesResponse(String... rules) {
		StringBuilder json = new StringBuilder("{\"NextToken\": null, \"SamplingRuleRecords\": [");
		for (int i = 0; i < rules.length; i++) {
			json.append((i > 0) ? "," : "")
				.append("{\"CreatedAt\": 1.67E9, \"ModifiedAt\": 1.67E9, \"SamplingRule\": ")
				.append(rules[i])
				.append("}");
		}
		return json.append("]}").toString();
	}

	/**
	 * Returns a {@code SamplingRule} object.
	 * @param name the rule name
	 * @param priority the priority
	 * @param urlPath the URL path
	 * @param reservoirSize the reservoir size
	 * @param fixedRate the fixed rate
	 * @return the rule
	 */
	static String rule(String name, int priority, String urlPath, int reservoirSize, double fixedRate) {
		return rule(name, priority, "*", "*", urlPath, reservoirSize, fixedRate, "{}");
	}

	static String rule(String name, int priority, String serviceName, String serviceType, String urlPath,
			int reservoirSize, double fixedRate, String attributes) {
		return """
				{"RuleName": "%s", "RuleARN": "arn:aws:xray:us-east-1:123456789012:sampling-rule/%s",
				 "ResourceARN": "*", "Priority": %d, "FixedRate": %s, "ReservoirSize": %d,
				 "ServiceName": "%s", "ServiceType": "%s", "Host": "*", "HTTPMethod": "*", "URLPath": "%s",
				 "Version": 1, "Attributes": %s}
				""".formatted(name, name, priority, fixedRate, reservoirSize, serviceName, serviceType, urlPath,
				attributes);
	}

}
