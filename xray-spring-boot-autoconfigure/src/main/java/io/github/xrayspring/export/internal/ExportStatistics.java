package io.github.xrayspring.export.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what happened to finished spans on their way out: exported, failed at export
 * (the collector was down, slow or refused them) and dropped before export because the
 * batch processor's queue was full.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class ExportStatistics {

	private final LongAdder exported = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder queueFull = new LongAdder();

	void exported(int spans) {
		this.exported.add(spans);
	}

	void failed(int spans) {
		this.failed.add(spans);
	}

	void queueFull(long spans) {
		this.queueFull.add(spans);
	}

	/**
	 * Returns the spans the exporter delivered.
	 * @return the count
	 */
	public long getExported() {
		return this.exported.sum();
	}

	/**
	 * Returns the spans whose export failed.
	 * @return the count
	 */
	public long getFailed() {
		return this.failed.sum();
	}

	/**
	 * Returns the spans dropped before export because the queue was full.
	 * @return the count
	 */
	public long getQueueFull() {
		return this.queueFull.sum();
	}

	/**
	 * Returns all spans that were lost: failed at export or dropped from a full queue.
	 * @return the count
	 */
	public long getDropped() {
		return getFailed() + getQueueFull();
	}

}
