package io.github.xrayspring.load;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.springframework.stereotype.Component;

/**
 * Counters that {@code run.sh} reads from {@code GET /stats}: requests served, bytes
 * allocated by live threads and, in the traced variants, spans ended.
 */
@Component
public class LoadStats {

	private static final AtomicReference<LongSupplier> spansEnded = new AtomicReference<>(() -> -1);

	private final LongAdder requests = new LongAdder();

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	/**
	 * Registers where the count of ended spans comes from; left unset, the report says
	 * -1.
	 * @param source the number of spans ended so far
	 */
	public static void spansEnded(LongSupplier source) {
		spansEnded.set(source);
	}

	void request() {
		this.requests.increment();
	}

	String report() {
		return "requests " + this.requests.sum() + "\nallocated " + allocatedBytes() + "\nspans "
				+ spansEnded.get().getAsLong() + "\n";
	}

	// the sum over live threads: bytes allocated by threads that already ended are not in
	// it
	private long allocatedBytes() {
		long[] ids = this.threads.getAllThreadIds();
		long total = 0;
		for (long allocated : this.threads.getThreadAllocatedBytes(ids)) {
			if (allocated > 0) {
				total += allocated;
			}
		}
		return total;
	}

}
