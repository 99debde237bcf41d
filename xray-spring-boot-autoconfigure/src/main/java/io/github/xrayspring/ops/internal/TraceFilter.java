package io.github.xrayspring.ops.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A filter over the kept traces in the syntax of X-Ray filter expressions, for the parts
 * that a single process can answer: {@code annotation.KEY}, {@code http.status},
 * {@code http.url}, {@code http.method}, {@code responsetime}, {@code duration} compared
 * with {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=} (and
 * {@code CONTAINS} for text); the keywords {@code ok}, {@code error}, {@code fault},
 * {@code throttle} alone or compared with {@code true}/{@code false}; combined with
 * {@code AND}, {@code OR}, {@code NOT} or {@code !}, and parentheses. {@code AND} binds
 * tighter than {@code OR}. Strings are quoted with {@code "}; numbers and
 * {@code true}/{@code false} are not. For example
 * {@code annotation.order_id = 42 AND (http.status >= 500 OR responsetime > 2)}.
 * <p>
 * As in X-Ray, a comparison on a value the trace does not have is false, and an
 * annotation matches when any segment or subsegment of the trace has it with a matching
 * value.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class TraceFilter implements Predicate<TraceFacts> {

	private final Predicate<TraceFacts> predicate;

	private TraceFilter(Predicate<TraceFacts> predicate) {
		this.predicate = predicate;
	}

	/**
	 * Parses a filter expression.
	 * @param expression the expression
	 * @return the filter
	 * @throws IllegalArgumentException if the expression is not valid, naming the
	 * position
	 */
	public static TraceFilter parse(String expression) {
		Parser parser = new Parser(expression);
		Predicate<TraceFacts> predicate = parser.or();
		parser.skipSpaces();
		if (!parser.atEnd()) {
			throw parser.error("unexpected '" + parser.rest() + "'");
		}
		return new TraceFilter(predicate);
	}

	@Override
	public boolean test(TraceFacts trace) {
		return this.predicate.test(trace);
	}

	private enum Operator {

		EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), CONTAINS("CONTAINS");

		private final String symbol;

		Operator(String symbol) {
			this.symbol = symbol;
		}

		boolean test(@Nullable Object actual, Object expected) {
			if (actual == null) {
				return false;
			}
			if (actual instanceof String text && expected instanceof Double) {
				// an annotation written as text compared with a number: compare as
				// numbers
				Double parsed = parseNumber(text);
				if (parsed != null) {
					return test(parsed, expected);
				}
			}
			if (actual instanceof Number number && expected instanceof Double value) {
				int comparison = Double.compare(number.doubleValue(), value);
				return switch (this) {
					case EQ -> comparison == 0;
					case NE -> comparison != 0;
					case LT -> comparison < 0;
					case LE -> comparison <= 0;
					case GT -> comparison > 0;
					case GE -> comparison >= 0;
					case CONTAINS -> false;
				};
			}
			if (actual instanceof Boolean bool && expected instanceof Boolean value) {
				return (this == EQ) ? bool.equals(value) : (this == NE) && !bool.equals(value);
			}
			if (actual instanceof String text && expected instanceof String value) {
				return switch (this) {
					case EQ -> text.equals(value);
					case NE -> !text.equals(value);
					case CONTAINS -> text.contains(value);
					default -> false;
				};
			}
			// an annotation written as a number but compared with a quoted text, and so
			// on
			return (this == EQ) ? String.valueOf(actual).equals(String.valueOf(expected))
					: (this == NE) && !String.valueOf(actual).equals(String.valueOf(expected));
		}

	}

	private static @Nullable Double parseNumber(String text) {
		try {
			return Double.valueOf(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * A recursive-descent parser over the expression text.
	 */
	private static final class Parser {

		private final String text;

		private int index;

		Parser(String text) {
			this.text = text;
		}

		Predicate<TraceFacts> or() {
			Predicate<TraceFacts> left = and();
			while (keyword("OR")) {
				left = left.or(and());
			}
			return left;
		}

		Predicate<TraceFacts> and() {
			Predicate<TraceFacts> left = not();
			while (keyword("AND")) {
				left = left.and(not());
			}
			return left;
		}

		Predicate<TraceFacts> not() {
			skipSpaces();
			if (peek('!') && !peekAt(1, '=')) {
				this.index++;
				return not().negate();
			}
			if (keyword("NOT")) {
				return not().negate();
			}
			return primary();
		}

		Predicate<TraceFacts> primary() {
			skipSpaces();
			if (peek('(')) {
				this.index++;
				Predicate<TraceFacts> inner = or();
				skipSpaces();
				if (!peek(')')) {
					throw error("missing ')'");
				}
				this.index++;
				return inner;
			}
			int fieldStart = this.index;
			String field = identifier();
			if (field.isEmpty()) {
				throw error(atEnd() ? "expected a field such as http.status" : "unexpected '" + rest() + "'");
			}
			String lower = field.toLowerCase(Locale.ROOT);
			Operator operator = operator();
			if (isFlag(lower)) {
				if (operator == null) {
					return (trace) -> flag(trace, lower);
				}
				Object value = value();
				if (!(value instanceof Boolean) || (operator != Operator.EQ && operator != Operator.NE)) {
					throw error(field + " is compared only with = or != and true or false");
				}
				return (trace) -> operator.test(flag(trace, lower), value);
			}
			if (operator == null) {
				throw error("expected an operator after '" + field + "'");
			}
			Object value = value();
			if (lower.startsWith("annotation.") && field.length() > "annotation.".length()) {
				String key = field.substring("annotation.".length());
				return (trace) -> trace.annotation(key).stream().anyMatch((actual) -> operator.test(actual, value));
			}
			return switch (lower) {
				case "http.status" -> (trace) -> operator.test(trace.summary().status(), value);
				case "http.url" -> (trace) -> operator.test(trace.summary().url(), value);
				case "http.method" -> (trace) -> operator.test(trace.summary().method(), value);
				case "responsetime" -> (trace) -> operator.test(trace.summary().responseTime(), value);
				case "duration" -> (trace) -> operator.test(trace.summary().duration(), value);
				default -> {
					this.index = fieldStart;
					throw error("unknown field '" + field + "' (use annotation.KEY, http.status, http.url, "
							+ "http.method, responsetime, duration, ok, error, fault or throttle)");
				}
			};
		}

		private static boolean isFlag(String field) {
			return field.equals("ok") || field.equals("error") || field.equals("fault") || field.equals("throttle");
		}

		private static boolean flag(TraceFacts trace, String field) {
			TraceFacts.Summary summary = trace.summary();
			return switch (field) {
				case "fault" -> summary.fault();
				case "error" -> summary.error();
				case "throttle" -> summary.throttle();
				default -> !summary.fault() && !summary.error() && !summary.throttle();
			};
		}

		private @Nullable Operator operator() {
			skipSpaces();
			for (Operator operator : List.of(Operator.LE, Operator.GE, Operator.NE, Operator.EQ, Operator.LT,
					Operator.GT)) {
				if (this.text.startsWith(operator.symbol, this.index)) {
					this.index += operator.symbol.length();
					return operator;
				}
			}
			return keyword("CONTAINS") ? Operator.CONTAINS : null;
		}

		private Object value() {
			skipSpaces();
			if (peek('"')) {
				StringBuilder value = new StringBuilder();
				this.index++;
				while (!atEnd() && !peek('"')) {
					char c = this.text.charAt(this.index++);
					if (c == '\\' && !atEnd()) {
						c = this.text.charAt(this.index++);
					}
					value.append(c);
				}
				if (atEnd()) {
					throw error("missing closing '\"'");
				}
				this.index++;
				return value.toString();
			}
			String word = identifier();
			if (word.isEmpty()) {
				throw error("expected a value");
			}
			if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
				return Boolean.valueOf(word.toLowerCase(Locale.ROOT));
			}
			try {
				return Double.valueOf(word);
			}
			catch (NumberFormatException ex) {
				// X-Ray's console accepts an unquoted word as text too
				return word;
			}
		}

		private String identifier() {
			skipSpaces();
			int start = this.index;
			while (!atEnd()) {
				char c = this.text.charAt(this.index);
				if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '-' && c != ':') {
					break;
				}
				this.index++;
			}
			return this.text.substring(start, this.index);
		}

		private boolean keyword(String keyword) {
			skipSpaces();
			int end = this.index + keyword.length();
			if (this.text.regionMatches(true, this.index, keyword, 0, keyword.length())
					&& (end == this.text.length() || !Character.isLetterOrDigit(this.text.charAt(end)))) {
				this.index = end;
				return true;
			}
			return false;
		}

		void skipSpaces() {
			while (!atEnd() && Character.isWhitespace(this.text.charAt(this.index))) {
				this.index++;
			}
		}

		boolean atEnd() {
			return this.index >= this.text.length();
		}

		private boolean peek(char c) {
			return !atEnd() && this.text.charAt(this.index) == c;
		}

		private boolean peekAt(int offset, char c) {
			int at = this.index + offset;
			return at < this.text.length() && this.text.charAt(at) == c;
		}

		String rest() {
			return this.text.substring(this.index);
		}

		IllegalArgumentException error(String problem) {
			return new IllegalArgumentException(
					"Invalid filter expression at position " + (this.index + 1) + ": " + problem);
		}

	}

}
