package io.github.xrayspring.jdbc.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SanitizedStatements}.
 *
 * @author xray-spring-boot-starter team
 */
class SanitizedStatementsTests {

	private final SanitizedStatements statements = new SanitizedStatements(2048);

	@Test
	void sanitizesOnceAndAnswersRepeatsFromTheCache() {
		String sql = "SELECT * FROM orders WHERE id = 42";
		String first = this.statements.sanitize(sql, false);
		assertThat(first).isEqualTo("SELECT * FROM orders WHERE id = ?");
		assertThat(this.statements.sanitize(sql, false)).isSameAs(first);
		assertThat(this.statements.size()).isOne();
	}

	@Test
	void quotingIsPartOfTheAnswer() {
		String sql = "SELECT * FROM t WHERE a = \"x\"";
		assertThat(this.statements.sanitize(sql, true)).isEqualTo("SELECT * FROM t WHERE a = ?");
		assertThat(this.statements.sanitize(sql, false)).isEqualTo("SELECT * FROM t WHERE a = \"x\"");
	}

	@Test
	void respectsTheMaximumLength() {
		assertThat(new SanitizedStatements(20).sanitize("SELECT name FROM customers WHERE id = 1", false))
			.hasSizeLessThanOrEqualTo(20);
	}

	@Test
	void longTextsAreNotKept() {
		String sql = "SELECT 1 FROM t WHERE a = '" + "x".repeat(SanitizedStatements.MAX_CACHED_LENGTH) + "'";
		this.statements.sanitize(sql, false);
		assertThat(this.statements.size()).isZero();
	}

	@Test
	void neverHoldsMoreThanItsBound() {
		for (int i = 0; i < SanitizedStatements.MAX_ENTRIES * 3; i++) {
			this.statements.sanitize("SELECT * FROM t" + i, false);
			assertThat(this.statements.size()).isLessThanOrEqualTo(SanitizedStatements.MAX_ENTRIES);
		}
	}

}
