package io.github.xrayspring.export.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.github.xrayspring.trace.internal.AttributeValues;
import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.github.xrayspring.trace.internal.XRaySpans;
import io.github.xrayspring.trace.internal.XRayTraceIds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Decides which span attributes leave the process as X-Ray annotations: the keys already
 * listed in {@code aws.xray.annotations} (by {@code @XRayAnnotate}, {@code XRay.annotate}
 * or the application itself) and the configured attribute keys. Keys X-Ray would not
 * index from the list ({@code http.*}, {@code db.*}, {@code aws.*}) or that hold other
 * characters than {@code [A-Za-z0-9_]} are copied under the sanitized key, string values
 * are cut to {@value XRayAnnotations#MAX_VALUE_LENGTH} characters, and at most
 * {@value XRayAnnotations#MAX_KEYS_PER_TRACE} distinct keys per trace leave the process;
 * a dropped key stays on the span as metadata.
 * <p>
 * This runs on finished spans inside {@link XRaySpanExporter} rather than in a span
 * processor: OpenTelemetry SDK 1.62 lets a processor change a span while it ends only
 * through {@code ExtendedSpanProcessor}, which is still in an internal package, and a
 * decorator of the exporters needs nothing but stable API and keeps the work off the
 * request thread. Spans reach the exporter in the order they end, so a trace's keys are
 * counted until its outermost local root is exported and then forgotten (the
 * {@link #localRootTracker() local root tracker} counts the local roots that started);
 * the number of traces tracked at once is bounded.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRayAnnotationPromoter {

	private static final Log logger = LogFactory.getLog(XRayAnnotationPromoter.class);

	private static final String ENDUSER_ID = "enduser.id";

	static final int MAX_TRACKED_TRACES = 10_000;

	static final int MAX_DROPPED_KEYS = 1_000;

	private final Set<String> attributes;

	private final Map<String, TraceKeys> traces = new ConcurrentHashMap<>();

	private final Set<String> droppedKeys = ConcurrentHashMap.newKeySet();

	private final LongAdder promoted = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final SpanProcessor localRootTracker = new LocalRootTracker();

	/**
	 * Creates a promoter that only applies the limits to listed annotations.
	 */
	public XRayAnnotationPromoter() {
		this(List.of());
	}

	/**
	 * Creates a promoter.
	 * @param attributes the span attribute keys promoted on every span that carries them
	 */
	public XRayAnnotationPromoter(Collection<String> attributes) {
		this.attributes = new LinkedHashSet<>(attributes);
	}

	/**
	 * Returns the span as it should leave the process.
	 * @param span a finished span
	 * @return the span, or a copy whose attributes carry the promoted annotations
	 */
	public SpanData promote(SpanData span) {
		Attributes attributes = span.getAttributes();
		Attributes promoted = promote(span, attributes);
		return (promoted != attributes) ? ModifiedSpanData.of(span, promoted) : span;
	}

	/**
	 * Returns the attributes a span should leave the process with, read once by the
	 * caller.
	 * @param span a finished span
	 * @param attributes its attributes
	 * @return the same attributes, or a copy that carries the promoted annotations
	 */
	public Attributes promote(SpanData span, Attributes attributes) {
		List<String> listed = attributes.get(XRayAnnotations.ANNOTATIONS);
		Attributes promoted = attributes;
		if ((listed != null && !listed.isEmpty()) || !this.attributes.isEmpty()) {
			promoted = promote(span, attributes, (listed != null) ? listed : List.of());
		}
		if (XRaySpans.isLocalRoot(span.getParentSpanContext())) {
			release(span.getTraceId());
		}
		return promoted;
	}

	/**
	 * Returns the span processor that counts the local roots of each trace as they start,
	 * so that a trace's keys are forgotten only when its outermost local root is exported
	 * (a service calling itself has several local roots in one trace). Without it the
	 * keys are forgotten when any local root of the trace is exported.
	 * @return the span processor to register with the tracer provider
	 */
	public SpanProcessor localRootTracker() {
		return this.localRootTracker;
	}

	/**
	 * Returns how many annotations left the process, counted once per span.
	 * @return the number of promoted annotations
	 */
	public long getPromoted() {
		return this.promoted.sum();
	}

	/**
	 * Returns how many annotations were dropped because their trace already had
	 * {@value XRayAnnotations#MAX_KEYS_PER_TRACE} keys.
	 * @return the number of dropped annotations
	 */
	public long getDropped() {
		return this.dropped.sum();
	}

	/**
	 * Returns the annotation keys dropped so far, at most {@value #MAX_DROPPED_KEYS} (the
	 * first ones seen).
	 * @return the dropped keys, sorted
	 */
	public List<String> getDroppedKeys() {
		return this.droppedKeys.stream().sorted().toList();
	}

	int getTrackedTraces() {
		return this.traces.size();
	}

	private Attributes promote(SpanData span, Attributes attributes, List<String> listed) {
		Map<String, AttributeKey<?>> keys = new HashMap<>();
		attributes.forEach((key, value) -> {
			String name = key.getKey();
			if (this.attributes.contains(name) || listed.contains(name)) {
				keys.put(name, key);
			}
		});
		if (keys.isEmpty() && listed.isEmpty()) {
			return attributes;
		}
		Set<String> candidates = new LinkedHashSet<>(listed);
		candidates.addAll(this.attributes);
		AttributesBuilder builder = null;
		List<String> promoted = new ArrayList<>();
		TraceKeys trace = null;
		for (String name : candidates) {
			AttributeKey<?> key = keys.get(name);
			if (key == null || !isScalar(key.getType()) || name.equals(ENDUSER_ID)) {
				continue;
			}
			String annotationKey = XRayAnnotations.sanitizeKey(name);
			if (promoted.contains(annotationKey)) {
				continue;
			}
			trace = (trace != null) ? trace : trace(span.getTraceId());
			if (!trace.admit(annotationKey)) {
				drop(annotationKey, span);
				continue;
			}
			Object value = attributes.get(key);
			Object annotationValue = (value instanceof String text) ? XRayAnnotations.truncateValue(text) : value;
			if (!annotationKey.equals(name) || annotationValue != value) {
				builder = (builder != null) ? builder : attributes.toBuilder();
				put(builder, annotationKey, annotationValue);
			}
			promoted.add(annotationKey);
		}
		this.promoted.add(promoted.size());
		if (builder == null && promoted.equals(listed)) {
			return attributes;
		}
		builder = (builder != null) ? builder : attributes.toBuilder();
		if (promoted.isEmpty()) {
			builder.remove(XRayAnnotations.ANNOTATIONS);
		}
		else {
			builder.put(XRayAnnotations.ANNOTATIONS, promoted);
		}
		return builder.build();
	}

	private static boolean isScalar(AttributeType type) {
		return type == AttributeType.STRING || type == AttributeType.LONG || type == AttributeType.DOUBLE
				|| type == AttributeType.BOOLEAN;
	}

	private static void put(AttributesBuilder builder, String key, Object value) {
		builder.put(AttributeValues.key(key, value), value);
	}

	private void release(String traceId) {
		this.traces.computeIfPresent(traceId, (id, trace) -> trace.closeLocalRoot() ? null : trace);
	}

	private TraceKeys trace(String traceId) {
		TraceKeys trace = this.traces.get(traceId);
		if (trace != null) {
			return trace;
		}
		if (this.traces.size() >= MAX_TRACKED_TRACES) {
			// a trace whose local root never arrives must not hold memory forever
			Iterator<String> iterator = this.traces.keySet().iterator();
			if (iterator.hasNext()) {
				iterator.next();
				iterator.remove();
			}
		}
		return this.traces.computeIfAbsent(traceId, (id) -> new TraceKeys());
	}

	private void drop(String annotationKey, SpanData span) {
		this.dropped.increment();
		if (this.droppedKeys.size() < MAX_DROPPED_KEYS && this.droppedKeys.add(annotationKey)) {
			logger.warn("X-Ray annotation '" + annotationKey + "' dropped on span '" + span.getName() + "' of trace "
					+ XRayTraceIds.toXRay(span.getTraceId()) + ": the trace already has "
					+ XRayAnnotations.MAX_KEYS_PER_TRACE + " annotation keys, X-Ray's limit; it stays as metadata "
					+ "(logged once per key)");
		}
	}

	/**
	 * The annotation keys of one trace that left the process.
	 */
	private static final class TraceKeys {

		private final Set<String> keys = new HashSet<>();

		private int openLocalRoots;

		synchronized void openLocalRoot() {
			this.openLocalRoots++;
		}

		/**
		 * Records that a local root was exported.
		 * @return whether no local root of the trace is open any more
		 */
		synchronized boolean closeLocalRoot() {
			return --this.openLocalRoots <= 0;
		}

		// uncontended: one exporter thread sees a trace's spans
		synchronized boolean admit(String key) {
			if (this.keys.contains(key)) {
				return true;
			}
			if (this.keys.size() >= XRayAnnotations.MAX_KEYS_PER_TRACE) {
				return false;
			}
			this.keys.add(key);
			return true;
		}

	}

	/**
	 * Counts the sampled local roots of each trace as they start.
	 */
	private final class LocalRootTracker implements SpanProcessor {

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
			if (span.getSpanContext().isSampled() && XRaySpans.isLocalRoot(span.getParentSpanContext())) {
				trace(span.getSpanContext().getTraceId()).openLocalRoot();
			}
		}

		@Override
		public boolean isStartRequired() {
			return true;
		}

		@Override
		public void onEnd(ReadableSpan span) {
		}

		@Override
		public boolean isEndRequired() {
			return false;
		}

	}

}
