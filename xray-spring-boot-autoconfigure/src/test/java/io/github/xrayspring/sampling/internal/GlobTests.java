package io.github.xrayspring.sampling.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Glob}.
 *
 * @author xray-spring-boot-starter team
 */
class GlobTests {

	@Test
	void starMatchesAnythingIncludingMissingValue() {
		Glob glob = Glob.of("*", false);
		assertThat(glob.matches("/orders")).isTrue();
		assertThat(glob.matches("")).isTrue();
		assertThat(glob.matches(null)).isTrue();
	}

	@Test
	void otherPatternsNeverMatchMissingValue() {
		assertThat(Glob.of("/orders*", false).matches(null)).isFalse();
		assertThat(Glob.of("GET", true).matches(null)).isFalse();
	}

	@Test
	void exactValueRespectsCase() {
		assertThat(Glob.of("/Orders", false).matches("/Orders")).isTrue();
		assertThat(Glob.of("/Orders", false).matches("/orders")).isFalse();
		assertThat(Glob.of("GET", true).matches("get")).isTrue();
	}

	@Test
	void prefixAndSuffix() {
		assertThat(Glob.of("/api/*", false).matches("/api/orders/1")).isTrue();
		assertThat(Glob.of("/api/*", false).matches("/api")).isFalse();
		assertThat(Glob.of("/API/*", true).matches("/api/orders")).isTrue();
		assertThat(Glob.of("*.example.com", true).matches("shop.EXAMPLE.com")).isTrue();
		assertThat(Glob.of("*.example.com", true).matches("example.com")).isFalse();
	}

	@Test
	void questionMarkMatchesExactlyOneCharacter() {
		Glob glob = Glob.of("/orders/?", false);
		assertThat(glob.matches("/orders/7")).isTrue();
		assertThat(glob.matches("/orders/")).isFalse();
		assertThat(glob.matches("/orders/42")).isFalse();
	}

	@Test
	void starsInTheMiddleBacktrack() {
		Glob glob = Glob.of("/api/*/items/*/price", false);
		assertThat(glob.matches("/api/v1/items/7/price")).isTrue();
		assertThat(glob.matches("/api/v1/items/x/items/7/price")).isTrue();
		assertThat(glob.matches("/api/v1/items/7/price/old")).isFalse();
		assertThat(Glob.of("a*b?c*", false).matches("aXXbYcZZ")).isTrue();
		assertThat(Glob.of("a*b?c*", false).matches("aXXbc")).isFalse();
	}

	@Test
	void questionMarksAndStarsTogether() {
		assertThat(Glob.of("/images/*/thumb?.png", false).matches("/images/cats/thumb2.png")).isTrue();
		assertThat(Glob.of("/images/*/thumb?.png", false).matches("/images/thumb2.png")).isFalse();
		assertThat(Glob.of("?*?", false).matches("ab")).isTrue();
		assertThat(Glob.of("?*?", false).matches("a")).isFalse();
		assertThat(Glob.of("a**b", false).matches("ab")).isTrue();
		assertThat(Glob.of("*a*a*", false).matches("banana")).isTrue();
		assertThat(Glob.of("*a*a*a*a*", false).matches("banana")).isFalse();
		assertThat(Glob.of("/v?/*", false).matches("/v2/orders")).isTrue();
		assertThat(Glob.of("/v?", false).matches("/v2")).isTrue();
		assertThat(Glob.of("/v?", false).matches("/v23")).isFalse();
	}

	@Test
	void patternIgnoringCase() {
		assertThat(Glob.of("*.Example.?om", true).matches("api.example.COM")).isTrue();
		assertThat(Glob.of("*.Example.?om", false).matches("api.example.com")).isFalse();
	}

	@Test
	void emptyPatternMatchesOnlyEmptyValue() {
		assertThat(Glob.of("", false).matches("")).isTrue();
		assertThat(Glob.of("", false).matches("/")).isFalse();
	}

}
