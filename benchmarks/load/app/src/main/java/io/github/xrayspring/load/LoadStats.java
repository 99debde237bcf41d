package io.github.xrayspring.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.springframework.stereotype.Component;

/**
 * Counters that {@code run.sh} reads from {@code GET /stats}: requests served, bytes
 * allocated by live threads, the part of it allocated by the span export threads (the
 * batch span processor's worker and OkHttp's) and, in the traced variants, spans ended.
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
		// sums over live threads: bytes allocated by threads that already ended are not
		// in them
		long[] ids = this.threads.getAllThreadIds();
		long[] allocated = this.threads.getThreadAllocatedBytes(ids);
		ThreadInfo[] infos = this.threads.getThreadInfo(ids);
		long total = 0;
		long export = 0;
		for (int i = 0; i < ids.length; i++) {
			if (allocated[i] > 0) {
				total += allocated[i];
				if (infos[i] != null && isExportThread(infos[i].getThreadName())) {
					export += allocated[i];
				}
			}
		}
		return "requests " + this.requests.sum() + "\nallocated " + total + "\nexport_allocated " + export + "\nspans "
				+ spansEnded.get().getAsLong() + "\n";
	}

	private static boolean isExportThread(String name) {
		return name.startsWith("BatchSpanProcessor") || name.startsWith("okhttp") || name.startsWith("OkHttp");
	}

}
