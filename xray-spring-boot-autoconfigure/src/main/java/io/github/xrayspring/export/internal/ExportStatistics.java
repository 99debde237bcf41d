package io.github.xrayspring.export.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.sdk.common.CompletableResultCode;
import org.jspecify.annotations.Nullable;

/**
 * Counts of what the exporters did with finished spans, for the actuator endpoint and
 * meters: spans exported and failed, their estimated size, the trace roots among them and
 * the last failure. Counted once per batch from the exporters' result.
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

	private volatile @Nullable Failure lastFailure;

	private volatile Runnable afterEachBatch = () -> {
	};

	/**
	 * Creates statistics that stamp failures with the system clock.
	 */
	public ExportStatistics() {
		this(Clock.systemUTC());
	}

	ExportStatistics(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Counts a batch once the exporters have finished with it.
	 * @param spans the number of spans in the batch
	 * @param bytes the estimated size of the spans
	 * @param traceRoots the spans that started a trace in this process
	 * @param result the exporters' result
	 */
	public void record(int spans, long bytes, int traceRoots, CompletableResultCode result) {
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				this.exported.add(spans);
				this.bytes.add(bytes);
				this.traceRoots.add(traceRoots);
			}
			else {
				this.failed.add(spans);
				this.lastFailure = new Failure(this.clock.instant(), describe(result.getFailureThrowable()));
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
	 * Returns the spans the exporters accepted.
	 * @return the number of spans exported since startup
	 */
	public long exported() {
		return this.exported.sum();
	}

	/**
	 * Returns the spans an exporter failed to send.
	 * @return the number of spans that failed since startup
	 */
	public long failed() {
		return this.failed.sum();
	}

	/**
	 * Returns the estimated size of the exported spans (see {@link SpanSize}).
	 * @return bytes exported since startup
	 */
	public long bytesExported() {
		return this.bytes.sum();
	}

	/**
	 * Returns the exported spans that started a trace in this process (no parent).
	 * @return the number of trace roots exported since startup
	 */
	public long traceRootsExported() {
		return this.traceRoots.sum();
	}

	/**
	 * Returns the last failure.
	 * @return the last failure, or {@code null} if no export failed
	 */
	public @Nullable Failure lastFailure() {
		return this.lastFailure;
	}

	/**
	 * A failed export.
	 *
	 * @param time when the exporter reported it
	 * @param message the exception type and message
	 */
	public record Failure(Instant time, String message) {

	}

}
