package io.github.xrayspring.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A loopback stand-in for DynamoDB, just enough for the {@code aws} profile's demo: it
 * answers {@code GetItem} and {@code PutItem} (AWS JSON 1.0) on tables with a single
 * partition key, keeps items in memory and never contacts AWS.
 *
 * @author xray-spring-boot-starter team
 */
public final class DynamoDbStandIn implements AutoCloseable {

	private static final String TARGET_PREFIX = "DynamoDB_20120810.";

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, String> keyAttributes = new ConcurrentHashMap<>();

	private final Map<String, ObjectNode> items = new ConcurrentHashMap<>();

	private final HttpServer server;

	private DynamoDbStandIn(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts a stand-in on a free loopback port.
	 * @return the running stand-in
	 * @throws IOException if the port cannot be bound
	 */
	public static DynamoDbStandIn start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		DynamoDbStandIn standIn = new DynamoDbStandIn(server);
		server.createContext("/", standIn::handle);
		server.start();
		return standIn;
	}

	/**
	 * Returns the endpoint to give the client's {@code endpointOverride}.
	 * @return the loopback URI
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Creates a table whose items are identified by one string attribute.
	 * @param table the table name
	 * @param keyAttribute the partition key attribute
	 */
	public void createTable(String table, String keyAttribute) {
		this.keyAttributes.put(table, keyAttribute);
	}

	/**
	 * Stores an item directly, as a table's existing data, without a traced call.
	 * @param table the table name
	 * @param item the item in DynamoDB's JSON form, such as
	 * <code>{"sku":{"S":"BOOK-001"}}</code>
	 */
	public void seed(String table, String item) {
		JsonNode node = this.json.readTree(item);
		String keyAttribute = this.keyAttributes.get(table);
		if (keyAttribute == null || !(node instanceof ObjectNode object) || !node.has(keyAttribute)) {
			throw new IllegalArgumentException("No table " + table + " or no key in " + item);
		}
		this.items.put(table + "/" + node.get(keyAttribute), object);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
			String operation = (target != null && target.startsWith(TARGET_PREFIX))
					? target.substring(TARGET_PREFIX.length()) : "";
			JsonNode request;
			try {
				request = this.json.readTree(body);
			}
			catch (JacksonException ex) {
				respond(exchange, 400, error("SerializationException", "The request body is not JSON"));
				return;
			}
			String table = request.path("TableName").asString("");
			String keyAttribute = this.keyAttributes.get(table);
			if (keyAttribute == null) {
				respond(exchange, 400, error("ResourceNotFoundException", "Requested resource not found: " + table));
				return;
			}
			switch (operation) {
				case "GetItem" -> getItem(exchange, table, request.path("Key").path(keyAttribute));
				case "PutItem" -> putItem(exchange, table, request.path("Item"), keyAttribute);
				default -> respond(exchange, 400, error("UnknownOperationException", "Unsupported: " + target));
			}
		}
	}

	private void getItem(HttpExchange exchange, String table, JsonNode key) throws IOException {
		ObjectNode response = this.json.createObjectNode();
		ObjectNode item = this.items.get(table + "/" + key);
		if (item != null) {
			response.set("Item", item);
		}
		respond(exchange, 200, response);
	}

	private void putItem(HttpExchange exchange, String table, JsonNode item, String keyAttribute) throws IOException {
		if (!(item instanceof ObjectNode object) || !item.has(keyAttribute)) {
			respond(exchange, 400, error("ValidationException", "The item has no key attribute " + keyAttribute));
			return;
		}
		this.items.put(table + "/" + item.get(keyAttribute), object);
		respond(exchange, 200, this.json.createObjectNode());
	}

	private ObjectNode error(String type, String message) {
		ObjectNode error = this.json.createObjectNode();
		error.put("__type", "com.amazonaws.dynamodb.v20120810#" + type);
		error.put("message", message);
		return error;
	}

	private void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
		byte[] bytes = this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
		exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
