package io.github.xrayspring.export.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Lets the batch span processor hand over its next batch while earlier ones are still on
 * the wire. The SDK's processor waits for each export to complete before it drains the
 * next batch, so with one export at a time the spans it can move per second are a batch
 * per round trip. On a busy host every round trip waits for the scheduler several times
 * (the processor's thread, the HTTP client's, the collector's), and at saturation the
 * queue filled up although the CPU the export needs was small. Here up to
 * {@code maxInFlight} exports run at once: {@link #export} returns as soon as the
 * delegate has taken the batch, and waits only when all slots are taken, for at most the
 * processor's export timeout (then the batch fails, which the delegate's own statistics
 * and the processor count). {@link #flush} and {@link #shutdown} wait for the exports
 * still running.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class PipeliningSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final Semaphore slots;

	private final long timeoutNanos;

	private final Set<CompletableResultCode> inFlight = ConcurrentHashMap.newKeySet();

	/**
	 * Wraps an exporter.
	 * @param delegate the exporter, safe to call while earlier exports run
	 * @param maxInFlight the most exports that run at once
	 * @param timeout how long an export waits for a free slot
	 */
	public PipeliningSpanExporter(SpanExporter delegate, int maxInFlight, Duration timeout) {
		if (maxInFlight < 1) {
			throw new IllegalArgumentException("maxInFlight must be at least 1 but was " + maxInFlight);
		}
		this.delegate = delegate;
		this.slots = new Semaphore(maxInFlight);
		this.timeoutNanos = timeout.toNanos();
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		try {
			if (!this.slots.tryAcquire(this.timeoutNanos, TimeUnit.NANOSECONDS)) {
				return CompletableResultCode.ofFailure();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CompletableResultCode.ofFailure();
		}
		CompletableResultCode result;
		try {
			result = this.delegate.export(spans);
		}
		catch (RuntimeException ex) {
			this.slots.release();
			return CompletableResultCode.ofExceptionalFailure(ex);
		}
		if (result.isDone()) {
			this.slots.release();
			return result;
		}
		this.inFlight.add(result);
		result.whenComplete(() -> {
			this.inFlight.remove(result);
			this.slots.release();
		});
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return andThen(CompletableResultCode.ofAll(new ArrayList<>(this.inFlight)), this.delegate::flush);
	}

	/**
	 * Runs the second step once the first has completed.
	 * @param first the first step
	 * @param next starts the second step
	 * @return completes after both, successful if both were
	 */
	static CompletableResultCode andThen(CompletableResultCode first, Supplier<CompletableResultCode> next) {
		CompletableResultCode done = new CompletableResultCode();
		first.whenComplete(() -> {
			CompletableResultCode second = next.get();
			second.whenComplete(() -> {
				if (first.isSuccess() && second.isSuccess()) {
					done.succeed();
				}
				else {
					done.fail();
				}
			});
		});
		return done;
	}

	@Override
	public CompletableResultCode shutdown() {
		CompletableResultCode done = new CompletableResultCode();
		CompletableResultCode.ofAll(new ArrayList<>(this.inFlight)).whenComplete(() -> {
			CompletableResultCode shutdown = this.delegate.shutdown();
			shutdown.whenComplete(() -> {
				if (shutdown.isSuccess()) {
					done.succeed();
				}
				else {
					done.fail();
				}
			});
		});
		return done;
	}

	int inFlight() {
		return this.inFlight.size();
	}

	@Override
	public String toString() {
		return "PipeliningSpanExporter{" + this.delegate + "}";
	}

}
