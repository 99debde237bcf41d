package io.github.xrayspring.export.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.jspecify.annotations.Nullable;

/**
 * What the collector's translators read from one span and its resource, gathered in one
 * pass over each attribute set. Values that are not strings read as {@code ""}, as the
 * collector's {@code Str()} does.
 *
 * @author xray-spring-boot-starter team
 */
final class SpanFacts {

	static final String ANNOTATIONS = "aws.xray.annotations";

	static final String METADATA_PREFIX = "aws.xray.metadata.";

	static final String EXCEPTION_EVENT = "exception";

	static final String AWS_FAILURE_EVENT = "HTTP request failure";

	private static final Set<String> SQL_SYSTEMS = Set.of("db2", "derby", "hive", "mariadb", "mssql", "mysql", "oracle",
			"other_sql", "postgresql", "sqlite", "teradata");

	private static final Set<String> HTTP_KEYS = Set.of("http.method", "http.request.method", "http.client_ip",
			"http.user_agent", "user_agent.original", "http.status_code", "http.response.status_code", "http.url",
			"url.full", "http.scheme", "url.scheme", "http.host", "http.target", "http.server_name", "net.host.port",
			"host.name", "net.host.name", "net.peer.name", "net.peer.port", "net.peer.ip", "network.peer.address",
			"client.address", "url.path", "url.query", "server.address", "server.port");

	private static final Set<String> AWS_KEYS = Set.of("aws.operation", "aws.account_id", "aws.region",
			"aws.request_id", "aws.requestId", "aws.queue_url", "aws.queue.url", "aws.table_name", "aws.table.name");

	private static final Set<String> SQL_KEYS = Set.of("db.connection_string", "db.system", "db.name", "db.statement",
			"db.user");

	final SpanKind kind;

	final String spanName;

	final @Nullable String parentSpanId;

	final boolean statusError;

	final String statusDescription;

	@Nullable String method;

	@Nullable String httpClientIp;

	@Nullable String clientAddress;

	@Nullable String netPeerIp;

	@Nullable String networkPeerAddress;

	@Nullable String userAgent;

	@Nullable Object oldStatus;

	@Nullable Object newStatus;

	@Nullable String url;

	@Nullable String scheme;

	@Nullable String httpHost;

	@Nullable String target;

	@Nullable String serverName;

	@Nullable String netHostPort;

	@Nullable String hostName;

	@Nullable String netHostName;

	@Nullable String netPeerName;

	@Nullable String netPeerPort;

	@Nullable String path;

	@Nullable String query;

	@Nullable String serverAddress;

	@Nullable String serverPort;

	boolean hasHttp;

	boolean hasUrlAttributes;

	boolean hasNetPeerAddress;

	@Nullable String statusText;

	@Nullable String messageType;

	@Nullable Object payloadSize;

	@Nullable String localService;

	@Nullable String awsSpanKind;

	@Nullable String remoteService;

	@Nullable String rpcSystem;

	@Nullable String peerService;

	@Nullable String awsService;

	@Nullable String rpcService;

	boolean hasOperation;

	@Nullable String operation;

	@Nullable String rpcMethod;

	@Nullable String accountId;

	@Nullable String region;

	@Nullable String requestId;

	@Nullable String queueUrl;

	@Nullable String tableName;

	@Nullable String messagingUrl;

	@Nullable List<String> dynamoDbTableNames;

	@Nullable String dbConnectionString;

	@Nullable String dbSystem;

	@Nullable String dbName;

	@Nullable String dbStatement;

	@Nullable String dbUser;

	@Nullable String user;

	@Nullable List<String> annotationKeys;

	boolean annotationsIsArray;

	boolean hasMetadataNamespaces;

	@Nullable String cloudProvider;

	@Nullable String cloudPlatform;

	@Nullable String cloudAccountId;

	@Nullable String availabilityZone;

	@Nullable String hostId;

	@Nullable String hostType;

	@Nullable String hostImageId;

	@Nullable String containerName;

	@Nullable String containerId;

	@Nullable String containerImageTag;

	@Nullable String podName;

	@Nullable String clusterName;

	@Nullable String serviceName;

	@Nullable String serviceNamespace;

	@Nullable String serviceInstanceId;

	@Nullable String serviceVersion;

	@Nullable String sdkName;

	@Nullable String sdkLanguage;

	@Nullable String sdkVersion;

	boolean hasAutoVersion;

	@Nullable String ecsClusterArn;

	@Nullable String ecsContainerArn;

	@Nullable String ecsTaskArn;

	@Nullable String ecsTaskFamily;

	@Nullable String ecsLaunchType;

	@Nullable List<String> logGroupNames;

	@Nullable List<String> logGroupArns;

	boolean hasExceptionEvents;

	boolean hasAwsFailureEvents;

	private boolean namedByAwsService;

	final boolean sql;

	final String name;

	final @Nullable String namespace;

	SpanFacts(SpanData span) {
		SpanKind spanKind = span.getKind();
		this.kind = (spanKind != null) ? spanKind : SpanKind.INTERNAL;
		String spanName = span.getName();
		this.spanName = (spanName != null) ? spanName : "";
		String parent = span.getParentSpanId();
		this.parentSpanId = (parent != null && SpanId.isValid(parent)) ? parent : null;
		StatusData status = span.getStatus();
		this.statusError = status != null && status.getStatusCode() == StatusCode.ERROR;
		String description = (status != null) ? status.getDescription() : null;
		this.statusDescription = (description != null) ? description : "";
		Attributes attributes = span.getAttributes();
		if (attributes != null) {
			attributes.forEach(this::readAttribute);
		}
		Resource resource = span.getResource();
		if (resource != null) {
			resource.getAttributes().forEach(this::readResourceAttribute);
		}
		List<EventData> events = span.getEvents();
		if (events != null) {
			for (EventData event : events) {
				String eventName = event.getName();
				this.hasExceptionEvents |= EXCEPTION_EVENT.equals(eventName);
				this.hasAwsFailureEvents |= AWS_FAILURE_EVENT.equals(eventName);
			}
		}
		this.sql = this.dbSystem != null && SQL_SYSTEMS.contains(this.dbSystem);
		this.name = chooseName();
		this.namespace = chooseNamespace();
	}

	boolean isSegment() {
		return this.kind == SpanKind.SERVER || this.parentSpanId == null;
	}

	boolean isAwsSdkSpan() {
		return "aws-api".equals(this.rpcSystem);
	}

	/**
	 * Returns the status code attribute the collector reads: the old key first.
	 * @return the value, or {@code null} without one
	 */
	@Nullable Object status() {
		return (this.oldStatus != null) ? this.oldStatus : this.newStatus;
	}

	/**
	 * Returns the client IP in the order of the reference table; a non-IP
	 * {@code client.address} or {@code network.peer.address} has already been left out.
	 * @return the client IP, or {@code null}
	 */
	@Nullable String clientIp() {
		if (hasText(this.httpClientIp)) {
			return this.httpClientIp;
		}
		if (hasText(this.clientAddress)) {
			return this.clientAddress;
		}
		if (hasText(this.netPeerIp)) {
			return this.netPeerIp;
		}
		return hasText(this.networkPeerAddress) ? this.networkPeerAddress : null;
	}

	/**
	 * Whether a span attribute is taken by the http, cause, aws or sql translators or by
	 * the {@code user} field, and so never reaches annotations or metadata.
	 * @param key the attribute key
	 * @return whether it is consumed
	 */
	boolean isConsumed(String key) {
		if (HTTP_KEYS.contains(key) || AWS_KEYS.contains(key)) {
			return true;
		}
		return switch (key) {
			case "enduser.id" -> true;
			case ANNOTATIONS -> this.annotationsIsArray;
			case "http.status_text" -> isErrorWithoutEvents();
			default -> this.sql && SQL_KEYS.contains(key);
		};
	}

	boolean isErrorWithoutEvents() {
		return this.statusError && !this.hasExceptionEvents && !(this.hasAwsFailureEvents && isAwsSdkSpan());
	}

	boolean isIndexed(String key) {
		return this.annotationKeys != null && this.annotationKeys.contains(key);
	}

	private void readAttribute(AttributeKey<?> attributeKey, Object rawValue) {
		String key = attributeKey.getKey();
		Object value = unwrap(rawValue);
		switch (key) {
			case "http.method", "http.request.method" -> {
				this.method = string(value);
				this.hasHttp = true;
			}
			case "http.client_ip" -> {
				this.httpClientIp = string(value);
				this.hasHttp = true;
			}
			case "http.user_agent", "user_agent.original" -> {
				this.userAgent = string(value);
				this.hasHttp = true;
			}
			case "http.status_code" -> {
				this.oldStatus = value;
				this.hasHttp = true;
			}
			case "http.response.status_code" -> {
				this.newStatus = value;
				this.hasHttp = true;
			}
			case "http.url", "url.full" -> {
				this.url = string(value);
				this.hasHttp = true;
				this.hasUrlAttributes = true;
			}
			case "http.scheme", "url.scheme" -> {
				this.scheme = string(value);
				this.hasHttp = true;
			}
			case "http.host" -> {
				this.httpHost = string(value);
				this.hasHttp = true;
				this.hasUrlAttributes = true;
			}
			case "http.target" -> {
				this.target = string(value);
				this.hasHttp = true;
			}
			case "http.server_name" -> {
				this.serverName = string(value);
				this.hasHttp = true;
				this.hasUrlAttributes = true;
			}
			case "net.host.port" -> {
				this.netHostPort = port(value);
				this.hasHttp = true;
			}
			case "host.name" -> {
				this.hostName = string(value);
				this.hasUrlAttributes = true;
			}
			case "net.host.name" -> {
				this.netHostName = string(value);
				this.hasUrlAttributes = true;
			}
			case "net.peer.name" -> {
				this.netPeerName = string(value);
				this.hasUrlAttributes = true;
			}
			case "net.peer.port" -> this.netPeerPort = port(value);
			case "net.peer.ip" -> {
				this.netPeerIp = string(value);
				this.hasUrlAttributes = true;
				this.hasNetPeerAddress = true;
			}
			case "network.peer.address" -> {
				String address = string(value);
				if (TranslationRules.isIp(address)) {
					this.networkPeerAddress = address;
					this.hasUrlAttributes = true;
					this.hasNetPeerAddress = true;
				}
			}
			case "client.address" -> {
				String address = string(value);
				if (TranslationRules.isIp(address)) {
					this.clientAddress = address;
				}
			}
			case "url.path" -> {
				this.path = string(value);
				this.hasHttp = true;
			}
			case "url.query" -> {
				this.query = string(value);
				this.hasHttp = true;
			}
			case "server.address" -> {
				this.serverAddress = string(value);
				this.hasUrlAttributes = true;
			}
			case "server.port" -> this.serverPort = port(value);
			case "http.status_text" -> this.statusText = string(value);
			case "message.type" -> this.messageType = string(value);
			case "messaging.message_payload_size_bytes" -> this.payloadSize = value;
			case "aws.local.service" -> this.localService = string(value);
			case "aws.span.kind" -> this.awsSpanKind = string(value);
			case "aws.remote.service" -> this.remoteService = string(value);
			case "rpc.system" -> this.rpcSystem = string(value);
			case "peer.service" -> this.peerService = string(value);
			case "aws.service" -> this.awsService = string(value);
			case "rpc.service" -> this.rpcService = string(value);
			case "aws.operation" -> {
				this.operation = string(value);
				this.hasOperation = true;
			}
			case "rpc.method" -> this.rpcMethod = string(value);
			case "aws.account_id" -> this.accountId = string(value);
			case "aws.region" -> this.region = string(value);
			case "aws.request_id", "aws.requestId" -> this.requestId = string(value);
			case "aws.queue_url", "aws.queue.url" -> this.queueUrl = string(value);
			case "aws.table_name", "aws.table.name" -> this.tableName = string(value);
			case "messaging.url" -> this.messagingUrl = string(value);
			case "aws.dynamodb.table_names" -> this.dynamoDbTableNames = strings(value, false);
			case "db.connection_string" -> this.dbConnectionString = string(value);
			case "db.system" -> this.dbSystem = string(value);
			case "db.name" -> this.dbName = string(value);
			case "db.statement" -> this.dbStatement = string(value);
			case "db.user" -> this.dbUser = string(value);
			case "enduser.id" -> this.user = string(value);
			case ANNOTATIONS -> {
				if (value instanceof List<?>) {
					this.annotationsIsArray = true;
					this.annotationKeys = strings(value, false);
				}
			}
			default -> {
				if (value instanceof String && key.startsWith(METADATA_PREFIX)) {
					this.hasMetadataNamespaces = true;
				}
			}
		}
	}

	private void readResourceAttribute(AttributeKey<?> attributeKey, Object rawValue) {
		Object value = unwrap(rawValue);
		switch (attributeKey.getKey()) {
			case "cloud.provider" -> this.cloudProvider = string(value);
			case "cloud.platform" -> this.cloudPlatform = string(value);
			case "cloud.account.id" -> this.cloudAccountId = string(value);
			case "cloud.availability_zone" -> this.availabilityZone = string(value);
			case "host.id" -> this.hostId = string(value);
			case "host.type" -> this.hostType = string(value);
			case "host.image.id" -> this.hostImageId = string(value);
			case "container.name" -> this.containerName = string(value);
			case "container.id" -> this.containerId = string(value);
			case "container.image.tag" -> this.containerImageTag = string(value);
			case "k8s.pod.name" -> this.podName = string(value);
			case "k8s.cluster.name" -> this.clusterName = string(value);
			case "service.name" -> this.serviceName = string(value);
			case "service.namespace" -> this.serviceNamespace = string(value);
			case "service.instance.id" -> this.serviceInstanceId = string(value);
			case "service.version" -> this.serviceVersion = string(value);
			case "telemetry.sdk.name" -> this.sdkName = string(value);
			case "telemetry.sdk.language" -> this.sdkLanguage = string(value);
			case "telemetry.sdk.version" -> this.sdkVersion = string(value);
			case "telemetry.auto.version" -> this.hasAutoVersion = true;
			case "aws.ecs.cluster.arn" -> this.ecsClusterArn = string(value);
			case "aws.ecs.container.arn" -> this.ecsContainerArn = string(value);
			case "aws.ecs.task.arn" -> this.ecsTaskArn = string(value);
			case "aws.ecs.task.family" -> this.ecsTaskFamily = string(value);
			case "aws.ecs.launchtype" -> this.ecsLaunchType = string(value);
			case "aws.log.group.names" -> this.logGroupNames = strings(value, true);
			case "aws.log.group.arns" -> this.logGroupArns = strings(value, true);
			default -> {
			}
		}
	}

	private String chooseName() {
		boolean localRoot = this.kind == SpanKind.INTERNAL && "LOCAL_ROOT".equals(this.awsSpanKind);
		if ((this.kind == SpanKind.SERVER || localRoot) && hasText(this.localService)) {
			return this.localService;
		}
		if (isClientLike() && hasText(this.remoteService)) {
			String remote = this.remoteService;
			if (isAwsSdkSpan()) {
				remote = stripPrefix(stripPrefix(remote, "AWS.SDK."), "AWS::");
			}
			if (!remote.isEmpty()) {
				return remote;
			}
		}
		if (hasText(this.peerService)) {
			return this.peerService;
		}
		if (hasText(this.awsService)) {
			this.namedByAwsService = true;
			return this.awsService;
		}
		if (hasText(this.dbName)) {
			String host = (this.dbConnectionString != null) ? TranslationRules.host(this.dbConnectionString) : null;
			return (host != null) ? this.dbName + "@" + host : this.dbName;
		}
		if (this.kind == SpanKind.SERVER && hasText(this.serviceName)) {
			return this.serviceName;
		}
		if (hasText(this.rpcService)) {
			return this.rpcService;
		}
		if (hasText(this.httpHost)) {
			return this.httpHost;
		}
		if (hasText(this.netPeerName)) {
			return this.netPeerName;
		}
		return TranslationRules.fixSegmentName(this.spanName);
	}

	private @Nullable String chooseNamespace() {
		if (isAwsSdkSpan() || this.namedByAwsService) {
			return "aws";
		}
		if (this.kind == SpanKind.CLIENT || (isClientLike() && hasText(this.remoteService))) {
			return "remote";
		}
		return null;
	}

	private boolean isClientLike() {
		return this.kind == SpanKind.CLIENT || this.kind == SpanKind.PRODUCER || this.kind == SpanKind.CONSUMER;
	}

	private static String stripPrefix(String text, String prefix) {
		return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
	}

	static boolean hasText(@Nullable String text) {
		return text != null && !text.isEmpty();
	}

	private static String string(@Nullable Object value) {
		return (value instanceof String text) ? text : "";
	}

	private static String port(@Nullable Object value) {
		if (value instanceof Long number) {
			return number.toString();
		}
		return string(value);
	}

	private static List<String> strings(@Nullable Object value, boolean splitAmpersands) {
		List<String> strings = new ArrayList<>();
		if (value instanceof List<?> list) {
			for (Object element : list) {
				if (element instanceof String text) {
					strings.add(text);
				}
			}
		}
		else if (splitAmpersands && value instanceof String text && !text.isEmpty()) {
			strings.addAll(List.of(text.split("&")));
		}
		return strings;
	}

	/**
	 * Turns an OpenTelemetry {@link Value} into plain Java values, as the OTLP wire form
	 * does: scalars stay scalars, arrays become lists, key-value lists maps, bytes base64
	 * text and an empty value {@code null}. Other values are returned as they are.
	 * @param value the attribute value
	 * @return the plain value
	 */
	static @Nullable Object unwrap(@Nullable Object value) {
		if (!(value instanceof Value<?> otelValue)) {
			return value;
		}
		return switch (otelValue.getType()) {
			case STRING, BOOLEAN, LONG, DOUBLE -> otelValue.getValue();
			case ARRAY -> {
				List<@Nullable Object> list = new ArrayList<>();
				for (Object element : (List<?>) otelValue.getValue()) {
					list.add(unwrap(element));
				}
				yield list;
			}
			case KEY_VALUE_LIST -> {
				Map<String, @Nullable Object> map = new LinkedHashMap<>();
				for (Object element : (List<?>) otelValue.getValue()) {
					if (element instanceof KeyValue keyValue) {
						map.put(keyValue.getKey(), unwrap(keyValue.getValue()));
					}
				}
				yield map;
			}
			case BYTES -> {
				ByteBuffer buffer = ((ByteBuffer) otelValue.getValue()).duplicate();
				byte[] bytes = new byte[buffer.remaining()];
				buffer.get(bytes);
				yield Base64.getEncoder().encodeToString(bytes);
			}
			case EMPTY -> null;
			default -> otelValue.asString();
		};
	}

}
