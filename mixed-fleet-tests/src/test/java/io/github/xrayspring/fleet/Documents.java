package io.github.xrayspring.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.github.xrayspring.export.internal.LoggingSpanExporter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * Reads X-Ray segment documents: the SDK's (a segment with its subsegments inside) and
 * the starter's preview (one document per span).
 *
 * @author xray-spring-boot-starter team
 */
final class Documents {

	private static final JsonMapper json = JsonMapper.builder().build();

	private Documents() {
	}

	static JsonNode parse(String document) {
		return json.readTree(document);
	}

	/**
	 * Returns a document and all subsegments nested in it, depth first.
	 * @param document the document
	 * @return the entities
	 */
	static List<JsonNode> entities(JsonNode document) {
		List<JsonNode> entities = new ArrayList<>();
		entities.add(document);
		for (JsonNode subsegment : document.path("subsegments")) {
			entities.addAll(entities(subsegment));
		}
		return entities;
	}

	static JsonNode find(List<JsonNode> entities, Predicate<JsonNode> condition, String description) {
		return entities.stream()
			.filter(condition)
			.findFirst()
			.orElseGet(() -> fail("No %s among %s", description, entities));
	}

	static boolean isSql(JsonNode entity) {
		return entity.has("sql");
	}

	static boolean isHttpCall(JsonNode entity) {
		return "remote".equals(entity.path("namespace").asString()) && entity.has("http");
	}

	static boolean isSubsegment(JsonNode entity) {
		return "subsegment".equals(entity.path("type").asString());
	}

	/**
	 * Waits for the starter's preview documents of a trace, until its segment is in:
	 * spans are exported as they end, so the subsegments are in by then.
	 * @param preview the preview
	 * @param traceId the X-Ray trace ID
	 * @return the parsed documents
	 */
	static List<JsonNode> awaitStarter(LoggingSpanExporter preview, String traceId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			List<JsonNode> documents = preview.documents(traceId).stream().map(Documents::parse).toList();
			if (documents.stream().anyMatch((document) -> !isSubsegment(document))) {
				return documents;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return fail("The starter exported no segment for trace %s: %s", traceId, preview.documents(traceId));
	}

	/**
	 * Flattens an entity to its leaf fields, without its subsegments.
	 * @param entity the entity
	 * @return the fields by path ({@code http.response.status})
	 */
	static Map<String, String> fields(JsonNode entity) {
		Map<String, String> fields = new TreeMap<>();
		flatten("", entity, fields);
		return fields;
	}

	private static void flatten(String path, JsonNode node, Map<String, String> fields) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (!(path.isEmpty() && field.getKey().equals("subsegments"))) {
					flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), fields);
				}
			}
		}
		else if (node.isArray()) {
			fields.put(path, "[" + node.size() + " entries]");
		}
		else {
			fields.put(path, node.isString() ? "\"" + node.asString() + "\"" : node.toString());
		}
	}

}
