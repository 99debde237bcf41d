package io.github.xrayspring.sampling;

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

	private final String pattern;

	private final boolean ignoreCase;

	private final int kind;

	private final String literal;

	private Glob(String pattern, boolean ignoreCase) {
		this.pattern = pattern;
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
		String pattern = this.pattern;
		int p = 0;
		int v = 0;
		int starP = -1;
		int starV = 0;
		while (v < value.length()) {
			if (p < pattern.length() && pattern.charAt(p) == '*') {
				starP = p++;
				starV = v;
			}
			else if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), value.charAt(v)))) {
				p++;
				v++;
			}
			else if (starP >= 0) {
				// backtrack: let the last star swallow one more character
				p = starP + 1;
				v = ++starV;
			}
			else {
				return false;
			}
		}
		while (p < pattern.length() && pattern.charAt(p) == '*') {
			p++;
		}
		return p == pattern.length();
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
