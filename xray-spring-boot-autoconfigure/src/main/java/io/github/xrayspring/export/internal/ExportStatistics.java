package io.github.xrayspring.export.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * Counts what an exporter did with the spans handed to it: exported (accepted by the
 * endpoint) or failed (dropped after the retries ran out or because they could never be
 * accepted), and the last error; and the spans the batch processor dropped before export
 * because its queue was full. Read by the ops endpoint and meters; never holds a
 * credential.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class ExportStatistics {

	private final LongAdder exported = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder queueFull = new LongAdder();

	private final AtomicReference<@Nullable LastError> lastError = new AtomicReference<>();

	/**
	 * Records spans the endpoint accepted.
	 * @param spans how many
	 */
	public void exported(int spans) {
		this.exported.add(spans);
	}

	/**
	 * Records spans that were dropped.
	 * @param spans how many
	 * @param error why, without any credential
	 */
	public void failed(int spans, String error) {
		this.failed.add(spans);
		this.lastError.set(new LastError(error, Instant.now()));
	}

	/**
	 * Records spans dropped before export because the queue was full.
	 * @param spans how many
	 */
	public void queueFull(long spans) {
		this.queueFull.add(spans);
	}

	/**
	 * Returns the number of spans the endpoint accepted.
	 * @return exported spans
	 */
	public long getExported() {
		return this.exported.sum();
	}

	/**
	 * Returns the number of spans dropped by the exporter.
	 * @return failed spans
	 */
	public long getFailed() {
		return this.failed.sum();
	}

	/**
	 * Returns the number of spans dropped before export because the queue was full.
	 * @return spans dropped from a full queue
	 */
	public long getQueueFull() {
		return this.queueFull.sum();
	}

	/**
	 * Returns all spans that were lost: failed at export or dropped from a full queue.
	 * @return lost spans
	 */
	public long getDropped() {
		return getFailed() + getQueueFull();
	}

	/**
	 * Returns the last error, if any.
	 * @return the last error or {@code null}
	 */
	public @Nullable LastError getLastError() {
		return this.lastError.get();
	}

	@Override
	public String toString() {
		return "ExportStatistics[exported=" + getExported() + ", failed=" + getFailed() + ", queueFull="
				+ getQueueFull() + "]";
	}

	/**
	 * The last export error.
	 *
	 * @param message what went wrong
	 * @param time when
	 */
	public record LastError(String message, Instant time) {

	}

}
