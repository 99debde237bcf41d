package io.github.xrayspring.export.internal;

import java.util.ArrayList;
import java.util.List;

import io.github.xrayspring.jdbc.internal.SqlSanitizer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.jspecify.annotations.Nullable;

/**
 * Removes the values that drivers and frameworks copy into exception messages, so that a
 * failed statement's literals leave the process neither on its own span nor on the spans
 * (server, Spring Security) where the same exception was recorded again.
 * <p>
 * In a message, a SQL statement in square brackets (Spring's {@code SQL [...]} and
 * {@code bad SQL grammar [...]}, Hibernate's {@code [...]}) and after H2's
 * {@code SQL statement:} is sanitized like {@code db.statement}; text in single, double
 * or back quotes becomes {@code ?} (MySQL's {@code near '...'} up to {@code ' at line});
 * the values in PostgreSQL's {@code Key (columns)=(values)} and {@code Failing row
 * contains (...)} and SQL Server's {@code duplicate key value is (...)} become
 * {@code (?)}. Exception types, stack frames, unquoted words and numbers are kept. Only
 * spans with status {@code ERROR} or an {@code exception} event pay for this.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class ExceptionMessages {

	private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

	private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

	// Span attributes that instrumentations fill with an exception's message.
	private static final List<AttributeKey<String>> MESSAGE_ATTRIBUTES = List.of(EXCEPTION_MESSAGE,
			AttributeKey.stringKey("error"), AttributeKey.stringKey("exception"),
			AttributeKey.stringKey("error.message"));

	private static final int MAX_STATEMENT_LENGTH = 4096;

	// Words that open a statement worth sanitizing inside square brackets.
	private static final List<String> STATEMENT_WORDS = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE",
			"UPSERT", "REPLACE", "CALL", "EXEC", "EXECUTE", "CREATE", "ALTER", "DROP", "TRUNCATE", "GRANT", "REVOKE",
			"SET", "WITH", "VALUES", "DO", "COPY", "DECLARE", "BEGIN", "LOCK", "SHOW", "EXPLAIN", "TABLE");

	// Text after which a parenthesized list of values follows.
	private static final String[] VALUE_LISTS = { ")=(", "contains (", "value is (" };

	private ExceptionMessages() {
	}

	/**
	 * Returns the span with the messages of its exception events, its status description
	 * and message-like attributes sanitized, or the span itself when it carries none.
	 * @param span the finished span
	 * @return the span as it may leave the process
	 */
	public static SpanData sanitize(SpanData span) {
		StatusData status = span.getStatus();
		boolean error = status.getStatusCode() == StatusCode.ERROR;
		if (!error && span.getTotalRecordedEvents() == 0) {
			return span;
		}
		List<EventData> events = span.getEvents();
		List<EventData> sanitizedEvents = events;
		for (int i = 0; i < events.size(); i++) {
			EventData event = events.get(i);
			Attributes attributes = sanitizeAttributes(event.getAttributes());
			if (attributes != event.getAttributes()) {
				if (sanitizedEvents == events) {
					sanitizedEvents = new ArrayList<>(events);
				}
				sanitizedEvents.set(i, EventData.create(event.getEpochNanos(), event.getName(), attributes,
						event.getTotalAttributeCount()));
			}
		}
		StatusData sanitizedStatus = status;
		if (error && !status.getDescription().isEmpty()) {
			String description = sanitize(status.getDescription());
			if (!description.equals(status.getDescription())) {
				sanitizedStatus = StatusData.create(StatusCode.ERROR, description);
			}
		}
		Attributes attributes = error ? sanitizeAttributes(span.getAttributes()) : span.getAttributes();
		if (sanitizedEvents == events && sanitizedStatus == status && attributes == span.getAttributes()) {
			return span;
		}
		return ModifiedSpanData.of(span, span.getParentSpanContext(), attributes, span.getResource(), sanitizedEvents,
				sanitizedStatus);
	}

	private static Attributes sanitizeAttributes(Attributes attributes) {
		AttributesBuilder builder = null;
		for (AttributeKey<String> key : MESSAGE_ATTRIBUTES) {
			builder = replace(attributes, builder, key, false);
		}
		builder = replace(attributes, builder, EXCEPTION_STACKTRACE, true);
		return (builder != null) ? builder.build() : attributes;
	}

	private static @Nullable AttributesBuilder replace(Attributes attributes, @Nullable AttributesBuilder builder,
			AttributeKey<String> key, boolean stackTrace) {
		String value = attributes.get(key);
		if (value == null) {
			return builder;
		}
		String sanitized = stackTrace ? sanitizeStackTrace(value) : sanitize(value);
		if (sanitized.equals(value)) {
			return builder;
		}
		AttributesBuilder result = (builder != null) ? builder : attributes.toBuilder();
		result.put(key, sanitized);
		return result;
	}

	/**
	 * Sanitizes a stack trace as Java prints it: the message lines of the exception and
	 * of each {@code Caused by:} and {@code Suppressed:} are sanitized, the frames kept.
	 * @param stackTrace the stack trace
	 * @return the sanitized stack trace
	 */
	public static String sanitizeStackTrace(String stackTrace) {
		StringBuilder out = new StringBuilder(stackTrace.length());
		int length = stackTrace.length();
		int blockStart = 0;
		int i = 0;
		while (i < length) {
			int lineEnd = stackTrace.indexOf('\n', i);
			int next = (lineEnd < 0) ? length : lineEnd + 1;
			if (isFrame(stackTrace, i, next)) {
				if (blockStart < i) {
					out.append(sanitize(stackTrace.substring(blockStart, i)));
				}
				out.append(stackTrace, i, next);
				blockStart = next;
			}
			i = next;
		}
		if (blockStart < length) {
			out.append(sanitize(stackTrace.substring(blockStart)));
		}
		return out.toString();
	}

	// "\tat a.b.C.m(C.java:1)" and "\t... 3 more", at any indentation.
	private static boolean isFrame(String text, int start, int end) {
		int i = start;
		while (i < end && (text.charAt(i) == '\t' || text.charAt(i) == ' ')) {
			i++;
		}
		return i > start && (text.startsWith("at ", i) || text.startsWith("... ", i));
	}

	/**
	 * Sanitizes one exception message.
	 * @param message the message
	 * @return the message without the values it quoted
	 */
	public static String sanitize(String message) {
		int length = message.length();
		StringBuilder out = null;
		int copied = 0;
		int i = 0;
		while (i < length) {
			char c = message.charAt(i);
			int end = -1;
			String replacement = "?";
			// The statement test comes first: looking for the closing bracket of every
			// "[" would be quadratic.
			if (c == '[' && startsStatement(message, i + 1, length)) {
				int close = closingBracket(message, i + 1, length);
				replacement = "[" + SqlSanitizer.sanitize(message.substring(i + 1, close), MAX_STATEMENT_LENGTH)
						+ ((close < length) ? "]" : "");
				end = Math.min(close + 1, length);
			}
			else if (c == '\'' && message.startsWith("near ", i - 5)) {
				int close = message.indexOf("' at line", i + 1);
				end = (close < 0) ? length : close + 1;
			}
			else if (c == '\'' || c == '"' || c == '`') {
				end = closingQuote(message, i + 1, length, c);
			}
			else if (c == '(' && followsValueList(message, i)) {
				end = closingParenthesis(message, i + 1, length);
				replacement = "(?)";
			}
			else if (c == 'S' && message.startsWith("SQL statement:", i)) {
				int start = i + "SQL statement:".length();
				int close = h2Code(message, start, length);
				replacement = "SQL statement: "
						+ SqlSanitizer.sanitize(message.substring(start, close), MAX_STATEMENT_LENGTH);
				end = close;
			}
			if (end < 0) {
				i++;
				continue;
			}
			if (out == null) {
				out = new StringBuilder(length);
			}
			out.append(message, copied, i).append(replacement);
			copied = end;
			i = end;
		}
		if (out == null) {
			return message;
		}
		return out.append(message, copied, length).toString();
	}

	// The "]" that closes a bracket, skipping quoted text and nested brackets.
	private static int closingBracket(String text, int from, int length) {
		int depth = 0;
		int i = from;
		while (i < length) {
			char c = text.charAt(i);
			if (c == '\'' || c == '"') {
				i = closingQuote(text, i + 1, length, c);
				continue;
			}
			if (c == '[') {
				depth++;
			}
			else if (c == ']') {
				if (depth == 0) {
					return i;
				}
				depth--;
			}
			i++;
		}
		return length;
	}

	// The index after the closing quote (a doubled quote stands for itself), or the end.
	private static int closingQuote(String text, int from, int length, char quote) {
		int i = from;
		while (i < length) {
			if (text.charAt(i) == quote) {
				if (i + 1 < length && text.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return length;
	}

	private static int closingParenthesis(String text, int from, int length) {
		int depth = 0;
		for (int i = from; i < length; i++) {
			char c = text.charAt(i);
			if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				if (depth == 0) {
					return i + 1;
				}
				depth--;
			}
		}
		return length;
	}

	private static boolean followsValueList(String text, int open) {
		for (String marker : VALUE_LISTS) {
			int start = open + 1 - marker.length();
			if (start >= 0 && text.regionMatches(true, start, marker, 0, marker.length())) {
				return true;
			}
		}
		return false;
	}

	private static boolean startsStatement(String text, int from, int to) {
		String operation = SqlSanitizer.operation(text.substring(from, Math.min(to, from + 64)));
		return operation != null && STATEMENT_WORDS.contains(operation);
	}

	// H2 ends the statement with " [23505-224]": its error code and version.
	private static int h2Code(String text, int from, int length) {
		int i = text.indexOf(" [", from);
		while (i >= 0) {
			int j = i + 2;
			while (j < length && (isDigit(text.charAt(j)) || text.charAt(j) == '-')) {
				j++;
			}
			if (j > i + 2 && j < length && text.charAt(j) == ']') {
				return i;
			}
			i = text.indexOf(" [", i + 2);
		}
		return length;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
