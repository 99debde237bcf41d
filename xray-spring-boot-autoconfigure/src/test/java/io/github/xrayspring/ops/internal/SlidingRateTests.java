package io.github.xrayspring.ops.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link SlidingRate}.
 *
 * @author xray-spring-boot-starter team
 */
class SlidingRateTests {

	private final AtomicLong now = new AtomicLong();

	private final AtomicLong counter = new AtomicLong();

	@Test
	void rateOfAYoungProcessCoversItsLife() {
		SlidingRate rate = new SlidingRate(this.counter::get, this.now::get);
		this.now.set(20_000);
		this.counter.set(40);
		assertThat(rate.perSecond(Duration.ofMinutes(1))).isCloseTo(2.0, within(1e-9));
	}

	@Test
	void keepsAtMostOneReadingPerSecond() {
		SlidingRate rate = new SlidingRate(this.counter::get, this.now::get);
		for (int i = 0; i < 10; i++) {
			this.now.addAndGet(100);
			this.counter.incrementAndGet();
			rate.tick();
		}
		assertThat(rate.perSecond(Duration.ofMinutes(1))).isCloseTo(10.0, within(1e-9));
	}

	@Test
	void forgetsWhatIsOlderThanTheWindow() {
		SlidingRate rate = new SlidingRate(this.counter::get, this.now::get);
		this.counter.set(1_000_000);
		for (int second = 1; second <= 2 * SlidingRate.HISTORY_SECONDS; second++) {
			this.now.addAndGet(1000);
			this.counter.addAndGet(5);
			rate.tick();
		}
		assertThat(rate.perSecond(Duration.ofMinutes(15))).isCloseTo(5.0, within(1e-9));
		assertThat(rate.perSecond(Duration.ofMinutes(1))).isCloseTo(5.0, within(1e-9));
	}

	@Test
	void nothingBeforeASecond() {
		SlidingRate rate = new SlidingRate(this.counter::get, this.now::get);
		this.counter.set(3);
		this.now.set(500);
		assertThat(rate.perSecond(Duration.ofMinutes(1))).isZero();
	}

}
