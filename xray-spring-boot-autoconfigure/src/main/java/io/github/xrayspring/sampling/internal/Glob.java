package io.github.xrayspring.sampling.internal;

import org.jspecify.annotations.Nullable;

/**
 * An X-Ray rule value: {@code *} matches any run of characters, {@code ?} exactly one.
 * Matching allocates nothing.
 *
 * @author xray-spring-boot-starter team
 */
final class Glob {

	private static final int ANY = 0;

	private static final int EXACT = 1;

	private static final int PREFIX = 2;

	private static final int SUFFIX = 3;

	private static final int PATTERN = 4;

	private final boolean ignoreCase;

	private final int kind;

	private final String literal;

	/**
	 * The pattern split at '*': the first is anchored at the start, the last at the end.
	 */
	private final String[] segments;

	private Glob(String pattern, boolean ignoreCase) {
		this.ignoreCase = ignoreCase;
		int stars = count(pattern, '*');
		boolean questionMarks = pattern.indexOf('?') >= 0;
		if (stars == pattern.length()) {
			this.kind = (pattern.isEmpty()) ? EXACT : ANY;
			this.literal = pattern;
		}
		else if (stars == 0 && !questionMarks) {
			this.kind = EXACT;
			this.literal = pattern;
		}
		else if (stars == 1 && !questionMarks && pattern.endsWith("*")) {
			this.kind = PREFIX;
			this.literal = pattern.substring(0, pattern.length() - 1);
		}
		else if (stars == 1 && !questionMarks && pattern.startsWith("*")) {
			this.kind = SUFFIX;
			this.literal = pattern.substring(1);
		}
		else {
			this.kind = PATTERN;
			this.literal = pattern;
		}
		this.segments = pattern.split("\\*", -1);
	}

	static Glob of(String pattern, boolean ignoreCase) {
		return new Glob(pattern, ignoreCase);
	}

	boolean matchesAll() {
		return this.kind == ANY;
	}

	boolean matches(@Nullable String value) {
		if (this.kind == ANY) {
			return true;
		}
		if (value == null) {
			return false;
		}
		return switch (this.kind) {
			case EXACT -> (this.ignoreCase) ? this.literal.equalsIgnoreCase(value) : this.literal.equals(value);
			case PREFIX -> (this.ignoreCase) ? value.regionMatches(true, 0, this.literal, 0, this.literal.length())
					: value.startsWith(this.literal);
			case SUFFIX -> value.length() >= this.literal.length() && value.regionMatches(this.ignoreCase,
					value.length() - this.literal.length(), this.literal, 0, this.literal.length());
			default -> matchesPattern(value);
		};
	}

	private boolean matchesPattern(String value) {
		String[] segments = this.segments;
		String first = segments[0];
		String last = segments[segments.length - 1];
		if (segments.length == 1) {
			return value.length() == first.length() && regionMatches(value, 0, first);
		}
		if (value.length() < first.length() + last.length() || !regionMatches(value, 0, first)
				|| !regionMatches(value, value.length() - last.length(), last)) {
			return false;
		}
		int position = first.length();
		int end = value.length() - last.length();
		// taking each middle segment at its leftmost match leaves the most room for the
		// rest
		for (int i = 1; i < segments.length - 1; i++) {
			position = find(value, position, end, segments[i]);
			if (position < 0) {
				return false;
			}
			position += segments[i].length();
		}
		return true;
	}

	private int find(String value, int from, int end, String segment) {
		for (int position = from; position <= end - segment.length(); position++) {
			if (regionMatches(value, position, segment)) {
				return position;
			}
		}
		return -1;
	}

	private boolean regionMatches(String value, int offset, String segment) {
		for (int i = 0; i < segment.length(); i++) {
			char expected = segment.charAt(i);
			if (expected != '?' && !same(expected, value.charAt(offset + i))) {
				return false;
			}
		}
		return true;
	}

	private boolean same(char a, char b) {
		if (a == b) {
			return true;
		}
		return this.ignoreCase && (Character.toUpperCase(a) == Character.toUpperCase(b)
				|| Character.toLowerCase(a) == Character.toLowerCase(b));
	}

	private static int count(String text, char c) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == c) {
				count++;
			}
		}
		return count;
	}

}
