package io.github.xrayspring.export.internal;

import java.util.List;

import io.github.xrayspring.json.internal.Json;

/**
 * Writes a Java stack trace as X-Ray exception frames, splitting each {@code Caused by:}
 * into a further exception linked through {@code cause}, as the collector does for
 * {@code telemetry.sdk.language=java}.
 *
 * @author xray-spring-boot-starter team
 */
final class JavaStackTraces {

	private static final String FRAME_PREFIX = "\tat ";

	private static final String CAUSED_BY_PREFIX = "Caused by: ";

	private JavaStackTraces() {
	}

	/**
	 * Writes the frames of the exception that is open in {@code json} and, for every
	 * {@code Caused by:}, closes the current exception and opens the next one. The first
	 * line (the head exception's own type and message) is skipped, so are
	 * {@code ... n more} lines and {@code Suppressed:} blocks. The caller closes the last
	 * exception.
	 * @param json the document, inside an open exception object
	 * @param stacktrace the {@code exception.stacktrace} text
	 */
	static void write(StringBuilder json, String stacktrace) {
		List<String> lines = stacktrace.lines().toList();
		boolean inStack = false;
		int i = 1;
		while (i < lines.size()) {
			String line = lines.get(i);
			if (isFrame(line)) {
				if (!inStack) {
					SegmentDocumentTranslator.member(json, "stack");
					json.append('[');
					inStack = true;
				}
				writeFrame(json, line);
				i++;
			}
			else if (line.startsWith(CAUSED_BY_PREFIX)) {
				if (inStack) {
					json.append(']');
					inStack = false;
				}
				String cause = line.substring(CAUSED_BY_PREFIX.length());
				int colon = cause.indexOf(':');
				String type = (colon >= 0) ? cause.substring(0, colon) : cause;
				StringBuilder message = new StringBuilder((colon >= 0) ? messageAfter(cause, colon) : "");
				i++;
				// a message with line breaks continues until the next frame or marker
				while (i < lines.size() && !isStructural(lines.get(i))) {
					message.append('\n').append(lines.get(i));
					i++;
				}
				String id = SegmentDocumentTranslator.newId();
				SegmentDocumentTranslator.member(json, "cause");
				Json.writeString(json, id);
				json.append("},{");
				SegmentDocumentTranslator.member(json, "id");
				Json.writeString(json, id);
				SegmentDocumentTranslator.member(json, "message");
				Json.writeString(json, message);
				SegmentDocumentTranslator.member(json, "type");
				Json.writeString(json, type);
			}
			else {
				i++;
			}
		}
		if (inStack) {
			json.append(']');
		}
	}

	private static String messageAfter(String cause, int colon) {
		int start = colon + 1;
		if (start < cause.length() && cause.charAt(start) == ' ') {
			start++;
		}
		return cause.substring(start);
	}

	private static boolean isFrame(String line) {
		return line.startsWith(FRAME_PREFIX) && line.indexOf('(') >= 0 && line.endsWith(")");
	}

	private static boolean isStructural(String line) {
		return line.startsWith(FRAME_PREFIX) || line.startsWith("\t... ") || line.startsWith(CAUSED_BY_PREFIX)
				|| line.startsWith("\tSuppressed: ");
	}

	private static void writeFrame(StringBuilder json, String line) {
		int open = line.indexOf('(');
		String label = stripLoaderAndModule(line.substring(FRAME_PREFIX.length(), open));
		String path = line.substring(open + 1, line.length() - 1);
		int lineNumber = 0;
		int colon = path.indexOf(':');
		if (colon >= 0) {
			lineNumber = parseLineNumber(path.substring(colon + 1));
			path = path.substring(0, colon);
		}
		SegmentDocumentTranslator.comma(json);
		json.append('{');
		SegmentDocumentTranslator.member(json, "path");
		Json.writeString(json, path);
		SegmentDocumentTranslator.member(json, "line");
		json.append(lineNumber);
		SegmentDocumentTranslator.member(json, "label");
		Json.writeString(json, label);
		json.append('}');
	}

	/**
	 * Removes the class loader and module prefixes Java writes before the class name
	 * ({@code app//}, {@code java.base/}, {@code loader/module@1.0/}), keeping the
	 * {@code /} of hidden classes such as {@code Foo$$Lambda/0x0001}.
	 * @param label the text between {@code at} and {@code (}
	 * @return the class and method name
	 */
	private static String stripLoaderAndModule(String label) {
		String stripped = label;
		for (int i = 0; i < 2; i++) {
			int slash = stripped.indexOf('/');
			if (slash < 0 || stripped.lastIndexOf('$', slash) >= 0) {
				break;
			}
			stripped = stripped.substring(slash + 1);
		}
		return stripped;
	}

	private static int parseLineNumber(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			// as the collector's strconv.Atoi: an unreadable line number is 0
			return 0;
		}
	}

}
