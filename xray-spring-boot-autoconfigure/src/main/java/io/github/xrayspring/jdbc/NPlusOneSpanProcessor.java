package io.github.xrayspring.jdbc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import io.github.xrayspring.trace.XRayAnnotations;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.jspecify.annotations.Nullable;

/**
 * Counts the statement shapes each local root span (usually a request's server span)
 * runs, and annotates the local root {@code sql_n_plus_one} while it is still open when
 * one shape runs more often than the threshold. Memory is bounded per local root and
 * overall, and released when the local root ends.
 * <p>
 * Local roots are found by trace ID: when one process holds two local roots of the same
 * trace at once (a service calling itself), statements count towards the first.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class NPlusOneSpanProcessor implements SpanProcessor {

	/**
	 * The annotation set on the local root.
	 */
	public static final String ANNOTATION = "sql_n_plus_one";

	/**
	 * The metadata attribute holding the repeated statement.
	 */
	public static final String STATEMENT_ATTRIBUTE = "sql_n_plus_one_statement";

	static final int MAX_LOCAL_ROOTS = 10_000;

	static final int MAX_SHAPES = 64;

	private final int threshold;

	private final ConcurrentMap<String, LocalRoot> localRoots = new ConcurrentHashMap<>();

	private final JdbcStatistics statistics;

	/**
	 * Creates a processor.
	 * @param threshold the number of runs of one statement shape in one local root that
	 * is still fine
	 * @param statistics the counters to update
	 */
	public NPlusOneSpanProcessor(int threshold, JdbcStatistics statistics) {
		if (threshold < 1) {
			throw new IllegalArgumentException(
					"xray.jdbc.n-plus-one-threshold must be at least 1 but was " + threshold);
		}
		this.threshold = threshold;
		this.statistics = statistics;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		SpanContext spanContext = span.getSpanContext();
		if (!spanContext.isSampled() || !isLocalRoot(span)) {
			return;
		}
		if (this.localRoots.size() >= MAX_LOCAL_ROOTS) {
			// Roots that ended without reaching onEnd (a processor failure) are the only
			// ones that can pile up.
			this.localRoots.values().removeIf((localRoot) -> localRoot.span.hasEnded());
			if (this.localRoots.size() >= MAX_LOCAL_ROOTS) {
				return;
			}
		}
		this.localRoots.putIfAbsent(spanContext.getTraceId(), new LocalRoot(span));
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (isLocalRoot(span)) {
			String traceId = span.getSpanContext().getTraceId();
			LocalRoot localRoot = this.localRoots.get(traceId);
			if (localRoot != null && localRoot.span == span) {
				this.localRoots.remove(traceId, localRoot);
			}
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	/**
	 * Counts one run of a statement shape in the local root of a trace.
	 * @param traceId the trace of the statement
	 * @param shape the sanitized statement
	 */
	void record(String traceId, String shape) {
		LocalRoot localRoot = this.localRoots.get(traceId);
		if (localRoot != null && localRoot.count(shape) == this.threshold + 1 && localRoot.flag()) {
			XRayAnnotations.annotate(localRoot.span, ANNOTATION, true);
			localRoot.span.setAttribute(STATEMENT_ATTRIBUTE, shape);
			this.statistics.nPlusOneDetected();
		}
	}

	int trackedLocalRoots() {
		return this.localRoots.size();
	}

	private static boolean isLocalRoot(ReadableSpan span) {
		SpanContext parent = span.getParentSpanContext();
		return !parent.isValid() || parent.isRemote();
	}

	/**
	 * The counts of one local root: an open-addressing table of shape hashes, made on the
	 * first statement and updated without locks.
	 */
	private static final class LocalRoot {

		private static final AtomicReferenceFieldUpdater<LocalRoot, Shapes> SHAPES = AtomicReferenceFieldUpdater
			.newUpdater(LocalRoot.class, Shapes.class, "shapes");

		private static final AtomicIntegerFieldUpdater<LocalRoot> FLAGGED = AtomicIntegerFieldUpdater
			.newUpdater(LocalRoot.class, "flagged");

		final ReadWriteSpan span;

		volatile @Nullable Shapes shapes;

		volatile int flagged;

		LocalRoot(ReadWriteSpan span) {
			this.span = span;
		}

		int count(String shape) {
			Shapes current = this.shapes;
			if (current == null) {
				SHAPES.compareAndSet(this, null, new Shapes());
				current = this.shapes;
			}
			return (current != null) ? current.increment(shape.hashCode()) : 0;
		}

		boolean flag() {
			return FLAGGED.compareAndSet(this, 0, 1);
		}

	}

	/**
	 * A fixed-size hash table from shape hash to count.
	 */
	private static final class Shapes {

		private static final int CAPACITY = MAX_SHAPES * 2;

		private final AtomicIntegerArray keys = new AtomicIntegerArray(CAPACITY);

		private final AtomicIntegerArray counts = new AtomicIntegerArray(CAPACITY);

		private final AtomicInteger size = new AtomicInteger();

		int increment(int hash) {
			int key = (hash != 0) ? hash : 1;
			int index = (key ^ (key >>> 16)) & (CAPACITY - 1);
			for (int probe = 0; probe < CAPACITY; probe++) {
				int existing = this.keys.get(index);
				if (existing == key) {
					return this.counts.incrementAndGet(index);
				}
				if (existing == 0) {
					if (this.size.get() >= MAX_SHAPES) {
						return 0;
					}
					if (this.keys.compareAndSet(index, 0, key)) {
						this.size.incrementAndGet();
						return this.counts.incrementAndGet(index);
					}
					if (this.keys.get(index) == key) {
						return this.counts.incrementAndGet(index);
					}
				}
				index = (index + 1) & (CAPACITY - 1);
			}
			return 0;
		}

	}

}
