package io.github.xrayspring.export.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.xrayspring.trace.internal.XRayTraceIds;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@code logging} exporter: logs every finished span at INFO as the X-Ray segment
 * document the ADOT collector would make of it, and keeps the most recent documents by
 * trace for the actuator endpoint.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class LoggingSpanExporter implements SpanExporter {

	/**
	 * Traces kept by default.
	 */
	public static final int DEFAULT_MAX_TRACES = 200;

	/**
	 * Documents kept by default, over all traces.
	 */
	public static final int DEFAULT_MAX_DOCUMENTS = 1000;

	/**
	 * The logger the documents are written to: a stable name, independent of where this
	 * class lives, so that users can set its level.
	 */
	public static final String LOGGER_NAME = "io.github.xrayspring.preview";

	private static final Log logger = LogFactory.getLog(LOGGER_NAME);

	private final SegmentDocumentTranslator translator;

	private final int maxTraces;

	private final int maxDocuments;

	private final Object lock = new Object();

	// insertion order is recency order: a trace that gets a document moves to the end
	private final LinkedHashMap<String, ArrayDeque<String>> traces = new LinkedHashMap<>();

	private int documentCount;

	/**
	 * Creates an exporter that keeps {@value #DEFAULT_MAX_TRACES} traces and
	 * {@value #DEFAULT_MAX_DOCUMENTS} documents.
	 */
	public LoggingSpanExporter() {
		this(DEFAULT_MAX_TRACES, DEFAULT_MAX_DOCUMENTS);
	}

	/**
	 * Creates an exporter with the given retention.
	 * @param maxTraces the most traces to keep, at least 1
	 * @param maxDocuments the most documents to keep over all traces, at least 1
	 */
	public LoggingSpanExporter(int maxTraces, int maxDocuments) {
		this(new SegmentDocumentTranslator(), maxTraces, maxDocuments);
	}

	/**
	 * Creates an exporter with the given translator and retention.
	 * @param translator turns spans into segment documents
	 * @param maxTraces the most traces to keep, at least 1
	 * @param maxDocuments the most documents to keep over all traces, at least 1
	 */
	public LoggingSpanExporter(SegmentDocumentTranslator translator, int maxTraces, int maxDocuments) {
		if (maxTraces < 1 || maxDocuments < 1) {
			throw new IllegalArgumentException(
					"maxTraces and maxDocuments must be at least 1, got " + maxTraces + " and " + maxDocuments);
		}
		this.translator = translator;
		this.maxTraces = maxTraces;
		this.maxDocuments = maxDocuments;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		for (SpanData span : spans) {
			try {
				String document = this.translator.translate(span);
				logger.info(document);
				retain(XRayTraceIds.toXRay(span.getTraceId()), document);
			}
			catch (RuntimeException ex) {
				// one span that cannot be shown must not cost the others
				logger.debug("Skipped a span that could not be translated to an X-Ray segment document", ex);
			}
		}
		return CompletableResultCode.ofSuccess();
	}

	private void retain(String traceId, String document) {
		synchronized (this.lock) {
			ArrayDeque<String> documents = this.traces.remove(traceId);
			if (documents == null) {
				documents = new ArrayDeque<>();
			}
			documents.addLast(document);
			this.traces.put(traceId, documents);
			this.documentCount++;
			evict();
		}
	}

	private void evict() {
		Iterator<Map.Entry<String, ArrayDeque<String>>> oldest = this.traces.entrySet().iterator();
		while (this.traces.size() > this.maxTraces || this.documentCount > this.maxDocuments) {
			ArrayDeque<String> documents = oldest.next().getValue();
			if (this.traces.size() > 1) {
				this.documentCount -= documents.size();
				oldest.remove();
			}
			else {
				// a single trace larger than the limit keeps its newest documents
				while (this.documentCount > this.maxDocuments) {
					documents.removeFirst();
					this.documentCount--;
				}
			}
		}
	}

	/**
	 * Returns the X-Ray IDs of the kept traces, the one that most recently got a document
	 * first.
	 * @return the trace IDs ({@code 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx})
	 */
	public List<String> recentTraceIds() {
		synchronized (this.lock) {
			List<String> traceIds = new ArrayList<>(this.traces.keySet());
			Collections.reverse(traceIds);
			return traceIds;
		}
	}

	/**
	 * Returns the kept segment documents of a trace in the order they were exported.
	 * @param traceId the X-Ray trace ID, or the 32-hex-digit OpenTelemetry one
	 * @return the documents, empty for an unknown trace
	 */
	public List<String> documents(String traceId) {
		String xrayTraceId = (traceId.length() == 32 && traceId.indexOf('-') < 0) ? XRayTraceIds.toXRay(traceId)
				: traceId;
		synchronized (this.lock) {
			ArrayDeque<String> documents = this.traces.get(xrayTraceId);
			return (documents != null) ? List.copyOf(documents) : List.of();
		}
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "LoggingSpanExporter{maxTraces=" + this.maxTraces + ", maxDocuments=" + this.maxDocuments + "}";
	}

}
