package io.github.xrayspring.ops.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link XRayCost}, against figures computed by hand.
 *
 * @author xray-spring-boot-starter team
 */
class XRayCostTests {

	private final AtomicLong now = new AtomicLong(1_000_000);

	private final AtomicLong traces = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	@Test
	void projectsTheMonthlyBillFromTheFifteenMinuteRateWithTheFreeTierTakenOff() {
		XRayCost cost = new XRayCost("test", this.traces::get, this.bytes::get, 5.00, null, this.now::get);
		// 15 minutes at 10 traces per second, read every 5 seconds as the exporter would
		for (int second = 5; second <= 900; second += 5) {
			this.traces.addAndGet(50);
			this.now.addAndGet(5000);
			cost.tick();
		}
		XRayCost.Projection projection = cost.projection();
		assertThat(projection.tracesPerSecond().fifteenMinutes()).isCloseTo(10.0, within(1e-9));
		assertThat(projection.tracesPerSecond().oneMinute()).isCloseTo(10.0, within(1e-9));
		// by hand: 10/s × 2,592,000 s = 25,920,000 traces; minus 100,000 free =
		// 25,820,000;
		// / 1,000,000 × $5.00 = $129.10
		assertThat(projection.tracesPerMonth()).isEqualTo(25_920_000);
		assertThat(projection.freeTracesPerMonth()).isEqualTo(100_000);
		assertThat(projection.secondsPerMonth()).isEqualTo(2_592_000);
		assertThat(projection.projectedMonthlyUsd()).isEqualTo(129.10);
		assertThat(cost.projectedMonthlyUsd()).isCloseTo(129.10, within(1e-9));
	}

	@Test
	void oneMinuteRateFollowsARecentBurstWhileFifteenMinutesSmoothIt() {
		XRayCost cost = new XRayCost("test", this.traces::get, this.bytes::get, 5.00, null, this.now::get);
		for (int second = 1; second <= 900; second++) {
			// 1 trace per second for 14 minutes, then 31 per second for the last minute
			this.traces.addAndGet((second > 840) ? 31 : 1);
			this.now.addAndGet(1000);
			cost.tick();
		}
		XRayCost.Projection projection = cost.projection();
		assertThat(projection.tracesPerSecond().oneMinute()).isCloseTo(31.0, within(1e-9));
		// by hand: (840 × 1 + 60 × 31) / 900 = 2700 / 900 = 3 per second
		assertThat(projection.tracesPerSecond().fifteenMinutes()).isCloseTo(3.0, within(1e-9));
	}

	@Test
	void freeTierCoversALowRate() {
		XRayCost cost = new XRayCost("test", this.traces::get, this.bytes::get, 5.00, null, this.now::get);
		// 0.02 per second is 51,840 a month: under the 100,000 free traces
		this.now.addAndGet(50_000);
		this.traces.set(1);
		assertThat(cost.projection().tracesPerMonth()).isEqualTo(51_840);
		assertThat(cost.projection().projectedMonthlyUsd()).isZero();
	}

	@Test
	void transactionSearchBillNeedsAPricePerGb() {
		this.now.addAndGet(0);
		XRayCost withoutPrice = new XRayCost("test", this.traces::get, this.bytes::get, 5.00, null, this.now::get);
		XRayCost withPrice = new XRayCost("test", this.traces::get, this.bytes::get, 5.00, 0.50, this.now::get);
		// 1,000 seconds at 2,048 bytes per second
		this.now.addAndGet(1_000_000);
		this.bytes.set(2_048_000);
		XRayCost.TransactionSearch none = withoutPrice.projection().transactionSearch();
		assertThat(none.bytesPerSecond().fifteenMinutes()).isCloseTo(2048.0, within(1e-9));
		assertThat(none.projectedMonthlyUsd()).isNull();
		XRayCost.TransactionSearch priced = withPrice.projection().transactionSearch();
		// by hand: 2,048 B/s × 2,592,000 s = 5,308,416,000 B = 4.94384765625 GiB; × $0.50
		assertThat(priced.gbPerMonth()).isCloseTo(4.94384765625, within(1e-9));
		assertThat(priced.projectedMonthlyUsd()).isEqualTo(2.47);
	}

	@Test
	void nothingRecordedProjectsNothing() {
		XRayCost cost = new XRayCost("test", this.traces::get, this.bytes::get, 5.00, null, this.now::get);
		assertThat(cost.projection().tracesPerSecond().oneMinute()).isZero();
		assertThat(cost.projectedMonthlyUsd()).isZero();
	}

}
