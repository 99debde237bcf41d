package io.github.xrayspring.ops.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.xrayspring.json.internal.JsonReader;
import org.jspecify.annotations.Nullable;

/**
 * What the trace list shows and filters on, read from a trace's segment documents: the
 * root segment's name, request and response time, the trace's duration and span count,
 * whether any segment or subsegment has a fault, error or throttle, and every annotation.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class TraceFacts {

	private final Summary summary;

	private final Map<String, List<Object>> annotations;

	private TraceFacts(Summary summary, Map<String, List<Object>> annotations) {
		this.summary = summary;
		this.annotations = annotations;
	}

	/**
	 * Reads the facts of a trace; documents that are not JSON objects are skipped.
	 * @param traceId the X-Ray trace ID
	 * @param documents the trace's segment documents
	 * @return the facts
	 */
	static TraceFacts of(String traceId, List<String> documents) {
		List<Map<?, ?>> segments = new ArrayList<>();
		for (String document : documents) {
			try {
				if (JsonReader.readValue(document) instanceof Map<?, ?> map) {
					segments.add(map);
				}
			}
			catch (RuntimeException ex) {
				// a document the page cannot read is still served as printed
			}
		}
		Set<Object> ids = new HashSet<>();
		segments.forEach((segment) -> ids.add(segment.get("id")));
		Map<?, ?> root = null;
		double start = Double.MAX_VALUE;
		double end = -Double.MAX_VALUE;
		boolean fault = false;
		boolean error = false;
		boolean throttle = false;
		Map<String, List<Object>> annotations = new LinkedHashMap<>();
		for (Map<?, ?> segment : segments) {
			Double segmentStart = number(segment.get("start_time"));
			Double segmentEnd = number(segment.get("end_time"));
			start = (segmentStart != null) ? Math.min(start, segmentStart) : start;
			end = (segmentEnd != null) ? Math.max(end, segmentEnd) : end;
			fault |= Boolean.TRUE.equals(segment.get("fault"));
			error |= Boolean.TRUE.equals(segment.get("error"));
			throttle |= Boolean.TRUE.equals(segment.get("throttle"));
			if (segment.get("annotations") instanceof Map<?, ?> values) {
				values
					.forEach((key, value) -> annotations.computeIfAbsent(String.valueOf(key), (k) -> new ArrayList<>())
						.add(value));
			}
			boolean isSegment = !"subsegment".equals(segment.get("type"));
			boolean parentHere = ids.contains(segment.get("parent_id"));
			if (isSegment && !parentHere && (root == null || earlier(segment, root))) {
				root = segment;
			}
		}
		Map<?, ?> request = (root != null) ? map(map(root.get("http")).get("request")) : Map.of();
		Map<?, ?> response = (root != null) ? map(map(root.get("http")).get("response")) : Map.of();
		Double rootStart = (root != null) ? number(root.get("start_time")) : null;
		Double rootEnd = (root != null) ? number(root.get("end_time")) : null;
		Number status = (response.get("status") instanceof Number number) ? number : null;
		Summary summary = new Summary(traceId, (root != null) ? text(root.get("name")) : null,
				text(request.get("method")), text(request.get("url")), (status != null) ? status.intValue() : null,
				(start != Double.MAX_VALUE) ? start : null, (end >= start) ? round(end - start) : null,
				(rootStart != null && rootEnd != null) ? round(rootEnd - rootStart) : null, documents.size(), fault,
				error, throttle);
		return new TraceFacts(summary, annotations);
	}

	private static boolean earlier(Map<?, ?> candidate, Map<?, ?> current) {
		Double candidateStart = number(candidate.get("start_time"));
		Double currentStart = number(current.get("start_time"));
		return candidateStart != null && (currentStart == null || candidateStart < currentStart);
	}

	private static double round(double seconds) {
		return Math.round(seconds * 1_000_000) / 1_000_000.0;
	}

	private static Map<?, ?> map(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? map : Map.of();
	}

	private static @Nullable Double number(@Nullable Object value) {
		return (value instanceof Number number) ? number.doubleValue() : null;
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value instanceof String text) ? text : null;
	}

	Summary summary() {
		return this.summary;
	}

	/**
	 * Returns the values of an annotation over every document of the trace.
	 * @param key the annotation key
	 * @return the values, empty if no document has it
	 */
	List<Object> annotation(String key) {
		return this.annotations.getOrDefault(key, List.of());
	}

	/**
	 * One line of the trace list.
	 *
	 * @param traceId the X-Ray trace ID
	 * @param name the root segment's name
	 * @param method the root segment's HTTP method
	 * @param url the root segment's URL
	 * @param status the root segment's HTTP status
	 * @param startTime the earliest start time (epoch seconds)
	 * @param duration seconds from the earliest start to the latest end
	 * @param responseTime seconds the root segment took
	 * @param spans the number of documents kept
	 * @param fault whether a segment or subsegment has a fault (5xx)
	 * @param error whether a segment or subsegment has an error (4xx)
	 * @param throttle whether a segment or subsegment was throttled (429)
	 */
	public record Summary(String traceId, @Nullable String name, @Nullable String method, @Nullable String url,
			@Nullable Integer status, @Nullable Double startTime, @Nullable Double duration,
			@Nullable Double responseTime, int spans, boolean fault, boolean error, boolean throttle) {

	}

}
