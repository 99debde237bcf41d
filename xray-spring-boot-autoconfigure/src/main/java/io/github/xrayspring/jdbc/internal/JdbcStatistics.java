package io.github.xrayspring.jdbc.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of traced statements, slow statements and requests flagged N+1, for the actuator
 * endpoint and meters.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class JdbcStatistics {

	private final LongAdder statements = new LongAdder();

	private final LongAdder slow = new LongAdder();

	private final LongAdder nPlusOne = new LongAdder();

	/**
	 * Returns the number of statements recorded as spans.
	 * @return the number of traced statements
	 */
	public long statements() {
		return this.statements.sum();
	}

	/**
	 * Returns the number of statements annotated {@code sql_slow}.
	 * @return the number of slow statements
	 */
	public long slow() {
		return this.slow.sum();
	}

	/**
	 * Returns the number of local root spans annotated {@code sql_n_plus_one}.
	 * @return the number of requests flagged N+1
	 */
	public long nPlusOne() {
		return this.nPlusOne.sum();
	}

	void statement() {
		this.statements.increment();
	}

	void slowStatement() {
		this.slow.increment();
	}

	void nPlusOneDetected() {
		this.nPlusOne.increment();
	}

}
