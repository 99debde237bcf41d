package io.github.xrayspring.export.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.sdk.common.CompletableResultCode;
import org.jspecify.annotations.Nullable;

/**
 * Counts what the exporters did with finished spans, for the ops endpoint and meters:
 * spans exported (accepted) and failed (dropped after the retries ran out or because they
 * could never be accepted), the last error, and the estimated size and trace roots of the
 * exported spans. Never holds a credential.
 * <p>
 * {@link XRaySpanExporter}, in front of every exporter, counts each batch once from the
 * exporters' result. An exporter that knows better (the {@code aws} exporter accepts or
 * rejects single spans and names the HTTP failure) marks the statistics
 * {@link #countedByExporter() counted by the exporter} and reports through
 * {@link #exported(int)} and {@link #failed(int, String)}; the decorator then counts only
 * sizes and trace roots.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class ExportStatistics {

	private final LongAdder exported = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder bytes = new LongAdder();

	private final LongAdder traceRoots = new LongAdder();

	private final Clock clock;

	private volatile @Nullable LastError lastError;

	private volatile boolean countedByExporter;

	private volatile Runnable afterEachBatch = () -> {
	};

	/**
	 * Creates statistics that stamp errors with the system clock.
	 */
	public ExportStatistics() {
		this(Clock.systemUTC());
	}

	ExportStatistics(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Records that the exporter counts exported and failed spans itself.
	 */
	public void countedByExporter() {
		this.countedByExporter = true;
	}

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
		this.lastError = new LastError(error, this.clock.instant());
	}

	/**
	 * Counts a batch once the exporters have finished with it.
	 * @param spans the number of spans in the batch
	 * @param bytes the estimated size of the spans (see {@link SpanSize})
	 * @param traceRoots the spans that started a trace in this process
	 * @param result the exporters' result
	 */
	public void record(int spans, long bytes, int traceRoots, CompletableResultCode result) {
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				this.bytes.add(bytes);
				this.traceRoots.add(traceRoots);
				if (!this.countedByExporter) {
					exported(spans);
				}
			}
			else if (!this.countedByExporter) {
				failed(spans, describe(result.getFailureThrowable()));
			}
			this.afterEachBatch.run();
		});
	}

	/**
	 * Sets what runs after each batch is counted (the cost projection takes its readings
	 * then).
	 * @param listener the listener
	 */
	public void afterEachBatch(Runnable listener) {
		this.afterEachBatch = listener;
	}

	private static String describe(@Nullable Throwable failure) {
		if (failure == null) {
			return "The exporter reported a failure without a cause (see the exporter's log)";
		}
		String message = failure.getMessage();
		return failure.getClass().getName() + ((message != null) ? ": " + message : "");
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
	 * Returns the last error, if any.
	 * @return the last error or {@code null}
	 */
	public @Nullable LastError getLastError() {
		return this.lastError;
	}

	/**
	 * Returns the estimated size of the exported spans (see {@link SpanSize}).
	 * @return bytes exported since startup
	 */
	public long getBytesExported() {
		return this.bytes.sum();
	}

	/**
	 * Returns the exported spans that started a trace in this process (no parent).
	 * @return the number of trace roots exported since startup
	 */
	public long getTraceRootsExported() {
		return this.traceRoots.sum();
	}

	@Override
	public String toString() {
		return "ExportStatistics[exported=" + getExported() + ", failed=" + getFailed() + "]";
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
