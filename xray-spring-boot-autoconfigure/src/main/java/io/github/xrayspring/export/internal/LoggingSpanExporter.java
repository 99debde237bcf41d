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
 * The local X-Ray preview: turns every finished span into the X-Ray segment document the
 * ADOT collector would make of it, logs it at INFO (the {@code logging} exporter) and
 * keeps the documents of the most recent traces for the actuator endpoint and the trace
 * page. Next to another exporter it can keep the documents without logging them. The
 * documents kept are bounded by a number of traces and by their total size in bytes
 * (UTF-8); a document larger than the byte bound is logged but not kept.
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
	 * Bytes of documents kept by default, over all traces.
	 */
	public static final long DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

	/**
	 * The logger the documents are written to: a stable name, independent of where this
	 * class lives, so that users can set its level.
	 */
	public static final String LOGGER_NAME = "io.github.xrayspring.preview";

	private static final Log logger = LogFactory.getLog(LOGGER_NAME);

	private final SegmentDocumentTranslator translator;

	private final int maxTraces;

	private final long maxBytes;

	private final boolean log;

	private final Object lock = new Object();

	// insertion order is recency order: a trace that gets a document moves to the end
	private final LinkedHashMap<String, ArrayDeque<Document>> traces = new LinkedHashMap<>();

	private long bytes;

	/**
	 * Creates an exporter that logs every document and keeps {@value #DEFAULT_MAX_TRACES}
	 * traces and {@value #DEFAULT_MAX_BYTES} bytes.
	 */
	public LoggingSpanExporter() {
		this(DEFAULT_MAX_TRACES, DEFAULT_MAX_BYTES, true);
	}

	/**
	 * Creates an exporter with the given retention.
	 * @param maxTraces the most traces to keep, at least 1
	 * @param maxBytes the most bytes of documents to keep over all traces, at least 1
	 * @param log whether to log every document at INFO
	 */
	public LoggingSpanExporter(int maxTraces, long maxBytes, boolean log) {
		this(new SegmentDocumentTranslator(), maxTraces, maxBytes, log);
	}

	/**
	 * Creates an exporter with the given translator and retention.
	 * @param translator turns spans into segment documents
	 * @param maxTraces the most traces to keep, at least 1
	 * @param maxBytes the most bytes of documents to keep over all traces, at least 1
	 * @param log whether to log every document at INFO
	 */
	public LoggingSpanExporter(SegmentDocumentTranslator translator, int maxTraces, long maxBytes, boolean log) {
		if (maxTraces < 1 || maxBytes < 1) {
			throw new IllegalArgumentException(
					"maxTraces and maxBytes must be at least 1, got " + maxTraces + " and " + maxBytes);
		}
		this.translator = translator;
		this.maxTraces = maxTraces;
		this.maxBytes = maxBytes;
		this.log = log;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		for (SpanData span : spans) {
			try {
				String document = this.translator.translate(span);
				if (this.log) {
					logger.info(document);
				}
				retain(XRayTraceIds.toXRay(span.getTraceId()), document);
			}
			catch (RuntimeException ex) {
				// one span that cannot be shown must not cost the others
				logger.debug("Skipped a span that could not be translated to an X-Ray segment document", ex);
			}
		}
		return CompletableResultCode.ofSuccess();
	}

	private void retain(String traceId, String text) {
		Document document = new Document(text, utf8Length(text));
		if (document.bytes() > this.maxBytes) {
			return;
		}
		synchronized (this.lock) {
			ArrayDeque<Document> documents = this.traces.remove(traceId);
			if (documents == null) {
				documents = new ArrayDeque<>();
			}
			documents.addLast(document);
			this.traces.put(traceId, documents);
			this.bytes += document.bytes();
			evict();
		}
	}

	private void evict() {
		Iterator<Map.Entry<String, ArrayDeque<Document>>> oldest = this.traces.entrySet().iterator();
		while (this.traces.size() > this.maxTraces || this.bytes > this.maxBytes) {
			ArrayDeque<Document> documents = oldest.next().getValue();
			if (this.traces.size() > 1) {
				for (Document document : documents) {
					this.bytes -= document.bytes();
				}
				oldest.remove();
			}
			else {
				// a single trace larger than the limit keeps its newest documents
				while (this.bytes > this.maxBytes) {
					this.bytes -= documents.removeFirst().bytes();
				}
			}
		}
	}

	static long utf8Length(String text) {
		long length = text.length();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				// surrogate pairs: 2 chars, 4 bytes
				length += (c < 0x800) ? 1 : Character.isSurrogate(c) ? 1 : 2;
			}
		}
		return length;
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
	 * Returns the kept traces with their documents, the one that most recently got a
	 * document first.
	 * @return the kept traces
	 */
	public List<Trace> recentTraces() {
		synchronized (this.lock) {
			List<Trace> traces = new ArrayList<>(this.traces.size());
			this.traces.forEach((traceId, documents) -> traces.add(new Trace(traceId, texts(documents))));
			Collections.reverse(traces);
			return traces;
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
			ArrayDeque<Document> documents = this.traces.get(xrayTraceId);
			return (documents != null) ? texts(documents) : List.of();
		}
	}

	/**
	 * Returns the bytes of the kept documents.
	 * @return the UTF-8 size of every kept document
	 */
	public long retainedBytes() {
		synchronized (this.lock) {
			return this.bytes;
		}
	}

	/**
	 * Returns the most traces kept.
	 * @return the trace bound
	 */
	public int getMaxTraces() {
		return this.maxTraces;
	}

	/**
	 * Returns the most bytes of documents kept.
	 * @return the byte bound
	 */
	public long getMaxBytes() {
		return this.maxBytes;
	}

	private static List<String> texts(ArrayDeque<Document> documents) {
		List<String> texts = new ArrayList<>(documents.size());
		for (Document document : documents) {
			texts.add(document.text());
		}
		return texts;
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
		return "LoggingSpanExporter{maxTraces=" + this.maxTraces + ", maxBytes=" + this.maxBytes + ", log=" + this.log
				+ "}";
	}

	/**
	 * A kept trace.
	 *
	 * @param traceId the X-Ray trace ID
	 * @param documents its segment documents in the order they were exported
	 */
	public record Trace(String traceId, List<String> documents) {

	}

	private record Document(String text, long bytes) {

	}

}
