package io.github.xrayspring.export.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.github.xrayspring.json.internal.Json;
import io.github.xrayspring.json.internal.JsonReader;
import io.github.xrayspring.trace.internal.XRayTraceIds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * Translates a finished span into the X-Ray segment document that the ADOT collector's
 * {@code awsxray} exporter makes of it with default settings: no
 * {@code indexed_attributes}, {@code index_all_attributes=false}, feature gates at their
 * defaults ({@code allowDot} and skipped timestamp validation on, the V1 DB and HTTP
 * conventions off).
 * <p>
 * Where the collector's behaviour is not pinned down, this class chooses as follows:
 * <ul>
 * <li>the client IP is taken from {@code http.client_ip}, then {@code client.address},
 * {@code net.peer.ip}, {@code network.peer.address}, whatever the attribute order;</li>
 * <li>a status code that is not an integer attribute is consumed but not written;</li>
 * <li>an assembled URL gets no port when the host comes from {@code http.host} (which
 * carries its own), and no {@code ?} for an empty query;</li>
 * <li>only Java stack traces are parsed into frames; a {@code Caused by:} message ends at
 * the next frame, {@code ...} or {@code Suppressed:} line; class loader and module
 * prefixes are removed from frame labels, the {@code /} of hidden classes is kept;</li>
 * <li>an AWS SDK {@code HTTP request failure} event becomes an exception with message
 * {@code aws.http.error_message};</li>
 * <li>segment names are cut to 200 UTF-8 bytes without splitting a character;</li>
 * <li>when {@code aws.xray.metadata.default} and a plain attribute carry the same key,
 * the first one written (the plain attribute) is kept;</li>
 * <li>a {@code CLIENT}, {@code PRODUCER} or {@code CONSUMER} span with
 * {@code aws.span.kind=LOCAL_ROOT} gives one document, not the collector's two (only
 * ADOT's own instrumentation sets that attribute).</li>
 * </ul>
 * A part of the document that cannot be written from odd input is left out; the
 * translator does not throw for odd attribute values. Instances are thread-safe.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class SegmentDocumentTranslator {

	private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

	private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

	private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

	private static final AttributeKey<String> AWS_HTTP_ERROR_MESSAGE = AttributeKey.stringKey("aws.http.error_message");

	private static final AttributeKey<String> MESSAGE_TYPE = AttributeKey.stringKey("message.type");

	private static final AttributeKey<Long> PAYLOAD_SIZE = AttributeKey.longKey("messaging.message_payload_size_bytes");

	private static final String RESOURCE_PREFIX = "otel.resource.";

	private static final String DEFAULT_NAMESPACE = "default";

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	/**
	 * Returns the segment document of a span.
	 * @param span the finished span
	 * @return the X-Ray segment document as one line of JSON
	 */
	public String translate(SpanData span) {
		SpanFacts facts = new SpanFacts(span);
		StringBuilder json = new StringBuilder(1024);
		json.append('{');
		writeIdentity(json, span, facts);
		write(json, span, facts, SegmentDocumentTranslator::writeFlags);
		write(json, span, facts, SegmentDocumentTranslator::writeCause);
		write(json, span, facts, SegmentDocumentTranslator::writeKindAndUser);
		write(json, span, facts, SegmentDocumentTranslator::writeHttp);
		write(json, span, facts, SegmentDocumentTranslator::writeAws);
		write(json, span, facts, SegmentDocumentTranslator::writeService);
		write(json, span, facts, SegmentDocumentTranslator::writeSql);
		write(json, span, facts, SegmentDocumentTranslator::writeAnnotations);
		write(json, span, facts, SegmentDocumentTranslator::writeMetadata);
		write(json, span, facts, SegmentDocumentTranslator::writeLinks);
		json.append('}');
		return json.toString();
	}

	private static void write(StringBuilder json, SpanData span, SpanFacts facts, Section section) {
		int length = json.length();
		try {
			section.write(json, span, facts);
		}
		catch (RuntimeException ex) {
			// best effort: a part that odd input breaks is left out, the rest still shows
			json.setLength(length);
		}
	}

	private static void writeIdentity(StringBuilder json, SpanData span, SpanFacts facts) {
		member(json, "trace_id");
		Json.writeString(json, xrayTraceId(span.getTraceId()));
		member(json, "id");
		Json.writeString(json, span.getSpanId());
		member(json, "name");
		Json.writeString(json, facts.name);
		member(json, "start_time");
		writeSeconds(json, span.getStartEpochNanos());
		member(json, "end_time");
		writeSeconds(json, span.getEndEpochNanos());
		if (facts.parentSpanId != null) {
			member(json, "parent_id");
			Json.writeString(json, facts.parentSpanId);
		}
	}

	private static void writeFlags(StringBuilder json, SpanData span, SpanFacts facts) {
		long code = (facts.status() instanceof Long number) ? number : 0;
		boolean clientError = code >= 400 && code <= 499;
		boolean serverError = code >= 500 && code <= 599;
		member(json, "fault");
		json.append(serverError || (!clientError && facts.statusError));
		member(json, "error");
		json.append(clientError);
		member(json, "throttle");
		json.append(code == 429);
	}

	private static void writeCause(StringBuilder json, SpanData span, SpanFacts facts) {
		boolean awsFailures = facts.hasAwsFailureEvents && facts.isAwsSdkSpan();
		if (facts.hasExceptionEvents || awsFailures) {
			boolean remote = facts.kind == SpanKind.CLIENT || facts.kind == SpanKind.PRODUCER;
			boolean java = "java".equals(facts.sdkLanguage);
			member(json, "cause");
			json.append("{\"exceptions\":[");
			for (EventData event : span.getEvents()) {
				if (SpanFacts.EXCEPTION_EVENT.equals(event.getName())) {
					writeException(json, event, remote, java);
				}
				else if (awsFailures && SpanFacts.AWS_FAILURE_EVENT.equals(event.getName())) {
					writeAwsFailure(json, event);
				}
			}
			json.append("]}");
		}
		else if (facts.statusError) {
			String message = facts.statusDescription.isEmpty() ? facts.statusText : facts.statusDescription;
			if (SpanFacts.hasText(message)) {
				member(json, "cause");
				json.append("{\"exceptions\":[{");
				member(json, "id");
				Json.writeString(json, newId());
				member(json, "message");
				Json.writeString(json, message);
				json.append("}]}");
			}
		}
	}

	private static void writeException(StringBuilder json, EventData event, boolean remote, boolean java) {
		Attributes attributes = event.getAttributes();
		String type = attributes.get(EXCEPTION_TYPE);
		String message = attributes.get(EXCEPTION_MESSAGE);
		String stacktrace = attributes.get(EXCEPTION_STACKTRACE);
		comma(json);
		json.append('{');
		member(json, "id");
		Json.writeString(json, newId());
		member(json, "message");
		Json.writeString(json, (message != null) ? message : "");
		member(json, "type");
		Json.writeString(json, (type != null) ? type : "");
		member(json, "remote");
		json.append(remote);
		if (java && stacktrace != null && !stacktrace.isEmpty()) {
			JavaStackTraces.write(json, stacktrace);
		}
		json.append('}');
	}

	private static void writeAwsFailure(StringBuilder json, EventData event) {
		String message = event.getAttributes().get(AWS_HTTP_ERROR_MESSAGE);
		comma(json);
		json.append('{');
		member(json, "id");
		Json.writeString(json, newId());
		member(json, "message");
		Json.writeString(json, (message != null) ? message : "");
		member(json, "type");
		Json.writeString(json, "aws.http.error.event");
		member(json, "remote");
		json.append(true);
		json.append('}');
	}

	private static void writeKindAndUser(StringBuilder json, SpanData span, SpanFacts facts) {
		writeText(json, "origin", origin(facts));
		if (!facts.isSegment()) {
			writeText(json, "type", "subsegment");
		}
		writeText(json, "namespace", facts.namespace);
		writeText(json, "user", facts.user);
	}

	private static @Nullable String origin(SpanFacts facts) {
		if ((facts.cloudProvider != null && !"aws".equals(facts.cloudProvider)) || facts.cloudPlatform == null) {
			return null;
		}
		return switch (facts.cloudPlatform) {
			case "aws_ec2" -> "AWS::EC2::Instance";
			case "aws_ecs" -> {
				if ("ec2".equals(facts.ecsLaunchType)) {
					yield "AWS::ECS::EC2";
				}
				yield "fargate".equals(facts.ecsLaunchType) ? "AWS::ECS::Fargate" : "AWS::ECS::Container";
			}
			case "aws_eks" -> "AWS::EKS::Container";
			case "aws_elastic_beanstalk" -> "AWS::ElasticBeanstalk::Environment";
			case "aws_app_runner" -> "AWS::AppRunner::Service";
			default -> null;
		};
	}

	private static void writeHttp(StringBuilder json, SpanData span, SpanFacts facts) {
		if (!facts.hasHttp) {
			return;
		}
		member(json, "http");
		json.append("{\"request\":{");
		writeText(json, "method", facts.method);
		if (facts.hasUrlAttributes) {
			writeText(json, "url", (facts.kind == SpanKind.SERVER) ? serverUrl(facts) : clientUrl(facts));
		}
		writeText(json, "user_agent", facts.userAgent);
		String clientIp = facts.clientIp();
		writeText(json, "client_ip", clientIp);
		if (clientIp != null && !facts.hasNetPeerAddress) {
			member(json, "x_forwarded_for");
			json.append(true);
		}
		json.append("},\"response\":{");
		if (facts.status() instanceof Long status) {
			member(json, "status");
			json.append(status.longValue());
		}
		member(json, "content_length");
		json.append(contentLength(span, facts));
		json.append("}}");
	}

	private static String serverUrl(SpanFacts facts) {
		if (facts.url != null) {
			return facts.url;
		}
		if (facts.httpHost != null) {
			return url(facts, facts.httpHost, "");
		}
		String host = firstPresent(facts.serverName, facts.netHostName, facts.hostName, facts.serverAddress);
		return url(facts, host, firstPresent(facts.netHostPort, facts.serverPort));
	}

	private static String clientUrl(SpanFacts facts) {
		if (facts.url != null) {
			return facts.url;
		}
		if (facts.httpHost != null) {
			return url(facts, facts.httpHost, "");
		}
		String host = firstPresent(facts.netPeerName, facts.netPeerIp, facts.serverAddress);
		return url(facts, host, firstPresent(facts.netPeerPort));
	}

	private static String url(SpanFacts facts, String host, String port) {
		String scheme = (facts.scheme != null) ? facts.scheme : "http";
		StringBuilder url = new StringBuilder(scheme).append("://").append(host);
		boolean defaultPort = ("http".equals(scheme) && "80".equals(port))
				|| ("https".equals(scheme) && "443".equals(port));
		if (!port.isEmpty() && !defaultPort) {
			url.append(':').append(port);
		}
		if (facts.target != null) {
			return url.append(facts.target).toString();
		}
		url.append((facts.path != null) ? facts.path : "/");
		if (SpanFacts.hasText(facts.query)) {
			if (facts.query.charAt(0) != '?') {
				url.append('?');
			}
			url.append(facts.query);
		}
		return url.toString();
	}

	private static String firstPresent(@Nullable String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null) {
				return candidate;
			}
		}
		return "";
	}

	private static long contentLength(SpanData span, SpanFacts facts) {
		if ("RECEIVED".equals(facts.messageType) && facts.payloadSize instanceof Long size && size != 0) {
			return size;
		}
		for (EventData event : span.getEvents()) {
			Attributes attributes = event.getAttributes();
			Long size = "RECEIVED".equals(attributes.get(MESSAGE_TYPE)) ? attributes.get(PAYLOAD_SIZE) : null;
			if (size != null && size != 0) {
				return size;
			}
		}
		return 0;
	}

	private static void writeAws(StringBuilder json, SpanData span, SpanFacts facts) {
		if (SpanFacts.hasText(facts.cloudProvider) && !"aws".equals(facts.cloudProvider)) {
			return;
		}
		member(json, "aws");
		json.append('{');
		writeResourceMetadata(json, facts);
		member(json, "xray");
		json.append('{');
		String sdk = facts.sdkName;
		if (SpanFacts.hasText(sdk) && SpanFacts.hasText(facts.sdkLanguage)) {
			sdk = sdk + " for " + facts.sdkLanguage;
		}
		writeText(json, "sdk", sdk);
		writeText(json, "sdk_version", facts.sdkVersion);
		member(json, "auto_instrumentation");
		json.append(facts.hasAutoVersion);
		json.append('}');
		writeText(json, "account_id", (facts.accountId != null) ? facts.accountId : facts.cloudAccountId);
		writeText(json, "operation", facts.hasOperation ? facts.operation : facts.rpcMethod);
		writeText(json, "region", facts.region);
		writeText(json, "request_id", facts.requestId);
		writeText(json, "queue_url", (facts.messagingUrl != null) ? facts.messagingUrl : facts.queueUrl);
		List<String> tableNames = facts.dynamoDbTableNames;
		if (tableNames != null && tableNames.size() > 1) {
			member(json, "table_names");
			Json.writeValue(json, tableNames);
		}
		else {
			boolean oneTable = tableNames != null && tableNames.size() == 1;
			writeText(json, "table_name", oneTable ? tableNames.get(0) : facts.tableName);
		}
		json.append('}');
	}

	private static void writeResourceMetadata(StringBuilder json, SpanFacts facts) {
		String platform = (facts.cloudPlatform != null) ? facts.cloudPlatform : "";
		if ("aws_elastic_beanstalk".equals(platform) && SpanFacts.hasText(facts.serviceInstanceId)) {
			member(json, "elastic_beanstalk");
			json.append('{');
			writeText(json, "environment_name", facts.serviceNamespace);
			writeText(json, "version_label", facts.serviceVersion);
			member(json, "deployment_id");
			json.append(deploymentId(facts.serviceInstanceId));
			json.append('}');
		}
		writeLogGroups(json, facts);
		if ("aws_ecs".equals(platform)) {
			member(json, "ecs");
			json.append('{');
			writeText(json, "container", facts.containerName);
			writeText(json, "container_id", facts.containerId);
			writeText(json, "task_arn", facts.ecsTaskArn);
			writeText(json, "task_family", facts.ecsTaskFamily);
			writeText(json, "cluster_arn", facts.ecsClusterArn);
			writeText(json, "container_arn", facts.ecsContainerArn);
			writeText(json, "availability_zone", facts.availabilityZone);
			writeText(json, "launch_type", facts.ecsLaunchType);
			json.append('}');
		}
		if ("aws_ec2".equals(platform) || SpanFacts.hasText(facts.hostId)) {
			member(json, "ec2");
			json.append('{');
			writeText(json, "instance_id", facts.hostId);
			writeText(json, "availability_zone", facts.availabilityZone);
			writeText(json, "instance_size", facts.hostType);
			writeText(json, "ami_id", facts.hostImageId);
			json.append('}');
		}
		if ("aws_eks".equals(platform) || SpanFacts.hasText(facts.clusterName)) {
			member(json, "eks");
			json.append('{');
			writeText(json, "cluster_name", facts.clusterName);
			writeText(json, "pod", facts.podName);
			writeText(json, "container_id", facts.containerId);
			json.append('}');
		}
	}

	private static long deploymentId(String serviceInstanceId) {
		try {
			return Long.parseLong(serviceInstanceId);
		}
		catch (NumberFormatException ex) {
			// the collector records 0 for an instance ID that is not a number
			return 0;
		}
	}

	private static void writeLogGroups(StringBuilder json, SpanFacts facts) {
		boolean arns = facts.logGroupArns != null && !facts.logGroupArns.isEmpty();
		List<String> groups = arns ? facts.logGroupArns : facts.logGroupNames;
		if (groups == null || groups.isEmpty()) {
			return;
		}
		member(json, "cloudwatch_logs");
		json.append('[');
		for (String group : groups) {
			comma(json);
			json.append('{');
			member(json, "log_group");
			Json.writeString(json, arns ? logGroupName(group) : group);
			if (arns) {
				member(json, "arn");
				Json.writeString(json, group);
			}
			json.append('}');
		}
		json.append(']');
	}

	private static String logGroupName(String arn) {
		int start = arn.indexOf("log-group:");
		if (start < 0) {
			return arn;
		}
		start += "log-group:".length();
		int end = arn.indexOf(':', start);
		return (end >= 0) ? arn.substring(start, end) : arn.substring(start);
	}

	private static void writeService(StringBuilder json, SpanData span, SpanFacts facts) {
		String version = (facts.serviceVersion != null) ? facts.serviceVersion : facts.containerImageTag;
		if (version != null) {
			member(json, "service");
			json.append('{');
			writeText(json, "version", version);
			json.append('}');
		}
	}

	private static void writeSql(StringBuilder json, SpanData span, SpanFacts facts) {
		if (!facts.sql) {
			return;
		}
		String connectionString = SpanFacts.hasText(facts.dbConnectionString) ? facts.dbConnectionString : "localhost";
		member(json, "sql");
		json.append('{');
		writeText(json, "connection_string", connectionString + "/" + ((facts.dbName != null) ? facts.dbName : ""));
		writeText(json, "url", facts.spanName);
		writeText(json, "sanitized_query", facts.dbStatement);
		writeText(json, "database_type", facts.dbSystem);
		writeText(json, "user", facts.dbUser);
		json.append('}');
	}

	private static void writeAnnotations(StringBuilder json, SpanData span, SpanFacts facts) {
		if (facts.annotationKeys == null || facts.annotationKeys.isEmpty()) {
			return;
		}
		int start = json.length();
		member(json, "annotations");
		json.append('{');
		int body = json.length();
		Set<String> written = new HashSet<>();
		Resource resource = span.getResource();
		if (facts.isSegment() && resource != null) {
			resource.getAttributes().forEach((key, value) -> {
				String prefixed = RESOURCE_PREFIX + key.getKey();
				if (facts.isIndexed(prefixed)) {
					writeAnnotation(json, written, prefixed, SpanFacts.unwrap(value));
				}
			});
		}
		span.getAttributes().forEach((key, value) -> {
			String name = key.getKey();
			if (!facts.isConsumed(name) && facts.isIndexed(name)) {
				writeAnnotation(json, written, name, SpanFacts.unwrap(value));
			}
		});
		close(json, start, body, '}');
	}

	private static void writeAnnotation(StringBuilder json, Set<String> written, String key, @Nullable Object value) {
		String annotationKey = TranslationRules.fixAnnotationKey(key);
		if (isScalar(value) && written.add(annotationKey)) {
			member(json, annotationKey);
			Json.writeValue(json, value);
		}
	}

	private static boolean isScalar(@Nullable Object value) {
		return value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean;
	}

	private static void writeMetadata(StringBuilder json, SpanData span, SpanFacts facts) {
		MetadataNamespaces namespaces = facts.hasMetadataNamespaces ? new MetadataNamespaces(span, facts) : null;
		Set<String> written = (namespaces != null && !namespaces.defaults.isEmpty()) ? new HashSet<>() : null;
		int start = json.length();
		member(json, "metadata");
		json.append('{');
		int body = json.length();
		member(json, DEFAULT_NAMESPACE);
		json.append('{');
		int defaultBody = json.length();
		Resource resource = span.getResource();
		if (facts.isSegment() && resource != null) {
			resource.getAttributes().forEach((key, value) -> {
				String prefixed = RESOURCE_PREFIX + key.getKey();
				Object plain = SpanFacts.unwrap(value);
				if (!(facts.isIndexed(prefixed) && isScalar(plain))) {
					writeMetadataEntry(json, written, prefixed, plain);
				}
			});
		}
		span.getAttributes().forEach((key, value) -> {
			String name = key.getKey();
			boolean parsed = namespaces != null && namespaces.parsedKeys.contains(name);
			if (!facts.isConsumed(name) && !facts.isIndexed(name) && !parsed) {
				writeMetadataEntry(json, written, name, SpanFacts.unwrap(value));
			}
		});
		if (namespaces != null) {
			namespaces.defaults.forEach((key, value) -> writeMetadataEntry(json, written, key, value));
		}
		close(json, body, defaultBody, '}');
		if (namespaces != null) {
			namespaces.namespaces.forEach((namespace, value) -> {
				member(json, namespace);
				Json.writeValue(json, value);
			});
		}
		close(json, start, body, '}');
	}

	private static @Nullable Object readJson(String text) {
		try {
			return JsonReader.readValue(text);
		}
		catch (IllegalArgumentException ex) {
			// not JSON: the collector keeps the text as a plain value under its own key
			return text;
		}
	}

	private static void writeMetadataEntry(StringBuilder json, @Nullable Set<String> written, String key,
			@Nullable Object value) {
		if (value != null && (written == null || written.add(key))) {
			member(json, key);
			Json.writeValue(json, value);
		}
	}

	private static void writeLinks(StringBuilder json, SpanData span, SpanFacts facts) {
		List<LinkData> links = span.getLinks();
		if (links.isEmpty()) {
			return;
		}
		member(json, "links");
		json.append('[');
		for (LinkData link : links) {
			comma(json);
			json.append('{');
			member(json, "trace_id");
			Json.writeString(json, xrayTraceId(link.getSpanContext().getTraceId()));
			member(json, "id");
			Json.writeString(json, link.getSpanContext().getSpanId());
			Attributes attributes = link.getAttributes();
			if (!attributes.isEmpty()) {
				member(json, "attributes");
				json.append('{');
				attributes.forEach((key, value) -> {
					member(json, key.getKey());
					Json.writeValue(json, SpanFacts.unwrap(value));
				});
				json.append('}');
			}
			json.append('}');
		}
		json.append(']');
	}

	private static String xrayTraceId(String traceId) {
		return (traceId.length() == 32) ? XRayTraceIds.toXRay(traceId) : traceId;
	}

	private static void writeSeconds(StringBuilder json, long epochNanos) {
		long micros = Math.floorDiv(epochNanos, 1_000L);
		String fraction = Long.toString(Math.floorMod(micros, 1_000_000L));
		json.append(Math.floorDiv(micros, 1_000_000L)).append('.');
		for (int i = fraction.length(); i < 6; i++) {
			json.append('0');
		}
		json.append(fraction);
	}

	private static void writeText(StringBuilder json, String name, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			member(json, name);
			Json.writeString(json, value);
		}
	}

	/**
	 * Closes an object or array opened at {@code start} whose members begin at
	 * {@code body}, or removes it again when it stayed empty.
	 */
	private static void close(StringBuilder json, int start, int body, char closing) {
		if (json.length() == body) {
			json.setLength(start);
		}
		else {
			json.append(closing);
		}
	}

	static void member(StringBuilder json, String name) {
		comma(json);
		Json.writeString(json, name);
		json.append(':');
	}

	static void comma(StringBuilder json) {
		char last = json.charAt(json.length() - 1);
		if (last != '{' && last != '[') {
			json.append(',');
		}
	}

	static String newId() {
		long id = ThreadLocalRandom.current().nextLong();
		char[] hex = new char[16];
		for (int i = 15; i >= 0; i--) {
			hex[i] = HEX[(int) (id & 0xF)];
			id >>>= 4;
		}
		return new String(hex);
	}

	/**
	 * The {@code aws.xray.metadata.<namespace>} attributes of a span that hold a JSON
	 * object: the {@code default} namespace (any case) is merged into default metadata.
	 */
	private static final class MetadataNamespaces {

		private final Map<String, @Nullable Object> namespaces = new LinkedHashMap<>();

		private final Map<String, @Nullable Object> defaults = new LinkedHashMap<>();

		private final Set<String> parsedKeys = new HashSet<>();

		MetadataNamespaces(SpanData span, SpanFacts facts) {
			span.getAttributes().forEach((key, value) -> {
				String name = key.getKey();
				Object plain = SpanFacts.unwrap(value);
				if (name.startsWith(SpanFacts.METADATA_PREFIX) && plain instanceof String text
						&& !facts.isConsumed(name) && !facts.isIndexed(name)) {
					add(name, name.substring(SpanFacts.METADATA_PREFIX.length()), readJson(text));
				}
			});
		}

		private void add(String key, String namespace, @Nullable Object parsed) {
			if (parsed != null && !(parsed instanceof Map)) {
				return;
			}
			this.parsedKeys.add(key);
			if (!DEFAULT_NAMESPACE.equalsIgnoreCase(namespace)) {
				this.namespaces.put(namespace, parsed);
			}
			else if (parsed != null) {
				((Map<?, ?>) parsed)
					.forEach((entryKey, entryValue) -> this.defaults.put((String) entryKey, entryValue));
			}
		}

	}

	@FunctionalInterface
	private interface Section {

		void write(StringBuilder json, SpanData span, SpanFacts facts);

	}

}
