package io.github.xrayspring.export.internal;

import org.jspecify.annotations.Nullable;

/**
 * The collector's small text rules: segment name and annotation key fixing, IP address
 * recognition and the host of a database connection string.
 *
 * @author xray-spring-boot-starter team
 */
final class TranslationRules {

	private static final int MAX_SEGMENT_NAME_BYTES = 200;

	private static final String DEFAULT_SEGMENT_NAME = "span";

	private static final String SEGMENT_NAME_SYMBOLS = " _.:/%&#=+-@";

	private TranslationRules() {
	}

	/**
	 * Removes characters X-Ray does not allow in a segment name (all but Unicode letters,
	 * ASCII digits, space and {@code _ . : / % & # = + - @}) and cuts the name to 200
	 * UTF-8 bytes without splitting a character; an empty result becomes {@code span}.
	 * @param name the span name
	 * @return the segment name
	 */
	static String fixSegmentName(String name) {
		StringBuilder fixed = new StringBuilder(Math.min(name.length(), MAX_SEGMENT_NAME_BYTES));
		int bytes = 0;
		for (int i = 0; i < name.length();) {
			int codePoint = name.codePointAt(i);
			i += Character.charCount(codePoint);
			if (isSegmentNameCharacter(codePoint)) {
				bytes += utf8Length(codePoint);
				if (bytes > MAX_SEGMENT_NAME_BYTES) {
					break;
				}
				fixed.appendCodePoint(codePoint);
			}
		}
		return fixed.isEmpty() ? DEFAULT_SEGMENT_NAME : fixed.toString();
	}

	private static boolean isSegmentNameCharacter(int codePoint) {
		return (codePoint >= '0' && codePoint <= '9') || Character.isLetter(codePoint)
				|| (codePoint < 128 && SEGMENT_NAME_SYMBOLS.indexOf(codePoint) >= 0);
	}

	private static int utf8Length(int codePoint) {
		if (codePoint < 0x80) {
			return 1;
		}
		if (codePoint < 0x800) {
			return 2;
		}
		return (codePoint < 0x10000) ? 3 : 4;
	}

	/**
	 * Fixes an annotation key as the collector does with {@code exporter.xray.allowDot}
	 * on (its default): every character other than ASCII letters, digits and {@code .}
	 * becomes one {@code _}.
	 * @param key the attribute key
	 * @return the annotation key
	 */
	static String fixAnnotationKey(String key) {
		boolean valid = true;
		for (int i = 0; i < key.length() && valid; i++) {
			valid = isAnnotationKeyCharacter(key.charAt(i));
		}
		if (valid) {
			return key;
		}
		StringBuilder fixed = new StringBuilder(key.length());
		for (int i = 0; i < key.length();) {
			int codePoint = key.codePointAt(i);
			i += Character.charCount(codePoint);
			fixed.append(isAnnotationKeyCharacter(codePoint) ? (char) codePoint : '_');
		}
		return fixed.toString();
	}

	private static boolean isAnnotationKeyCharacter(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
	}

	/**
	 * Whether text is an IPv4 address in dotted decimal form or an IPv6 address, as Go's
	 * {@code net.ParseIP} accepts them. No name is ever resolved.
	 * @param text the text
	 * @return whether it is an IP address
	 */
	static boolean isIp(String text) {
		return isIpv4(text, 0, text.length()) || isIpv6(text);
	}

	private static boolean isIpv4(String text, int start, int end) {
		int parts = 0;
		int partStart = start;
		for (int i = start; i <= end; i++) {
			if (i == end || text.charAt(i) == '.') {
				if (!isIpv4Part(text, partStart, i)) {
					return false;
				}
				parts++;
				partStart = i + 1;
			}
		}
		return parts == 4;
	}

	private static boolean isIpv4Part(String text, int start, int end) {
		int length = end - start;
		if (length < 1 || length > 3 || (length > 1 && text.charAt(start) == '0')) {
			return false;
		}
		int value = 0;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
			value = value * 10 + (c - '0');
		}
		return value <= 255;
	}

	private static boolean isIpv6(String text) {
		int lastColon = text.lastIndexOf(':');
		if (lastColon < 0) {
			return false;
		}
		String address = text;
		if (text.indexOf('.', lastColon) >= 0) {
			if (!isIpv4(text, lastColon + 1, text.length())) {
				return false;
			}
			// an embedded IPv4 address stands for two groups
			address = text.substring(0, lastColon + 1) + "0:0";
		}
		int doubleColon = address.indexOf("::");
		if (doubleColon < 0) {
			return countGroups(address) == 8;
		}
		if (address.indexOf("::", doubleColon + 1) >= 0) {
			return false;
		}
		int before = countGroups(address.substring(0, doubleColon));
		int after = countGroups(address.substring(doubleColon + 2));
		return before >= 0 && after >= 0 && before + after <= 7;
	}

	private static int countGroups(String part) {
		if (part.isEmpty()) {
			return 0;
		}
		int groups = 0;
		int digits = 0;
		for (int i = 0; i <= part.length(); i++) {
			if (i == part.length() || part.charAt(i) == ':') {
				if (digits == 0) {
					return -1;
				}
				groups++;
				digits = 0;
			}
			else if (!isHexDigit(part.charAt(i)) || ++digits > 4) {
				return -1;
			}
		}
		return groups;
	}

	private static boolean isHexDigit(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	/**
	 * Returns the host of a database connection string the way the collector finds it: a
	 * leading {@code jdbc:} is removed and the rest is read as a URL with an authority
	 * ({@code scheme://[user@]host[:port]/...}). Strings that are not such a URL (for
	 * example {@code jdbc:h2:mem:x} or Oracle's {@code @host:port:sid} form) have no
	 * host.
	 * @param connectionString the {@code db.connection_string} value
	 * @return the host without brackets, or {@code null}
	 */
	static @Nullable String host(String connectionString) {
		String url = connectionString.startsWith("jdbc:") ? connectionString.substring(5) : connectionString;
		int schemeEnd = url.indexOf("://");
		if (schemeEnd < 1 || !isScheme(url, schemeEnd)) {
			return null;
		}
		int authorityStart = schemeEnd + 3;
		int authorityEnd = authorityStart;
		while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
			authorityEnd++;
		}
		int at = url.lastIndexOf('@', authorityEnd - 1);
		String authority = url.substring((at >= authorityStart) ? at + 1 : authorityStart, authorityEnd);
		String host;
		String port;
		if (authority.startsWith("[")) {
			int close = authority.indexOf(']');
			if (close < 0) {
				return null;
			}
			host = authority.substring(1, close);
			port = authority.substring(close + 1);
			if (!port.isEmpty() && !port.startsWith(":")) {
				return null;
			}
		}
		else {
			int colon = authority.indexOf(':');
			host = (colon >= 0) ? authority.substring(0, colon) : authority;
			port = (colon >= 0) ? authority.substring(colon) : "";
		}
		for (int i = 1; i < port.length(); i++) {
			if (port.charAt(i) < '0' || port.charAt(i) > '9') {
				return null;
			}
		}
		return host.isEmpty() ? null : host;
	}

	private static boolean isScheme(String url, int end) {
		for (int i = 0; i < end; i++) {
			char c = url.charAt(i);
			boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			boolean other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
			if (!letter && (i == 0 || !other)) {
				return false;
			}
		}
		return true;
	}

}
