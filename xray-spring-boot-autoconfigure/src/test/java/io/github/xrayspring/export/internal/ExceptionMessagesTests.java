package io.github.xrayspring.export.internal;

import java.util.List;
import java.util.Random;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ExceptionMessages}.
 *
 * @author xray-spring-boot-starter team
 */
class ExceptionMessagesTests {

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '~',
			textBlock = """
					StatementCallback; bad SQL grammar [SELECT crypt('hunter2', gen_salt('bf')) FROMM users] | StatementCallback; bad SQL grammar [SELECT crypt(?, gen_salt(?)) FROMM users]
					PreparedStatementCallback; SQL [INSERT INTO t VALUES (1, 'hunter2')]; ERROR: duplicate key value violates unique constraint "t_pkey" | PreparedStatementCallback; SQL [INSERT INTO t VALUES (?, ?)]; ERROR: duplicate key value violates unique constraint ?
					ERROR: duplicate key value violates unique constraint x Detail: Key (email)=(hunter2@example.com) already exists. | ERROR: duplicate key value violates unique constraint x Detail: Key (email)=(?) already exists.
					Detail: Key (a, b)=(1, (nested) hunter2) already exists. | Detail: Key (a, b)=(?) already exists.
					Detail: Failing row contains (7, hunter2, null). | Detail: Failing row contains (?).
					ERROR: invalid input syntax for type integer: "hunter2" | ERROR: invalid input syntax for type integer: ?
					ERROR: syntax error at or near "'hunter2'" | ERROR: syntax error at or near ?
					Duplicate entry 'hunter2' for key 'users.email' | Duplicate entry ? for key ?
					You have an error in your SQL syntax; near 'crypt('hunter2') FROMM x' at line 1 | You have an error in your SQL syntax; near ? at line 1
					Cannot insert duplicate key in object 'dbo.t'. The duplicate key value is (hunter2). | Cannot insert duplicate key in object ?. The duplicate key value is (?).
					could not execute statement [ERROR: value too long] [insert into t (a) values (?)] | could not execute statement [ERROR: value too long] [insert into t (a) values (?)]
					uncategorized SQLException; SQL state [23505]; error code [0] | uncategorized SQLException; SQL state [23505]; error code [0]
					Unterminated 'hunter2 and more | Unterminated ?
					SQL [SELECT 'hunter2' | SQL [SELECT ?
					Connection refused | Connection refused
					""")
	void sanitizesMessage(String message, String expected) {
		assertThat(ExceptionMessages.sanitize(message)).isEqualTo(expected);
	}

	@Test
	void sanitizesH2StatementUpToItsErrorCode() {
		String message = "Unique index or primary key violation: \"PUBLIC.PK ON PUBLIC.T(ID) VALUES ( /* 1 */ 42 )\"; "
				+ "SQL statement:\nINSERT INTO t VALUES (42, 'hunter2') [23505-232]";
		assertThat(ExceptionMessages.sanitize(message)).isEqualTo(
				"Unique index or primary key violation: ?; SQL statement: INSERT INTO t VALUES (?, ?) [23505-232]");
	}

	@Test
	void sanitizesMessagesOfStackTraceAndKeepsFrames() {
		String stackTrace = """
				org.springframework.dao.DuplicateKeyException: PreparedStatementCallback; SQL [INSERT INTO t VALUES ('hunter2')]; ERROR: dup
				  Detail: Key (email)=(hunter2) already exists.
				\tat org.springframework.jdbc.Foo.bar(Foo.java:10)
				\tat org.springframework.jdbc.Foo.baz(Foo.java:20)
				Caused by: org.postgresql.util.PSQLException: ERROR: dup
				  Detail: Key (email)=(hunter2) already exists.
				\tat org.postgresql.Q.run(Q.java:1)
				\t... 2 more
				""";
		String sanitized = ExceptionMessages.sanitizeStackTrace(stackTrace);
		assertThat(sanitized).doesNotContain("hunter2")
			.contains("SQL [INSERT INTO t VALUES (?)]", "Key (email)=(?)",
					"\tat org.springframework.jdbc.Foo.bar(Foo.java:10)\n",
					"Caused by: org.postgresql.util.PSQLException: ERROR: dup\n", "\t... 2 more\n");
		assertThat(sanitized.lines()).hasSameSizeAs(stackTrace.lines().toList());
	}

	@Test
	void sanitizesEventsStatusAndErrorAttributesOfFailedSpan() {
		String message = "bad SQL grammar [SELECT 'hunter2' FROMM t]";
		Attributes eventAttributes = Attributes.of(AttributeKey.stringKey("exception.type"), "BadSqlGrammarException",
				AttributeKey.stringKey("exception.message"), message, AttributeKey.stringKey("exception.stacktrace"),
				"BadSqlGrammarException: " + message + "\n\tat a.B.c(B.java:1)\n");
		SpanData span = span(StatusData.create(StatusCode.ERROR, message),
				Attributes.of(AttributeKey.stringKey("error"), message, AttributeKey.stringKey("http.route"), "/x"),
				List.of(EventData.create(1, "exception", eventAttributes)));
		SpanData sanitized = ExceptionMessages.sanitize(span);
		assertThat(sanitized.toString()).doesNotContain("hunter2");
		assertThat(sanitized.getStatus().getDescription()).isEqualTo("bad SQL grammar [SELECT ? FROMM t]");
		assertThat(sanitized.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/x");
		assertThat(sanitized.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
			.isEqualTo("BadSqlGrammarException");
		assertThat(sanitized.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
			.isEqualTo("BadSqlGrammarException: bad SQL grammar [SELECT ? FROMM t]\n\tat a.B.c(B.java:1)\n");
	}

	@Test
	void spanWithoutErrorOrEventsIsReturnedAsIs() {
		SpanData span = span(StatusData.unset(), Attributes.of(AttributeKey.stringKey("error"), "'kept'"), List.of());
		assertThat(ExceptionMessages.sanitize(span)).isSameAs(span);
		SpanData clean = span(StatusData.create(StatusCode.ERROR, "plain"), Attributes.empty(), List.of());
		assertThat(ExceptionMessages.sanitize(clean)).isSameAs(clean);
	}

	@Test
	void hostileMessagesNeverThrowAndStayLinear() {
		Random random = new Random(3);
		String mega = "[SELECT '" + "x".repeat(1024 * 1024);
		long start = System.nanoTime();
		assertThat(ExceptionMessages.sanitize(mega)).isEqualTo("[SELECT ?");
		assertThat(ExceptionMessages.sanitize("[".repeat(200_000) + "'x")).doesNotContain("x");
		assertThat(ExceptionMessages.sanitize(")=(".repeat(100_000) + "hunter2")).doesNotContain("hunter2");
		for (int round = 0; round < 1_000; round++) {
			char[] chars = new char[random.nextInt(300)];
			for (int i = 0; i < chars.length; i++) {
				chars[i] = (random.nextInt(3) == 0) ? "[]'\"`()=S\n\t".charAt(random.nextInt(11))
						: (char) random.nextInt(Character.MAX_VALUE + 1);
			}
			ExceptionMessages.sanitizeStackTrace(new String(chars));
		}
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
	}

	private static SpanData span(StatusData status, Attributes attributes, List<EventData> events) {
		return TestSpanData.builder()
			.setName("span")
			.setKind(SpanKind.SERVER)
			.setStartEpochNanos(1)
			.setEndEpochNanos(2)
			.setHasEnded(true)
			.setStatus(status)
			.setAttributes(attributes)
			.setEvents(events)
			.setTotalRecordedEvents(events.size())
			.build();
	}

}
