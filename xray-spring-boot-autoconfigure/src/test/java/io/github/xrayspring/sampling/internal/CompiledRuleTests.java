package io.github.xrayspring.sampling.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CompiledRule}.
 *
 * @author xray-spring-boot-starter team
 */
class RuleApplierTests {

	@Test
	void randomPartIsTheLastSixteenHexDigits() {
		assertThat(CompiledRule.randomPart("5759e988bd862e3f0000000000000001")).isEqualTo(1);
		assertThat(CompiledRule.randomPart("5759e988bd862e3f00000000000000af")).isEqualTo(0xaf);
		assertThat(CompiledRule.randomPart("5759e988bd862e3f0123456789abcdef")).isEqualTo(0x0123456789abcdefL);
		assertThat(CompiledRule.randomPart("00000000000000007fffffffffffffff")).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void randomPartIgnoresTheSignBit() {
		assertThat(CompiledRule.randomPart("0000000000000000ffffffffffffffff")).isEqualTo(Long.MAX_VALUE);
		assertThat(CompiledRule.randomPart("00000000000000008000000000000000")).isZero();
	}

	@Test
	void fixedRateBoundSplitsTheRandomRange() {
		assertThat(CompiledRule.fixedRateBound(0)).isZero();
		assertThat(CompiledRule.fixedRateBound(1)).isEqualTo(Long.MAX_VALUE);
		assertThat(CompiledRule.fixedRateBound(0.5)).isEqualTo(1L << 62);
	}

}
