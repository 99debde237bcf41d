package io.github.xrayspring.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link SqlSanitizer}.
 *
 * @author xray-spring-boot-starter team
 */
class SqlSanitizerTests {

	private static final int LIMIT = 2048;

	private static final String SPECIALS = "'\"`$?:-/*()\\,INE0x.[]#{}";

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("corpus")
	void sanitizesCorpusStatement(String sql, boolean mysql, String expected) {
		assertThat(SqlSanitizer.sanitize(sql, LIMIT, mysql)).isEqualTo(expected);
	}

	@Test
	void corpusHasAtLeastOneHundredStatements() throws IOException {
		assertThat(corpus()).hasSizeGreaterThanOrEqualTo(100);
	}

	@Test
	void sanitizingIsIdempotent() throws IOException {
		for (Arguments arguments : corpus().toList()) {
			Object[] values = arguments.get();
			String once = (String) values[2];
			assertThat(SqlSanitizer.sanitize(once, LIMIT, (boolean) values[1])).as(once).isEqualTo(once);
		}
	}

	@Test
	void nullBecomesEmpty() {
		assertThat(SqlSanitizer.sanitize(null, LIMIT)).isEmpty();
		assertThat(SqlSanitizer.truncate(null, LIMIT)).isEmpty();
		assertThat(SqlSanitizer.operation(null)).isNull();
	}

	@Test
	void longStatementIsCutWithMarkerWithinLimit() {
		String sql = "SELECT " + "column_name, ".repeat(100) + "x FROM t";
		String sanitized = SqlSanitizer.sanitize(sql, 100);
		assertThat(sanitized).hasSize(100).startsWith("SELECT column_name, ").endsWith(SqlSanitizer.TRUNCATION_MARKER);
	}

	@Test
	void statementExactlyAtLimitIsNotCut() {
		String sql = "SELECT abcdefghij FROM t";
		assertThat(SqlSanitizer.sanitize(sql, sql.length())).isEqualTo(sql);
		assertThat(SqlSanitizer.truncate(sql, sql.length())).isEqualTo(sql);
	}

	@Test
	void statementShortenedByLiteralsFitsEvenWhenInputIsLonger() {
		String sql = "SELECT * FROM t WHERE a = '" + "x".repeat(500) + "'";
		assertThat(SqlSanitizer.sanitize(sql, 40)).isEqualTo("SELECT * FROM t WHERE a = ?");
	}

	@Test
	void longInListCollapsesEvenPastTheLimit() {
		StringBuilder sql = new StringBuilder("SELECT * FROM t WHERE id IN (");
		for (int i = 0; i < 10_000; i++) {
			sql.append((i > 0) ? ", " : "").append(i);
		}
		sql.append(") AND b = 1");
		assertThat(SqlSanitizer.sanitize(sql.toString(), 64)).isEqualTo("SELECT * FROM t WHERE id IN (?) AND b = ?");
	}

	@Test
	void cutNeverSplitsASurrogatePair() {
		String emoji = "\uD83C\uDF89";
		String sql = "SELECT " + emoji.repeat(50) + " FROM t";
		for (int limit = 4; limit < 40; limit++) {
			String sanitized = SqlSanitizer.sanitize(sql, limit);
			String truncated = SqlSanitizer.truncate(sql, limit);
			assertThat(sanitized.length()).isLessThanOrEqualTo(limit);
			assertThat(truncated.length()).isLessThanOrEqualTo(limit);
			assertThat(endsWithLoneHighSurrogate(sanitized)).as(sanitized).isFalse();
			assertThat(endsWithLoneHighSurrogate(truncated)).as(truncated).isFalse();
		}
	}

	@Test
	void tinyLimitsStayWithinLimit() {
		for (int limit = 0; limit < 6; limit++) {
			assertThat(SqlSanitizer.sanitize("SELECT * FROM orders WHERE id = 1", limit))
				.hasSizeLessThanOrEqualTo(limit);
			assertThat(SqlSanitizer.truncate("SELECT * FROM orders WHERE id = 1", limit))
				.hasSizeLessThanOrEqualTo(limit);
		}
	}

	@Test
	void truncateKeepsLiterals() {
		assertThat(SqlSanitizer.truncate("SELECT * FROM t WHERE a = 'x'", 2048))
			.isEqualTo("SELECT * FROM t WHERE a = 'x'");
		assertThat(SqlSanitizer.truncate("SELECT * FROM t WHERE a = 'x'", 12)).isEqualTo("SELECT * ...");
	}

	@Test
	void oneMegabyteStatementStaysBoundedAndFast() {
		String sql = "SELECT * FROM t WHERE a = '" + "x".repeat(1024 * 1024) + "' AND b IN (" + "1, ".repeat(50_000)
				+ "2) AND " + "c".repeat(1024 * 1024);
		long start = System.nanoTime();
		String sanitized = SqlSanitizer.sanitize(sql, LIMIT);
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(sanitized).hasSize(LIMIT).startsWith("SELECT * FROM t WHERE a = ? AND b IN (?) AND ccc");
		assertThat(elapsedMillis).isLessThan(2_000);
	}

	@Test
	void oneMegabyteIdentifierIsCut() {
		String sql = "SELECT " + "a".repeat(1024 * 1024);
		assertThat(SqlSanitizer.sanitize(sql, 100)).hasSize(100).endsWith(SqlSanitizer.TRUNCATION_MARKER);
	}

	@Test
	void unterminatedConstructsHideTheRest() {
		assertThat(SqlSanitizer.sanitize("SELECT 'secret", LIMIT)).isEqualTo("SELECT ?");
		assertThat(SqlSanitizer.sanitize("SELECT $x$ secret", LIMIT)).isEqualTo("SELECT ?");
		assertThat(SqlSanitizer.sanitize("SELECT E'secret\\'", LIMIT)).isEqualTo("SELECT ?");
		assertThat(SqlSanitizer.sanitize("SELECT /* secret", LIMIT)).isEqualTo("SELECT");
	}

	@Test
	void randomBinaryInputNeverThrowsAndStaysBounded() {
		Random random = new Random(42);
		for (int round = 0; round < 2_000; round++) {
			char[] chars = new char[random.nextInt(600)];
			for (int i = 0; i < chars.length; i++) {
				chars[i] = (random.nextInt(4) == 0) ? SPECIALS.charAt(random.nextInt(SPECIALS.length()))
						: (char) random.nextInt(Character.MAX_VALUE + 1);
			}
			String sql = new String(chars);
			int limit = 1 + random.nextInt(300);
			boolean mysql = random.nextBoolean();
			assertThatNoException().isThrownBy(() -> {
				assertThat(SqlSanitizer.sanitize(sql, limit, mysql)).hasSizeLessThanOrEqualTo(limit);
				assertThat(SqlSanitizer.truncate(sql, limit)).hasSizeLessThanOrEqualTo(limit);
				SqlSanitizer.operation(sql);
			});
		}
	}

	@Test
	void randomSqlLikeInputNeverLeaksQuotedText() {
		Random random = new Random(7);
		String[] pieces = { "SELECT ", "a", " = ", "IN (", ", ", ")", "'SECRET'", "$$SECRET$$", " ", "\n", "--c\n",
				"/*c*/", "\"name\"", "E'SEC\\'RET'", "?", "$1", "42", "TRUE" };
		for (int round = 0; round < 2_000; round++) {
			StringBuilder sql = new StringBuilder();
			for (int i = random.nextInt(30); i >= 0; i--) {
				sql.append(pieces[random.nextInt(pieces.length)]).append(' ');
			}
			assertThat(SqlSanitizer.sanitize(sql.toString(), LIMIT)).as(sql.toString()).doesNotContain("SEC");
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			SELECT * FROM t                                              | SELECT
			select 1                                                     | SELECT
			  insert into t values (1)                                   | INSERT
			UPDATE t SET a = 1                                           | UPDATE
			delete from t                                                | DELETE
			MERGE INTO t USING s ON a = b                                | MERGE
			/* comment */ SELECT 1                                       | SELECT
			-- comment\\nSELECT 1                                        | SELECT
			(SELECT 1) UNION (SELECT 2)                                  | SELECT
			{call proc(?)}                                               | CALL
			{? = call f(?)}                                              | CALL
			WITH a AS (SELECT 1) SELECT * FROM a                         | SELECT
			WITH a AS (SELECT 1), b AS (SELECT 2) INSERT INTO t SELECT * FROM b | INSERT
			WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT n + 1 FROM r) SELECT n FROM r | SELECT
			with x as materialized (select ')' from y) delete from t     | DELETE
			WITH a AS NOT MATERIALIZED (SELECT 1) UPDATE t SET b = 2     | UPDATE
			CREATE TABLE t (a INT)                                       | CREATE
			DROP TABLE t                                                 | DROP
			VACUUM                                                       | VACUUM
			frobnicate everything                                        | FROBNICATE
			""")
	void operationIsFirstKeyword(String sql, String operation) {
		assertThat(SqlSanitizer.operation(sql.replace("\\n", "\n"))).isEqualTo(operation);
	}

	@Test
	void operationOfWordlessStatementIsNull() {
		assertThat(SqlSanitizer.operation("")).isNull();
		assertThat(SqlSanitizer.operation("   ")).isNull();
		assertThat(SqlSanitizer.operation("123")).isNull();
		assertThat(SqlSanitizer.operation("a".repeat(1000))).isNull();
	}

	@Test
	void operationOfUnfinishedWithFallsBackToWith() {
		assertThat(SqlSanitizer.operation("WITH a AS (SELECT 1")).isEqualTo("WITH");
	}

	@Test
	void operationOfKnownKeywordIsTheSharedConstant() {
		assertThat(SqlSanitizer.operation("select 1")).isSameAs(SqlSanitizer.operation("SELECT 2"));
	}

	@Test
	void secretsInAdministrativeStatementsNeverSurviveAnywhereInTheText() {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		String[] prefixes = { "CREATE USER app ", "ALTER USER \"App\" ", "GRANT CONNECT TO app ",
				"ALTER ROLE app WITH ", "CREATE ROLE app LOGIN ", "create database link l connect to u ",
				"ALTER SYSTEM SET " };
		String[] clauses = { "IDENTIFIED BY %s", "IDENTIFIED BY \"%s\"", "IDENTIFIED BY %s REPLACE %s",
				"identified with caching_sha2_password by %s", "PASSWORD %s", "ENCRYPTED PASSWORD %s", "PASSWORD = %s",
				"PASSWORD \"%s\"", "password\n/* c */ %s", "IDENTIFIED /* c */ BY\t%s" };
		String[] others = { "SELECT 1", "UPDATE t SET a = 'x'", "SELECT password FROM users", "COMMIT" };
		for (int round = 0; round < 2_000; round++) {
			StringBuilder sql = new StringBuilder();
			for (int i = random.nextInt(3); i > 0; i--) {
				sql.append(others[random.nextInt(others.length)]).append("; ");
			}
			String clause = clauses[random.nextInt(clauses.length)].replace("%s", "Zq" + random.nextInt(1000) + "x");
			sql.append(prefixes[random.nextInt(prefixes.length)]).append(clause);
			if (random.nextBoolean()) {
				sql.append(random.nextBoolean() ? " ACCOUNT UNLOCK" : "")
					.append("; ")
					.append(others[random.nextInt(others.length)]);
			}
			String text = random.nextBoolean() ? sql.toString() : sql.toString().toLowerCase(java.util.Locale.ROOT);
			assertThat(SqlSanitizer.sanitize(text, LIMIT, random.nextBoolean())).as("seed %d: %s", seed, text)
				.doesNotContainIgnoringCase("zq");
		}
	}

	@Test
	void secretValueOfOneMegabyteStaysBounded() {
		String sql = "CREATE USER app IDENTIFIED BY " + "S".repeat(1024 * 1024) + " REPLACE " + "\"" + "o".repeat(1024);
		assertThat(SqlSanitizer.sanitize(sql, LIMIT)).isEqualTo("CREATE USER app IDENTIFIED BY ? REPLACE ?");
	}

	@Test
	void loneSurrogatesAndInvalidUtf16NeverThrow() {
		String lone = "\uD800\uDFFF\uDC00\uD83C";
		String sql = "SELECT " + lone + " FROM t WHERE a = '" + lone + "' AND \"" + lone + "\" = 1 -- " + lone;
		assertThat(SqlSanitizer.sanitize(sql, LIMIT))
			.isEqualTo("SELECT " + lone + " FROM t WHERE a = ? AND \"" + lone + "\" = ?");
		assertThat(SqlSanitizer.sanitize("\uDC00".repeat(100_000), 100)).hasSizeLessThanOrEqualTo(100);
		assertThat(SqlSanitizer.operation(lone + " SELECT")).isNull();
	}

	@Test
	void deeplyNestedCommentsStayLinear() {
		String sql = "SELECT a " + "/*".repeat(500_000) + " 'secret' " + "*/".repeat(500_000) + " FROM t";
		long start = System.nanoTime();
		assertThat(SqlSanitizer.sanitize(sql, LIMIT)).isEqualTo("SELECT a FROM t");
		assertThat(SqlSanitizer.sanitize("SELECT " + "/*".repeat(500_000) + "secret", LIMIT)).isEqualTo("SELECT");
		assertThat(SqlSanitizer.operation("/*".repeat(500_000))).isNull();
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
	}

	@Test
	void unterminatedQuotedSecretHidesTheRest() {
		assertThat(SqlSanitizer.sanitize("ALTER USER app IDENTIFIED BY \"Secret1", LIMIT))
			.isEqualTo("ALTER USER app IDENTIFIED BY ?");
		assertThat(SqlSanitizer.sanitize("ALTER USER app PASSWORD `Secret1", LIMIT, true))
			.isEqualTo("ALTER USER app PASSWORD ?");
	}

	private static boolean endsWithLoneHighSurrogate(String value) {
		int markerStart = value.length() - SqlSanitizer.TRUNCATION_MARKER.length();
		String body = value.endsWith(SqlSanitizer.TRUNCATION_MARKER) ? value.substring(0, markerStart) : value;
		return !body.isEmpty() && Character.isHighSurrogate(body.charAt(body.length() - 1));
	}

	static Stream<Arguments> corpus() throws IOException {
		List<Arguments> cases = new ArrayList<>();
		try (InputStream input = SqlSanitizerTests.class.getResourceAsStream("sanitizer-corpus.txt")) {
			assertThat(input).isNotNull();
			String[] lines = new String(input.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
			String pending = null;
			boolean mysql = false;
			for (String line : lines) {
				if (line.startsWith("IN:") || line.startsWith("MYSQL:")) {
					mysql = line.startsWith("MYSQL:");
					pending = decode(line.substring(line.indexOf(':') + 1));
				}
				else if (line.startsWith("OUT:")) {
					assertThat(pending).as("IN before OUT").isNotNull();
					cases.add(Arguments.of(pending, mysql, decode(line.substring(4))));
					pending = null;
				}
			}
		}
		return cases.stream();
	}

	private static String decode(String value) {
		String text = value.startsWith(" ") ? value.substring(1) : value;
		StringBuilder decoded = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(i + 1);
				if (next == 'n' || next == 't' || next == '\\') {
					decoded.append((next == 'n') ? '\n' : (next == 't') ? '\t' : '\\');
					i++;
					continue;
				}
				if (next == 'u' && i + 5 < text.length()) {
					decoded.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
					i += 5;
					continue;
				}
			}
			decoded.append(c);
		}
		return decoded.toString();
	}

}
