package io.github.xrayspring.sampling.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.xrayspring.json.internal.Json;
import io.github.xrayspring.json.internal.JsonNode;
import io.github.xrayspring.json.internal.JsonReader;

/**
 * Calls X-Ray's sampling API ({@code GetSamplingRules} and {@code GetSamplingTargets})
 * through the local proxy of a collector or X-Ray daemon.
 *
 * @author xray-spring-boot-starter team
 */
final class SamplingApiClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final int MAX_PAGES = 20;

	// a rules page is a few KB; a larger answer is not the sampling API
	private static final int MAX_BODY_BYTES = 1024 * 1024;

	private final HttpClient httpClient;

	private final URI rulesUri;

	private final URI targetsUri;

	SamplingApiClient(String endpoint) {
		String base = (endpoint.endsWith("/")) ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
		this.rulesUri = URI.create(base + "/GetSamplingRules");
		this.targetsUri = URI.create(base + "/SamplingTargets");
		this.httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
	}

	/**
	 * Returns the {@code SamplingRule} objects of all pages of rule records.
	 * @return the rules
	 * @throws IOException if the endpoint cannot be reached or does not answer 200
	 * @throws InterruptedException if interrupted while waiting
	 */
	List<JsonNode> getSamplingRules() throws IOException, InterruptedException {
		List<JsonNode> rules = new ArrayList<>();
		String nextToken = null;
		for (int page = 0; page < MAX_PAGES; page++) {
			JsonNode response = post(this.rulesUri,
					(nextToken != null) ? Json.toJson(Map.of("NextToken", nextToken)) : "{}");
			JsonNode records = response.fields().get("SamplingRuleRecords");
			if (records == null) {
				throw response.error("has no 'SamplingRuleRecords'");
			}
			for (JsonNode record : records.elements()) {
				JsonNode rule = record.fields().get("SamplingRule");
				if (rule == null) {
					throw record.error("has no 'SamplingRule'");
				}
				rules.add(rule);
			}
			JsonNode token = response.fields().get("NextToken");
			if (token == null || token.isNull() || token.text().isEmpty()) {
				return rules;
			}
			nextToken = token.text();
		}
		throw new IOException("More than " + MAX_PAGES + " pages of sampling rules");
	}

	/**
	 * Reports statistics and returns the targets X-Ray assigned.
	 * @param body the {@code GetSamplingTargets} request
	 * @return the response
	 * @throws IOException if the endpoint cannot be reached or does not answer 200
	 * @throws InterruptedException if interrupted while waiting
	 */
	JsonNode getSamplingTargets(String body) throws IOException, InterruptedException {
		return post(this.targetsUri, body);
	}

	private JsonNode post(URI uri, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		HttpResponse<InputStream> response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream in = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException(uri + " answered HTTP " + response.statusCode());
			}
			byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
			if (bytes.length > MAX_BODY_BYTES) {
				throw new IOException(uri + " answered more than " + MAX_BODY_BYTES + " bytes");
			}
			return JsonReader.read(new String(bytes, StandardCharsets.UTF_8));
		}
	}

	/**
	 * Releases the HTTP client's resources where the JDK allows it (Java 21 and later).
	 */
	void close() {
		if (this.httpClient instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// nothing left to release
			}
		}
	}

}
