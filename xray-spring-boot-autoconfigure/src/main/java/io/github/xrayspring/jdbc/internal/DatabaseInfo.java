package io.github.xrayspring.jdbc.internal;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.xrayspring.trace.internal.SpanAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import org.jspecify.annotations.Nullable;

/**
 * What a JDBC URL says about the database behind a DataSource, parsed once and kept with
 * the span attributes every statement shares. Credentials and connection parameters are
 * never kept.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class DatabaseInfo {

	private static final String LOCALHOST = "localhost";

	private static final String[] WRAPPER_PREFIXES = { "p6spy:", "aws-wrapper:", "otel:", "log4jdbc:" };

	private static final int MAX_SPAN_NAMES = 64;

	private final DbSystem system;

	private final @Nullable String name;

	private final @Nullable String host;

	private final int port;

	private final @Nullable String user;

	private final String connectionString;

	private static final Set<AttributeKey<?>> OLD_KEYS = Set.of(SpanAttributes.DB_SYSTEM, SpanAttributes.DB_NAME,
			SpanAttributes.DB_USER, SpanAttributes.DB_CONNECTION_STRING);

	private static final Set<AttributeKey<?>> STABLE_KEYS = Set.of(SpanAttributes.DB_SYSTEM_NAME,
			SpanAttributes.DB_NAMESPACE);

	private final Attributes attributes;

	// made on first use, from the attributes with both sets
	private volatile @Nullable Attributes oldOnly;

	private volatile @Nullable Attributes stableOnly;

	private final ConcurrentMap<String, String> spanNames = new ConcurrentHashMap<>();

	private DatabaseInfo(DbSystem system, String subprotocol, @Nullable String name, @Nullable String host, int port,
			@Nullable String user) {
		this.system = system;
		this.name = name;
		this.host = host;
		this.port = port;
		this.user = user;
		this.connectionString = connectionString(system, subprotocol, host, port);
		this.attributes = buildAttributes();
	}

	/**
	 * Parses a JDBC URL.
	 * @param url the URL, may be {@code null}
	 * @param user the user name configured on the pool, preferred over one in the URL
	 * @return what the URL says
	 */
	public static DatabaseInfo parse(@Nullable String url, @Nullable String user) {
		try {
			return doParse(url, user);
		}
		catch (RuntimeException ex) {
			return unknown(user);
		}
	}

	static DatabaseInfo unknown(@Nullable String user) {
		return new DatabaseInfo(DbSystem.OTHER_SQL, "other_sql", null, null, -1, blankToNull(user));
	}

	private static DatabaseInfo doParse(@Nullable String url, @Nullable String configuredUser) {
		if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
			return unknown(configuredUser);
		}
		String rest = url.substring(5);
		for (String prefix : WRAPPER_PREFIXES) {
			if (rest.regionMatches(true, 0, prefix, 0, prefix.length())) {
				rest = rest.substring(prefix.length());
			}
		}
		int colon = rest.indexOf(':');
		if (colon <= 0) {
			return unknown(configuredUser);
		}
		String subprotocol = rest.substring(0, colon).toLowerCase(Locale.ROOT);
		int plus = subprotocol.indexOf('+');
		if (plus > 0) {
			subprotocol = subprotocol.substring(0, plus);
		}
		DbSystem system = DbSystem.fromSubprotocol(subprotocol);
		String body = rest.substring(colon + 1);
		Parts parts = (system == DbSystem.ORACLE) ? oracle(body) : hierarchical(body);
		String user = (configuredUser != null && !configuredUser.isBlank()) ? configuredUser : parts.user;
		int port = (parts.port > 0) ? parts.port : (parts.host != null && !parts.embedded) ? system.defaultPort() : -1;
		return new DatabaseInfo(system, subprotocol, blankToNull(parts.name), blankToNull(parts.host), port,
				blankToNull(user));
	}

	private static Parts hierarchical(String body) {
		Parts parts = new Parts();
		int slashes = body.indexOf("//");
		int paramsStart = firstOf(body, 0, '?', ';');
		if (slashes < 0 || (paramsStart >= 0 && paramsStart < slashes)) {
			parts.embedded = true;
			parts.host = LOCALHOST;
			String location = (paramsStart >= 0) ? body.substring(0, paramsStart) : body;
			parts.name = lastSegment(location);
			params(body, paramsStart, parts);
			return parts;
		}
		int authorityStart = slashes + 2;
		paramsStart = firstOf(body, authorityStart, '?', ';');
		int limit = (paramsStart >= 0) ? paramsStart : body.length();
		int at = body.lastIndexOf('@', limit - 1);
		if (at >= authorityStart) {
			String userInfo = body.substring(authorityStart, at);
			int userEnd = userInfo.indexOf(':');
			parts.user = (userEnd >= 0) ? userInfo.substring(0, userEnd) : userInfo;
			authorityStart = at + 1;
		}
		int pathStart = body.indexOf('/', authorityStart);
		if (pathStart > limit) {
			pathStart = -1;
		}
		int authorityEnd = (pathStart >= 0) ? pathStart : limit;
		hostAndPort(body.substring(authorityStart, authorityEnd), parts);
		if (pathStart >= 0) {
			parts.name = lastSegment(body.substring(pathStart + 1, limit));
		}
		params(body, paramsStart, parts);
		return parts;
	}

	private static void hostAndPort(String authority, Parts parts) {
		int comma = authority.indexOf(',');
		String first = (comma >= 0) ? authority.substring(0, comma) : authority;
		int backslash = first.indexOf('\\');
		String portPart = null;
		String host;
		if (first.startsWith("[")) {
			int close = first.indexOf(']');
			host = (close > 0) ? first.substring(1, close) : first.substring(1);
			if (close > 0 && close + 1 < first.length() && first.charAt(close + 1) == ':') {
				portPart = first.substring(close + 2);
			}
		}
		else {
			int colon = first.lastIndexOf(':');
			host = (colon >= 0) ? first.substring(0, colon) : first;
			portPart = (colon >= 0) ? first.substring(colon + 1) : null;
		}
		if (backslash >= 0 && backslash < host.length()) {
			// SQL Server "host\instance"
			host = host.substring(0, backslash);
		}
		parts.host = host.isEmpty() ? LOCALHOST : host;
		parts.port = port(portPart);
	}

	private static void params(String body, int start, Parts parts) {
		if (start < 0) {
			return;
		}
		int i = start + 1;
		while (i < body.length()) {
			int end = firstOf(body, i, '&', ';');
			if (end < 0) {
				end = body.length();
			}
			int equals = body.indexOf('=', i);
			if (equals > i && equals < end) {
				String key = body.substring(i, equals).trim().toLowerCase(Locale.ROOT);
				String value = body.substring(equals + 1, end).trim();
				switch (key) {
					case "user", "username" -> parts.user = value;
					case "databasename", "database" -> parts.name = value;
					case "servername" -> parts.host = value;
					case "portnumber" -> parts.port = port(value);
					default -> {
					}
				}
			}
			i = end + 1;
		}
	}

	private static Parts oracle(String body) {
		Parts parts = new Parts();
		int at = body.lastIndexOf('@');
		String userPart = (at >= 0) ? body.substring(0, at) : "";
		int driverEnd = userPart.indexOf(':');
		String credentials = (driverEnd >= 0) ? userPart.substring(driverEnd + 1) : "";
		if (!credentials.isEmpty()) {
			int slash = credentials.indexOf('/');
			parts.user = (slash >= 0) ? credentials.substring(0, slash) : credentials;
		}
		String target = (at >= 0) ? body.substring(at + 1).trim() : "";
		int query = target.indexOf('?');
		if (query >= 0) {
			target = target.substring(0, query);
		}
		if (target.startsWith("(")) {
			parts.host = descriptorValue(target, "HOST");
			parts.port = port(descriptorValue(target, "PORT"));
			String service = descriptorValue(target, "SERVICE_NAME");
			parts.name = (service != null) ? service : descriptorValue(target, "SID");
			return parts;
		}
		if (target.startsWith("//")) {
			target = target.substring(2);
		}
		int slash = target.indexOf('/');
		String hostPort = (slash >= 0) ? target.substring(0, slash) : target;
		if (slash >= 0) {
			parts.name = target.substring(slash + 1);
		}
		String[] pieces = hostPort.split(":");
		parts.host = pieces[0];
		if (pieces.length > 1) {
			parts.port = port(pieces[1]);
		}
		if (pieces.length > 2 && parts.name == null) {
			parts.name = pieces[2];
		}
		return parts;
	}

	private static @Nullable String descriptorValue(String descriptor, String key) {
		String upper = descriptor.toUpperCase(Locale.ROOT);
		int i = upper.indexOf("(" + key);
		while (i >= 0) {
			int j = i + key.length() + 1;
			while (j < descriptor.length() && descriptor.charAt(j) == ' ') {
				j++;
			}
			if (j < descriptor.length() && descriptor.charAt(j) == '=') {
				int end = descriptor.indexOf(')', j);
				return descriptor.substring(j + 1, (end >= 0) ? end : descriptor.length()).trim();
			}
			i = upper.indexOf("(" + key, j);
		}
		return null;
	}

	private static int port(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > 5) {
			return -1;
		}
		for (int i = 0; i < value.length(); i++) {
			if (!SqlSanitizer.isDigit(value.charAt(i))) {
				return -1;
			}
		}
		return Integer.parseInt(value);
	}

	private static @Nullable String lastSegment(String location) {
		int end = location.length();
		while (end > 0 && (location.charAt(end - 1) == '/' || location.charAt(end - 1) == '\\')) {
			end--;
		}
		int start = end;
		while (start > 0 && "/\\:~".indexOf(location.charAt(start - 1)) < 0) {
			start--;
		}
		return (start < end) ? location.substring(start, end) : null;
	}

	private static int firstOf(String value, int from, char first, char second) {
		for (int i = from; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == first || c == second) {
				return i;
			}
		}
		return -1;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	// jdbc:<system>://<host>:<port> and nothing else: the collector appends "/" + db.name
	// for X-Ray's SQL view, so the database name here would appear twice
	private static String connectionString(DbSystem system, String subprotocol, @Nullable String host, int port) {
		StringBuilder builder = new StringBuilder("jdbc:");
		builder.append((system != DbSystem.OTHER_SQL) ? system.oldName() : subprotocol);
		String address = (host != null) ? host : LOCALHOST;
		builder.append("://");
		if (address.indexOf(':') >= 0) {
			builder.append('[').append(address).append(']');
		}
		else {
			builder.append(address);
		}
		if (port > 0) {
			builder.append(':').append(port);
		}
		return builder.toString();
	}

	private Attributes buildAttributes() {
		AttributesBuilder builder = Attributes.builder()
			.put(SpanAttributes.DB_SYSTEM, this.system.oldName())
			.put(SpanAttributes.DB_SYSTEM_NAME, this.system.stableName())
			.put(SpanAttributes.DB_CONNECTION_STRING, this.connectionString);
		if (this.name != null) {
			builder.put(SpanAttributes.DB_NAME, this.name).put(SpanAttributes.DB_NAMESPACE, this.name);
		}
		if (this.user != null) {
			builder.put(SpanAttributes.DB_USER, this.user);
		}
		if (this.host != null) {
			builder.put(SpanAttributes.SERVER_ADDRESS, this.host);
		}
		if (this.port > 0) {
			builder.put(SpanAttributes.SERVER_PORT, (long) this.port);
		}
		String peer = peerService();
		if (peer != null) {
			builder.put(SpanAttributes.PEER_SERVICE, peer);
		}
		return builder.build();
	}

	private @Nullable String peerService() {
		if (this.name != null && this.host != null) {
			return this.name + "@" + this.host;
		}
		return (this.name != null) ? this.name : this.host;
	}

	/**
	 * Returns the span name for an operation: {@code <operation> <database name>}.
	 * @param operation the operation, may be {@code null}
	 * @return the span name
	 */
	String spanName(@Nullable String operation) {
		String suffix = (this.name != null) ? this.name : this.system.oldName();
		if (operation == null) {
			return suffix;
		}
		String cached = this.spanNames.get(operation);
		if (cached != null) {
			return cached;
		}
		String spanName = operation + " " + suffix;
		if (this.spanNames.size() < MAX_SPAN_NAMES) {
			this.spanNames.put(operation, spanName);
		}
		return spanName;
	}

	DbSystem system() {
		return this.system;
	}

	@Nullable String name() {
		return this.name;
	}

	@Nullable String host() {
		return this.host;
	}

	int port() {
		return this.port;
	}

	@Nullable String user() {
		return this.user;
	}

	String connectionString() {
		return this.connectionString;
	}

	/**
	 * The attributes every span of a statement on this database carries, with both sets
	 * of keys.
	 * @return the attributes
	 */
	Attributes attributes() {
		return this.attributes;
	}

	/**
	 * The attributes every span of a statement on this database carries, with the old
	 * keys ({@code db.system}, {@code db.name}, {@code db.user},
	 * {@code db.connection_string}), the stable ones ({@code db.system.name},
	 * {@code db.namespace}) or both; the server and peer keys always.
	 * @param oldKeys whether the old keys are included
	 * @param stableKeys whether the stable keys are included
	 * @return the attributes
	 */
	Attributes attributes(boolean oldKeys, boolean stableKeys) {
		if (oldKeys && stableKeys) {
			return this.attributes;
		}
		Attributes only = oldKeys ? this.oldOnly : this.stableOnly;
		if (only == null) {
			only = this.attributes.toBuilder()
				.removeIf((key) -> oldKeys ? STABLE_KEYS.contains(key) : OLD_KEYS.contains(key))
				.build();
			if (oldKeys) {
				this.oldOnly = only;
			}
			else {
				this.stableOnly = only;
			}
		}
		return only;
	}

	@Override
	public String toString() {
		return this.connectionString;
	}

	/**
	 * Mutable pieces found while parsing.
	 */
	private static final class Parts {

		@Nullable String name;

		@Nullable String host;

		int port = -1;

		@Nullable String user;

		boolean embedded;

	}

}
