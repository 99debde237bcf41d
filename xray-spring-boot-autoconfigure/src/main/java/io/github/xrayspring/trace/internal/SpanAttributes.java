package io.github.xrayspring.trace.internal;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.semconv.ClientAttributes;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;

/**
 * The span attribute keys the starter writes and the collector reads: OpenTelemetry's
 * semantic-convention constants where a stable key exists, and the older or X-Ray
 * specific keys that the collector's X-Ray translation still reads.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class SpanAttributes {

	/**
	 * HTTP request method (stable).
	 */
	public static final AttributeKey<String> HTTP_REQUEST_METHOD = HttpAttributes.HTTP_REQUEST_METHOD;

	/**
	 * HTTP response status code (stable; Micrometer hands it over as a string, the
	 * exporter decorator types it).
	 */
	public static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = HttpAttributes.HTTP_RESPONSE_STATUS_CODE;

	/**
	 * The matched route pattern (stable).
	 */
	public static final AttributeKey<String> HTTP_ROUTE = HttpAttributes.HTTP_ROUTE;

	/**
	 * Full URL (stable).
	 */
	public static final AttributeKey<String> URL_FULL = UrlAttributes.URL_FULL;

	/**
	 * URL path (stable).
	 */
	public static final AttributeKey<String> URL_PATH = UrlAttributes.URL_PATH;

	/**
	 * URL scheme (stable).
	 */
	public static final AttributeKey<String> URL_SCHEME = UrlAttributes.URL_SCHEME;

	/**
	 * Client address (stable).
	 */
	public static final AttributeKey<String> CLIENT_ADDRESS = ClientAttributes.CLIENT_ADDRESS;

	/**
	 * User agent (stable).
	 */
	public static final AttributeKey<String> USER_AGENT_ORIGINAL = UserAgentAttributes.USER_AGENT_ORIGINAL;

	/**
	 * Server host (stable).
	 */
	public static final AttributeKey<String> SERVER_ADDRESS = ServerAttributes.SERVER_ADDRESS;

	/**
	 * Server port (stable).
	 */
	public static final AttributeKey<Long> SERVER_PORT = ServerAttributes.SERVER_PORT;

	/**
	 * Client port (stable).
	 */
	public static final AttributeKey<Long> CLIENT_PORT = ClientAttributes.CLIENT_PORT;

	/**
	 * Error type (stable).
	 */
	public static final AttributeKey<String> ERROR_TYPE = ErrorAttributes.ERROR_TYPE;

	/**
	 * Database system, stable names ({@code h2database}, {@code microsoft.sql_server}).
	 */
	public static final AttributeKey<String> DB_SYSTEM_NAME = DbAttributes.DB_SYSTEM_NAME;

	/**
	 * Database name (stable).
	 */
	public static final AttributeKey<String> DB_NAMESPACE = DbAttributes.DB_NAMESPACE;

	/**
	 * Statement text (stable).
	 */
	public static final AttributeKey<String> DB_QUERY_TEXT = DbAttributes.DB_QUERY_TEXT;

	/**
	 * Operation, for example {@code SELECT} (stable).
	 */
	public static final AttributeKey<String> DB_OPERATION_NAME = DbAttributes.DB_OPERATION_NAME;

	/**
	 * Statements in a batch (stable).
	 */
	public static final AttributeKey<Long> DB_OPERATION_BATCH_SIZE = DbAttributes.DB_OPERATION_BATCH_SIZE;

	/**
	 * Database system, old names, which the collector reads for X-Ray's SQL view.
	 */
	public static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");

	/**
	 * Database name, old key, which the collector appends to the connection string.
	 */
	public static final AttributeKey<String> DB_NAME = AttributeKey.stringKey("db.name");

	/**
	 * Statement text, old key, which the collector reads as the SQL query.
	 */
	public static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");

	/**
	 * Operation, old key.
	 */
	public static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation");

	/**
	 * Database user, which the collector reads for X-Ray's SQL view.
	 */
	public static final AttributeKey<String> DB_USER = AttributeKey.stringKey("db.user");

	/**
	 * {@code jdbc:<system>://<host>:<port>}, which the collector reads for X-Ray's SQL
	 * view.
	 */
	public static final AttributeKey<String> DB_CONNECTION_STRING = AttributeKey.stringKey("db.connection_string");

	/**
	 * Prefix of the bind parameter keys, followed by the 1-based index.
	 */
	public static final String DB_QUERY_PARAMETER_PREFIX = "db.query.parameter.";

	/**
	 * The remote service's name, which the collector uses as the subsegment name.
	 */
	public static final AttributeKey<String> PEER_SERVICE = AttributeKey.stringKey("peer.service");

	/**
	 * The end user, which the collector writes as the segment's {@code user}.
	 */
	public static final AttributeKey<String> ENDUSER_ID = AttributeKey.stringKey("enduser.id");

	/**
	 * The keys of a span that leave the process as X-Ray annotations.
	 */
	public static final AttributeKey<List<String>> AWS_XRAY_ANNOTATIONS = AttributeKey
		.stringArrayKey("aws.xray.annotations");

	private SpanAttributes() {
	}

}
