package io.github.xrayspring.sampling.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A budget of takes per calendar second that never carries unused takes over. Lock-free;
 * once the second's budget is spent a take only reads.
 *
 * @author xray-spring-boot-starter team
 */
final class Reservoir {

	private final int perSecond;

	/** The calendar second in the high 32 bits, the takes in it in the low 32. */
	private final AtomicLong state = new AtomicLong();

	Reservoir(int perSecond) {
		this.perSecond = perSecond;
	}

	int perSecond() {
		return this.perSecond;
	}

	boolean tryTake(long epochSecond) {
		if (this.perSecond <= 0) {
			return false;
		}
		while (true) {
			long current = this.state.get();
			long second = current >>> 32;
			long taken = current & 0xFFFFFFFFL;
			long next;
			// a clock that steps back stays in the newer second, so it never refills
			// early
			if (epochSecond > second) {
				next = (epochSecond << 32) | 1;
			}
			else if (taken >= this.perSecond) {
				return false;
			}
			else {
				next = current + 1;
			}
			if (this.state.compareAndSet(current, next)) {
				return true;
			}
		}
	}

}
