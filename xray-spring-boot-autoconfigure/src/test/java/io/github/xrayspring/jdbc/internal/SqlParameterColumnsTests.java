package io.github.xrayspring.jdbc.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SqlParameterColumns}.
 *
 * @author xray-spring-boot-starter team
 */
class SqlParameterColumnsTests {

	@Test
	void whereClauseMarkersMapToPrecedingColumn() {
		assertThat(SqlParameterColumns.of("SELECT * FROM users WHERE email = ? AND password_hash = ?"))
			.containsExactly("email", "password_hash");
	}

	@Test
	void insertValuesMapByPosition() {
		assertThat(SqlParameterColumns.of("INSERT INTO users (id, name, api_key) VALUES (?, ?, ?)"))
			.containsExactly("id", "name", "api_key");
	}

	@Test
	void multiRowInsertRestartsPositionForEachRow() {
		assertThat(SqlParameterColumns.of("insert into t (a, \"secret\") values (?, ?), (?, ?)")).containsExactly("a",
				"secret", "a", "secret");
	}

	@Test
	void insertValuesWithFunctionCallsKeepPosition() {
		assertThat(SqlParameterColumns.of("INSERT INTO t (created, token) VALUES (now(), lower(?))"))
			.containsExactly("token");
	}

	@Test
	void updateSetMapsToAssignedColumn() {
		assertThat(SqlParameterColumns.of("UPDATE users SET password = ?, name = ? WHERE id = ?"))
			.containsExactly("password", "name", "id");
	}

	@Test
	void functionNameIsNotTheColumn() {
		assertThat(SqlParameterColumns.of("UPDATE users SET password_hash = crypt(?, password_hash) WHERE id = ?"))
			.containsExactly("password_hash", "id");
		assertThat(SqlParameterColumns.of("UPDATE users SET token = COALESCE (?, token) WHERE id = ?"))
			.containsExactly("token", "id");
	}

	@Test
	void insertSelectMapsSelectListByPosition() {
		assertThat(SqlParameterColumns.of("INSERT INTO u(name, token) SELECT ?, ?")).containsExactly("name", "token");
		assertThat(SqlParameterColumns
			.of("INSERT INTO u (name, token) SELECT ?, lower(?) FROM dual WHERE NOT EXISTS (SELECT 1 FROM u WHERE id = ?)"))
			.containsExactly("name", "token", "id");
	}

	@Test
	void statementNamingSecretAnywhereIsDetected() {
		assertThat(SqlParameterColumns.mentionsSecret("SELECT * FROM t WHERE f(?) = api_key")).isTrue();
		assertThat(SqlParameterColumns.mentionsSecret("SELECT * FROM t WHERE \"Secret\" = x")).isTrue();
		assertThat(SqlParameterColumns.mentionsSecret("SELECT 'password' FROM t -- token")).isFalse();
		assertThat(SqlParameterColumns.mentionsSecret(null)).isFalse();
	}

	@Test
	void quotedTextIsSkippedBySharedScanner() {
		assertThat(SqlSanitizer.skipQuoted("'it''s' x", 0, 9, '\'')).isEqualTo(7);
		assertThat(SqlSanitizer.skipQuoted("[a]]b] x", 0, 8, ']')).isEqualTo(6);
		assertThat(SqlSanitizer.skipQuoted("\"open", 0, 5, '"')).isEqualTo(5);
		assertThat(SqlParameterColumns.of("SELECT * FROM t WHERE [my]]col] = ? AND \"tok\"\"en\" = ?"))
			.containsExactly("my]]col", "tok\"\"en");
	}

	@Test
	void clauseKeywordForgetsTheColumn() {
		assertThat(SqlParameterColumns.of("SELECT * FROM t WHERE secret = ? LIMIT ?")).containsExactly("secret", null);
	}

	@Test
	void markersInsideLiteralsAndCommentsAreIgnored() {
		assertThat(SqlParameterColumns.of("SELECT '?' FROM t /* ? */ WHERE a = ? -- ?")).containsExactly("a");
	}

	@ParameterizedTest
	@ValueSource(strings = { "password", "USER_PASSWD", "clientSecret", "refresh_token", "Credentials", "x_api_key" })
	void secretLookingNamesAreSecret(String column) {
		assertThat(SqlParameterColumns.isSecret(column)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "email", "name", "apikey_hint", "id" })
	void otherNamesAreNotSecret(String column) {
		assertThat(SqlParameterColumns.isSecret(column)).isFalse();
	}

	@Test
	void nullIsNotSecretAndHasNoColumns() {
		assertThat(SqlParameterColumns.isSecret(null)).isFalse();
		assertThat(SqlParameterColumns.of(null)).isEmpty();
	}

	@Test
	void hostileStatementsNeverThrowAndStayFast() {
		String mega = "x".repeat(1024 * 1024);
		String[] statements = { "SELECT * FROM t WHERE a = '" + mega + "' AND password = ?",
				"INSERT INTO t (" + "c, ".repeat(100_000) + "secret) VALUES (" + "?, ".repeat(100_000) + "?)",
				"SELECT " + "/*".repeat(200_000) + " ? " + "*/".repeat(200_000), "SELECT \"unterminated " + mega,
				"SELECT [" + mega, "(".repeat(500_000) + "?" + ")".repeat(500_000), "\uD800\uDC00\uDFFF? = ?\uD83C",
				"SELECT " + mega + " = ?", "--" + mega, "?".repeat(1024 * 1024) };
		long start = System.nanoTime();
		for (String sql : statements) {
			assertThat(SqlParameterColumns.of(sql)).hasSizeLessThanOrEqualTo(1000);
			SqlParameterColumns.mentionsSecret(sql);
		}
		java.util.Random random = new java.util.Random(11);
		for (int round = 0; round < 1_000; round++) {
			char[] chars = new char[random.nextInt(400)];
			for (int i = 0; i < chars.length; i++) {
				chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
			}
			String sql = new String(chars);
			SqlParameterColumns.of(sql);
			SqlParameterColumns.mentionsSecret(sql);
		}
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
	}

}
