package io.github.xrayspring.export.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TranslationRules}.
 *
 * @author xray-spring-boot-starter team
 */
class TranslationRulesTests {

	@Test
	void segmentNameKeepsLettersDigitsAndAllowedSymbols() {
		assertThat(TranslationRules.fixSegmentName("Ünïcode 1_.:/%&#=+-@ok")).isEqualTo("Ünïcode 1_.:/%&#=+-@ok");
		assertThat(TranslationRules.fixSegmentName("a\\b(c)[d]!e?")).isEqualTo("abcde");
		assertThat(TranslationRules.fixSegmentName("x".repeat(250))).hasSize(200);
		assertThat(TranslationRules.fixSegmentName("\uD840\uDC00".repeat(60))).isEqualTo("\uD840\uDC00".repeat(50));
	}

	@Test
	void annotationKeyReplacesEachCodePointOutsideLettersDigitsAndDot() {
		assertThat(TranslationRules.fixAnnotationKey("order.id")).isEqualTo("order.id");
		assertThat(TranslationRules.fixAnnotationKey("order id/x")).isEqualTo("order_id_x");
		assertThat(TranslationRules.fixAnnotationKey("a\uD83D\uDE00b")).isEqualTo("a_b");
	}

	@ParameterizedTest
	@ValueSource(strings = { "203.0.113.7", "0.0.0.0", "::1", "::", "2001:db8::7", "2001:db8:0:0:0:0:2:1",
			"::ffff:192.0.2.1", "1:2:3:4:5:6:1.2.3.4" })
	void recognisesIpAddresses(String address) {
		assertThat(TranslationRules.isIp(address)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "proxy.local", "256.0.0.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "2001:db8:::7",
			"1:2:3:4:5:6:7:8:9", "12345::", ":1:2", "fe80::1%eth0", "[::1]" })
	void rejectsOtherText(String text) {
		assertThat(TranslationRules.isIp(text)).isFalse();
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			jdbc:postgresql://db.example.com:5432/shop, db.example.com
			jdbc:mysql://user:secret@mysql.local/shop,  mysql.local
			postgresql://[2001:db8::5]:5432,            2001:db8::5
			jdbc:sqlserver://sql.local:1433;databaseName=shop,
			jdbc:h2:mem:test,
			jdbc:oracle:thin:@ora.local:1521:ORCL,
			jdbc:postgresql:///shop,
			""")
	void findsHostOfConnectionString(String connectionString, String host) {
		assertThat(TranslationRules.host(connectionString)).isEqualTo(host);
	}

}
