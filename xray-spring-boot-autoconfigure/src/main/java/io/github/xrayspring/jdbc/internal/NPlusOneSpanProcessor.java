package io.github.xrayspring.jdbc.internal;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.github.xrayspring.trace.internal.XRaySpans;
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
 * Local roots are found by trace ID. When one process holds several open local roots of
 * the same trace (a service calling itself over HTTP), they form a small stack and
 * statements count towards the innermost open one, so each request is counted separately.
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

	static final int MAX_NESTED_ROOTS = 8;

	private static final LocalRoot[] NO_ROOTS = new LocalRoot[0];

	private final int threshold;

	// Open local roots by trace ID, innermost last; each array is replaced, never
	// changed.
	private final ConcurrentMap<String, LocalRoot[]> localRoots = new ConcurrentHashMap<>();

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
		String traceId = spanContext.getTraceId();
		if (this.localRoots.size() >= MAX_LOCAL_ROOTS && !this.localRoots.containsKey(traceId)) {
			// Roots that ended without reaching onEnd (a processor failure) are the only
			// ones that can pile up.
			this.localRoots.values().removeIf(NPlusOneSpanProcessor::allEnded);
			if (this.localRoots.size() >= MAX_LOCAL_ROOTS) {
				return;
			}
		}
		LocalRoot localRoot = new LocalRoot(span);
		this.localRoots.compute(traceId, (key, roots) -> push(roots, localRoot));
	}

	private static LocalRoot[] push(LocalRoot @Nullable [] roots, LocalRoot localRoot) {
		if (roots == null) {
			return new LocalRoot[] { localRoot };
		}
		int open = 0;
		LocalRoot[] pushed = new LocalRoot[Math.min(roots.length, MAX_NESTED_ROOTS - 1) + 1];
		for (LocalRoot root : roots) {
			if (!root.span.hasEnded() && open < pushed.length - 1) {
				pushed[open++] = root;
			}
		}
		pushed[open++] = localRoot;
		return (open == pushed.length) ? pushed : Arrays.copyOf(pushed, open);
	}

	private static LocalRoot @Nullable [] pop(LocalRoot[] roots, ReadableSpan span) {
		int index = -1;
		for (int i = 0; i < roots.length; i++) {
			if (roots[i].span == span) {
				index = i;
			}
		}
		if (index < 0) {
			return roots;
		}
		if (roots.length == 1) {
			return null;
		}
		LocalRoot[] popped = new LocalRoot[roots.length - 1];
		System.arraycopy(roots, 0, popped, 0, index);
		System.arraycopy(roots, index + 1, popped, index, roots.length - index - 1);
		return popped;
	}

	private static boolean allEnded(LocalRoot[] roots) {
		for (LocalRoot root : roots) {
			if (!root.span.hasEnded()) {
				return false;
			}
		}
		return true;
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (isLocalRoot(span) && span.getSpanContext().isSampled()) {
			this.localRoots.computeIfPresent(span.getSpanContext().getTraceId(), (key, roots) -> pop(roots, span));
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	/**
	 * Counts one run of a statement shape in the innermost open local root of a trace.
	 * @param traceId the trace of the statement
	 * @param shape the sanitized statement
	 */
	void record(String traceId, String shape) {
		LocalRoot[] roots = this.localRoots.getOrDefault(traceId, NO_ROOTS);
		@Nullable LocalRoot localRoot = null;
		for (int i = roots.length - 1; i >= 0 && localRoot == null; i--) {
			if (!roots[i].span.hasEnded()) {
				localRoot = roots[i];
			}
		}
		if (localRoot != null && localRoot.count(shape) == this.threshold + 1 && localRoot.flag()) {
			XRayAnnotations.annotate(localRoot.span, ANNOTATION, true);
			localRoot.span.setAttribute(STATEMENT_ATTRIBUTE, shape);
			this.statistics.nPlusOneDetected();
		}
	}

	int trackedLocalRoots() {
		int count = 0;
		for (LocalRoot[] roots : this.localRoots.values()) {
			count += roots.length;
		}
		return count;
	}

	private static boolean isLocalRoot(ReadableSpan span) {
		return XRaySpans.isLocalRoot(span.getParentSpanContext());
	}

	/**
	 * The counts of one local root: a small open-addressing table of shape hashes, made
	 * on the first statement, grown as shapes are added, and updated under the root's
	 * lock (uncontended but for work handed to other threads within the request).
	 */
	private static final class LocalRoot {

		private static final AtomicIntegerFieldUpdater<LocalRoot> FLAGGED = AtomicIntegerFieldUpdater
			.newUpdater(LocalRoot.class, "flagged");

		private static final int INITIAL_CAPACITY = 8;

		private static final int MAX_CAPACITY = MAX_SHAPES * 2;

		final ReadWriteSpan span;

		volatile int flagged;

		private int @Nullable [] keys;

		private int @Nullable [] counts;

		private int size;

		LocalRoot(ReadWriteSpan span) {
			this.span = span;
		}

		synchronized int count(String shape) {
			int hash = shape.hashCode();
			int key = (hash != 0) ? hash : 1;
			int[] keys = this.keys;
			int[] counts = this.counts;
			if (keys == null || counts == null) {
				keys = new int[INITIAL_CAPACITY];
				counts = new int[INITIAL_CAPACITY];
				this.keys = keys;
				this.counts = counts;
			}
			int index = indexOf(keys, key);
			if (keys[index] == key) {
				return ++counts[index];
			}
			if (this.size >= MAX_SHAPES) {
				return 0;
			}
			// at most half full, so that probes stay short
			if ((this.size + 1) * 2 > keys.length && keys.length < MAX_CAPACITY) {
				grow(keys, counts);
				keys = this.keys;
				counts = this.counts;
				index = indexOf(keys, key);
			}
			keys[index] = key;
			this.size++;
			return ++counts[index];
		}

		private void grow(int[] keys, int[] counts) {
			int[] grownKeys = new int[keys.length * 2];
			int[] grownCounts = new int[keys.length * 2];
			for (int i = 0; i < keys.length; i++) {
				if (keys[i] != 0) {
					int index = indexOf(grownKeys, keys[i]);
					grownKeys[index] = keys[i];
					grownCounts[index] = counts[i];
				}
			}
			this.keys = grownKeys;
			this.counts = grownCounts;
		}

		// the slot holding the key, or the empty slot where it goes; the table always has
		// an empty slot (MAX_SHAPES is half of MAX_CAPACITY)
		private static int indexOf(int[] keys, int key) {
			int mask = keys.length - 1;
			int index = (key ^ (key >>> 16)) & mask;
			while (keys[index] != 0 && keys[index] != key) {
				index = (index + 1) & mask;
			}
			return index;
		}

		boolean flag() {
			return FLAGGED.compareAndSet(this, 0, 1);
		}

	}

}
