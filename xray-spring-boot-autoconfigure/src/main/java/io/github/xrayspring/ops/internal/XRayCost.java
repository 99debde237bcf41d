package io.github.xrayspring.ops.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Projects the monthly X-Ray bill of this process from the recent rate of traces
 * recorded, and the Transaction Search bill from the recent rate of span bytes exported.
 * <p>
 * X-Ray price: traces recorded per month minus the free tier
 * ({@value #FREE_TRACES_PER_MONTH} a month, per account), times the price per million. A
 * month is {@value #SECONDS_PER_MONTH} seconds (30 days). The projection uses the
 * fifteen-minute rate. Transaction Search price: span bytes ingested per month (GB of
 * 2<sup>30</sup> bytes) times the price per GB the user sets.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRayCost {

	/**
	 * Seconds in a 30-day month.
	 */
	public static final long SECONDS_PER_MONTH = 30L * 24 * 60 * 60;

	/**
	 * Traces recorded free each month (X-Ray's free tier, per account).
	 */
	public static final long FREE_TRACES_PER_MONTH = 100_000;

	static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

	private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

	private static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);

	private final String source;

	private final SlidingRate traces;

	private final SlidingRate bytes;

	private final double pricePerMillionTraces;

	private final @Nullable Double pricePerGb;

	/**
	 * Creates a projection.
	 * @param source what counts as a trace recorded, in words
	 * @param traces the cumulative count of traces recorded
	 * @param bytes the cumulative bytes of spans exported
	 * @param pricePerMillionTraces USD per million traces recorded
	 * @param pricePerGb USD per GB of spans ingested with Transaction Search, or
	 * {@code null} if unknown
	 */
	public XRayCost(String source, LongSupplier traces, LongSupplier bytes, double pricePerMillionTraces,
			@Nullable Double pricePerGb) {
		this(source, traces, bytes, pricePerMillionTraces, pricePerGb, System::currentTimeMillis);
	}

	XRayCost(String source, LongSupplier traces, LongSupplier bytes, double pricePerMillionTraces,
			@Nullable Double pricePerGb, LongSupplier clockMillis) {
		this.source = source;
		this.traces = new SlidingRate(traces, clockMillis);
		this.bytes = new SlidingRate(bytes, clockMillis);
		this.pricePerMillionTraces = pricePerMillionTraces;
		this.pricePerGb = pricePerGb;
	}

	/**
	 * Takes a reading of the counters (called after each export batch).
	 */
	public void tick() {
		this.traces.tick();
		this.bytes.tick();
	}

	/**
	 * Returns the projected monthly X-Ray bill from the fifteen-minute rate, free tier
	 * taken off.
	 * @return USD per month
	 */
	public double projectedMonthlyUsd() {
		return tracesCost(this.traces.perSecond(FIFTEEN_MINUTES));
	}

	private double tracesCost(double tracesPerSecond) {
		double tracesPerMonth = tracesPerSecond * SECONDS_PER_MONTH;
		return Math.max(0, tracesPerMonth - FREE_TRACES_PER_MONTH) / 1_000_000 * this.pricePerMillionTraces;
	}

	/**
	 * Returns the projection now.
	 * @return the projection
	 */
	public Projection projection() {
		double tracesOneMinute = this.traces.perSecond(ONE_MINUTE);
		double tracesFifteenMinutes = this.traces.perSecond(FIFTEEN_MINUTES);
		double bytesOneMinute = this.bytes.perSecond(ONE_MINUTE);
		double bytesFifteenMinutes = this.bytes.perSecond(FIFTEEN_MINUTES);
		double gbPerMonth = bytesFifteenMinutes * SECONDS_PER_MONTH / BYTES_PER_GB;
		return new Projection(this.source, new Rate(tracesOneMinute, tracesFifteenMinutes),
				round(tracesFifteenMinutes * SECONDS_PER_MONTH), this.pricePerMillionTraces, FREE_TRACES_PER_MONTH,
				SECONDS_PER_MONTH, cents(tracesCost(tracesFifteenMinutes)),
				new TransactionSearch(new Rate(bytesOneMinute, bytesFifteenMinutes), gbPerMonth, this.pricePerGb,
						(this.pricePerGb != null) ? cents(gbPerMonth * this.pricePerGb) : null));
	}

	private static long round(double value) {
		return Math.round(value);
	}

	private static double cents(double usd) {
		return Math.round(usd * 100) / 100.0;
	}

	/**
	 * The projected bill.
	 *
	 * @param source what counts as a trace recorded
	 * @param tracesPerSecond traces recorded per second, recently
	 * @param tracesPerMonth traces per month at the fifteen-minute rate
	 * @param pricePerMillionTraces USD per million traces recorded
	 * @param freeTracesPerMonth the free tier taken off (once per account, not per
	 * instance)
	 * @param secondsPerMonth seconds in the month projected
	 * @param projectedMonthlyUsd USD per month at the fifteen-minute rate, free tier
	 * taken off
	 * @param transactionSearch the bill with CloudWatch Transaction Search on
	 */
	public record Projection(String source, Rate tracesPerSecond, long tracesPerMonth, double pricePerMillionTraces,
			long freeTracesPerMonth, long secondsPerMonth, double projectedMonthlyUsd,
			TransactionSearch transactionSearch) {

	}

	/**
	 * A rate over the last minute and the last fifteen minutes.
	 *
	 * @param oneMinute per second over the last minute
	 * @param fifteenMinutes per second over the last fifteen minutes
	 */
	public record Rate(double oneMinute, double fifteenMinutes) {

	}

	/**
	 * The bill with Transaction Search on: spans ingested as CloudWatch Logs.
	 *
	 * @param bytesPerSecond estimated span bytes exported per second
	 * @param gbPerMonth GB per month at the fifteen-minute rate
	 * @param pricePerGb USD per GB, as set by {@code xray.cost.price-per-gb}
	 * @param projectedMonthlyUsd USD per month, or {@code null} without a price
	 */
	public record TransactionSearch(Rate bytesPerSecond, double gbPerMonth, @Nullable Double pricePerGb,
			@Nullable Double projectedMonthlyUsd) {

	}

}
