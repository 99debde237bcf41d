package io.github.xrayspring.ops.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The recent per-second rate of a cumulative counter, over sliding windows of up to
 * {@value #HISTORY_SECONDS} seconds. It keeps at most one reading of the counter per
 * second, taken whenever it is {@link #tick() ticked} or read; the owner ticks it after
 * each export batch, so a reading follows every change of the counter within the
 * exporter's schedule delay and no thread of its own is needed.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class SlidingRate {

	static final int HISTORY_SECONDS = 1024;

	private final LongSupplier counter;

	private final LongSupplier clockMillis;

	private final long[] times = new long[HISTORY_SECONDS];

	private final long[] counts = new long[HISTORY_SECONDS];

	// index of the newest reading; readings are in time order going backwards
	private int newest = -1;

	private int size;

	/**
	 * Creates a rate over a counter, taking its first reading now.
	 * @param counter the cumulative counter
	 * @param clockMillis the current time in milliseconds
	 */
	public SlidingRate(LongSupplier counter, LongSupplier clockMillis) {
		this.counter = counter;
		this.clockMillis = clockMillis;
		tick();
	}

	/**
	 * Takes a reading of the counter unless one was taken in the last second.
	 */
	public synchronized void tick() {
		long now = this.clockMillis.getAsLong();
		if (this.size > 0 && now - this.times[this.newest] < 1000) {
			return;
		}
		this.newest = (this.newest + 1) % HISTORY_SECONDS;
		this.times[this.newest] = now;
		this.counts[this.newest] = this.counter.getAsLong();
		this.size = Math.min(this.size + 1, HISTORY_SECONDS);
	}

	/**
	 * Returns the counter's increase per second over the window: from the newest reading
	 * at least the window old (or the oldest reading, if the process is younger) to now.
	 * @param window the window, at most {@value #HISTORY_SECONDS} seconds
	 * @return the rate per second, 0 before a second has passed
	 */
	public synchronized double perSecond(Duration window) {
		tick();
		long now = this.clockMillis.getAsLong();
		long current = this.counter.getAsLong();
		long since = now - window.toMillis();
		int index = this.newest;
		for (int i = 0; i < this.size; i++) {
			int candidate = Math.floorMod(this.newest - i, HISTORY_SECONDS);
			index = candidate;
			if (this.times[candidate] <= since) {
				break;
			}
		}
		long elapsed = now - this.times[index];
		if (elapsed < 1000) {
			return 0;
		}
		return (current - this.counts[index]) * 1000.0 / elapsed;
	}

}
