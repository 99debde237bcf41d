package io.github.xrayspring.sampling.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Reservoir}.
 *
 * @author xray-spring-boot-starter team
 */
class ReservoirTests {

	private static final long SECOND = 1_767_225_600L;

	@Test
	void takesAtMostTheBudgetPerSecond() {
		Reservoir reservoir = new Reservoir(3);
		assertThat(takes(reservoir, SECOND, 100)).isEqualTo(3);
		assertThat(takes(reservoir, SECOND + 1, 100)).isEqualTo(3);
	}

	@Test
	void unusedBudgetIsNotCarriedOver() {
		Reservoir reservoir = new Reservoir(2);
		assertThat(takes(reservoir, SECOND, 1)).isEqualTo(1);
		assertThat(takes(reservoir, SECOND + 60, 100)).isEqualTo(2);
	}

	@Test
	void clockSteppingBackDoesNotRefill() {
		Reservoir reservoir = new Reservoir(2);
		assertThat(takes(reservoir, SECOND + 1, 100)).isEqualTo(2);
		assertThat(takes(reservoir, SECOND, 100)).isZero();
	}

	@Test
	void zeroBudgetNeverTakes() {
		assertThat(takes(new Reservoir(0), SECOND, 10)).isZero();
	}

	@Test
	void concurrentTakesNeverExceedTheBudget() throws Exception {
		Reservoir reservoir = new Reservoir(1000);
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				results.add(executor.submit(() -> takes(reservoir, SECOND, 10_000)));
			}
			int total = 0;
			for (Future<Integer> result : results) {
				total += result.get(10, TimeUnit.SECONDS);
			}
			assertThat(total).isEqualTo(1000);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static int takes(Reservoir reservoir, long second, int attempts) {
		int taken = 0;
		for (int i = 0; i < attempts; i++) {
			if (reservoir.tryTake(second)) {
				taken++;
			}
		}
		return taken;
	}

}
