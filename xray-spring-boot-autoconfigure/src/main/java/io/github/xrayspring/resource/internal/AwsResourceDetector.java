package io.github.xrayspring.resource.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonParser;
import org.springframework.boot.json.JsonParserFactory;

/**
 * Detects the AWS platform the application runs on (Lambda, ECS, EKS, Elastic Beanstalk,
 * EC2) and returns its resource attributes with the semantic-convention names the X-Ray
 * exporter reads ({@code cloud.*}, {@code host.*}, {@code aws.ecs.*},
 * {@code aws.log.group.names}, {@code k8s.*}, {@code faas.*}).
 * <p>
 * In {@link Mode#AUTO} only local signals decide: environment variables, files and the
 * EC2 DMI identity; a metadata endpoint (ECS task metadata, EC2 instance metadata) is
 * contacted only when they say AWS, each call bounded by a short timeout. In
 * {@link Mode#ON} the EC2 instance metadata is asked even without the DMI identity. A
 * failed metadata call adds nothing and never fails startup. The environment, the file
 * system root and the instance metadata URL are injectable so that tests use local
 * stand-ins.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class AwsResourceDetector {

	/** The EC2 instance metadata endpoint. */
	public static final URI INSTANCE_METADATA = URI.create("http://169.254.169.254");

	/** How long one metadata call may take. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(AwsResourceDetector.class);

	private static final String BEANSTALK_CONF = "var/elasticbeanstalk/xray/environment.conf";

	private static final String K8S_TOKEN = "var/run/secrets/kubernetes.io/serviceaccount/token";

	private static final String K8S_NAMESPACE = "var/run/secrets/kubernetes.io/serviceaccount/namespace";

	private static final String DMI = "sys/devices/virtual/dmi/id/";

	private final Function<String, @Nullable String> environment;

	private final Path root;

	private final URI instanceMetadata;

	private final Duration timeout;

	/**
	 * Detects from the real environment, files and instance metadata.
	 */
	public AwsResourceDetector() {
		this(System::getenv, Path.of("/"), INSTANCE_METADATA, DEFAULT_TIMEOUT);
	}

	/**
	 * Detects from the given sources.
	 * @param environment environment variables by name
	 * @param root the file system root the well-known files are read under
	 * @param instanceMetadata the EC2 instance metadata base URL
	 * @param timeout how long one metadata call may take
	 */
	public AwsResourceDetector(Function<String, @Nullable String> environment, Path root, URI instanceMetadata,
			Duration timeout) {
		this.environment = environment;
		this.root = root;
		this.instanceMetadata = instanceMetadata;
		this.timeout = timeout;
	}

	/**
	 * Returns the AWS resource attributes, or an empty resource off AWS.
	 * @param mode when to detect
	 * @return the resource
	 */
	public Resource detect(Mode mode) {
		if (mode == Mode.OFF) {
			return Resource.empty();
		}
		AttributesBuilder attributes = Attributes.builder();
		String platform = null;
		if (hasText(env("AWS_LAMBDA_FUNCTION_NAME"))) {
			platform = "aws_lambda";
			lambda(attributes);
		}
		else if (hasText(env("ECS_CONTAINER_METADATA_URI_V4")) || hasText(env("ECS_CONTAINER_METADATA_URI"))) {
			platform = "aws_ecs";
			ecs(attributes);
		}
		else {
			boolean ec2 = isEc2();
			if (hasText(env("KUBERNETES_SERVICE_HOST")) && Files.isRegularFile(this.root.resolve(K8S_TOKEN))
					&& (ec2 || isAwsWorkload())) {
				platform = "aws_eks";
				eks(attributes);
			}
			else if (Files.isRegularFile(this.root.resolve(BEANSTALK_CONF))) {
				platform = "aws_elastic_beanstalk";
				beanstalk(attributes);
			}
			if (ec2 || mode == Mode.ON) {
				boolean found = ec2(attributes);
				if (platform == null && found) {
					platform = "aws_ec2";
				}
			}
		}
		if (platform == null) {
			return Resource.empty();
		}
		attributes.put("cloud.provider", "aws");
		attributes.put("cloud.platform", platform);
		return Resource.create(attributes.build());
	}

	private void lambda(AttributesBuilder attributes) {
		putIfText(attributes, "cloud.region", env("AWS_REGION"));
		putIfText(attributes, "faas.name", env("AWS_LAMBDA_FUNCTION_NAME"));
		putIfText(attributes, "faas.version", env("AWS_LAMBDA_FUNCTION_VERSION"));
		putIfText(attributes, "faas.instance", env("AWS_LAMBDA_LOG_STREAM_NAME"));
		String memory = env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
		if (hasText(memory) && memory.chars().allMatch(Character::isDigit)) {
			attributes.put("faas.max_memory", Long.parseLong(memory) * 1024 * 1024);
		}
		String logGroup = env("AWS_LAMBDA_LOG_GROUP_NAME");
		if (hasText(logGroup)) {
			attributes.put(AttributeKey.stringArrayKey("aws.log.group.names"), List.of(logGroup));
		}
	}

	@SuppressWarnings("unchecked")
	private void ecs(AttributesBuilder attributes) {
		String base = hasText(env("ECS_CONTAINER_METADATA_URI_V4")) ? env("ECS_CONTAINER_METADATA_URI_V4")
				: env("ECS_CONTAINER_METADATA_URI");
		Map<String, Object> container = getJson(URI.create(base), Map.of());
		Map<String, Object> task = getJson(URI.create(base + "/task"), Map.of());
		if (container != null) {
			putIfText(attributes, "container.id", string(container.get("DockerId")));
			putIfText(attributes, "container.name", string(container.get("Name")));
			putIfText(attributes, "aws.ecs.container.arn", string(container.get("ContainerARN")));
			if (container.get("LogOptions") instanceof Map<?, ?> logOptions) {
				String group = string(logOptions.get("awslogs-group"));
				String region = string(logOptions.get("awslogs-region"));
				if (hasText(group)) {
					attributes.put(AttributeKey.stringArrayKey("aws.log.group.names"), List.of(group));
				}
				String stream = string(logOptions.get("awslogs-stream"));
				if (hasText(stream)) {
					attributes.put(AttributeKey.stringArrayKey("aws.log.stream.names"), List.of(stream));
				}
				String account = accountOf(string(container.get("ContainerARN")));
				if (hasText(group) && hasText(region) && hasText(account)) {
					attributes.put(AttributeKey.stringArrayKey("aws.log.group.arns"),
							List.of("arn:aws:logs:" + region + ":" + account + ":log-group:" + group));
				}
			}
		}
		if (task != null) {
			String taskArn = string(task.get("TaskARN"));
			putIfText(attributes, "aws.ecs.task.arn", taskArn);
			putIfText(attributes, "aws.ecs.task.family", string(task.get("Family")));
			putIfText(attributes, "aws.ecs.task.revision", string(task.get("Revision")));
			putIfText(attributes, "cloud.availability_zone", string(task.get("AvailabilityZone")));
			String launchType = string(task.get("LaunchType"));
			if (hasText(launchType)) {
				attributes.put("aws.ecs.launchtype", launchType.toLowerCase(Locale.ROOT));
			}
			String cluster = string(task.get("Cluster"));
			if (hasText(cluster) && hasText(taskArn) && !cluster.startsWith("arn:")) {
				// the task ARN's prefix names the region and account of the cluster
				cluster = taskArn.substring(0, taskArn.indexOf(":task/")) + ":cluster/" + cluster;
			}
			putIfText(attributes, "aws.ecs.cluster.arn", cluster);
			putIfText(attributes, "cloud.account.id", accountOf(taskArn));
			putIfText(attributes, "cloud.region", regionOf(taskArn));
		}
	}

	private void eks(AttributesBuilder attributes) {
		putIfText(attributes, "k8s.cluster.name", env("K8S_CLUSTER_NAME"));
		putIfText(attributes, "k8s.pod.name", env("HOSTNAME"));
		putIfText(attributes, "k8s.namespace.name", readFile(K8S_NAMESPACE));
	}

	private void beanstalk(AttributesBuilder attributes) {
		String conf = readFile(BEANSTALK_CONF);
		if (conf == null) {
			return;
		}
		try {
			Map<String, Object> map = json().parseMap(conf);
			putIfText(attributes, "service.instance.id", string(map.get("deployment_id")));
			putIfText(attributes, "service.version", string(map.get("version_label")));
			putIfText(attributes, "service.namespace", string(map.get("environment_name")));
		}
		catch (RuntimeException ex) {
			logger.info("Ignored an unreadable Elastic Beanstalk environment file: " + ex.getMessage());
		}
	}

	private boolean ec2(AttributesBuilder attributes) {
		String token = send(HttpRequest.newBuilder(this.instanceMetadata.resolve("/latest/api/token"))
			.header("X-aws-ec2-metadata-token-ttl-seconds", "60")
			.PUT(HttpRequest.BodyPublishers.noBody()));
		Map<String, String> headers = (token != null) ? Map.of("X-aws-ec2-metadata-token", token) : Map.of();
		Map<String, Object> identity = getJson(
				this.instanceMetadata.resolve("/latest/dynamic/instance-identity/document"), headers);
		if (identity == null) {
			return false;
		}
		putIfText(attributes, "host.id", string(identity.get("instanceId")));
		putIfText(attributes, "host.type", string(identity.get("instanceType")));
		putIfText(attributes, "host.image.id", string(identity.get("imageId")));
		putIfText(attributes, "cloud.availability_zone", string(identity.get("availabilityZone")));
		putIfText(attributes, "cloud.account.id", string(identity.get("accountId")));
		putIfText(attributes, "cloud.region", string(identity.get("region")));
		HttpRequest.Builder hostname = HttpRequest
			.newBuilder(this.instanceMetadata.resolve("/latest/meta-data/hostname"));
		headers.forEach(hostname::header);
		putIfText(attributes, "host.name", send(hostname.GET()));
		return true;
	}

	// the hypervisor tells EC2 apart without a network call: Nitro puts the instance ID
	// in the board asset tag, Xen an "ec2" prefix in the product UUID
	private boolean isEc2() {
		String assetTag = readFile(DMI + "board_asset_tag");
		if (assetTag != null && assetTag.startsWith("i-")) {
			return true;
		}
		String vendor = readFile(DMI + "sys_vendor");
		if (vendor != null && vendor.toLowerCase(Locale.ROOT).contains("amazon ec2")) {
			return true;
		}
		String uuid = readFile(DMI + "product_uuid");
		if (uuid == null) {
			uuid = readFile("sys/hypervisor/uuid");
		}
		return uuid != null && uuid.toLowerCase(Locale.ROOT).startsWith("ec2");
	}

	// IAM roles for service accounts and EKS Pod Identity leave these on AWS pods,
	// Fargate ones included, where there is no DMI identity
	private boolean isAwsWorkload() {
		return hasText(env("AWS_WEB_IDENTITY_TOKEN_FILE")) || hasText(env("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
				|| hasText(env("AWS_REGION"));
	}

	private @Nullable Map<String, Object> getJson(URI uri, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
		headers.forEach(request::header);
		String body = send(request);
		if (body == null) {
			return null;
		}
		try {
			return json().parseMap(body);
		}
		catch (RuntimeException ex) {
			logger.info("Ignored unreadable AWS metadata from " + uri + ": " + ex.getMessage());
			return null;
		}
	}

	private @Nullable String send(HttpRequest.Builder request) {
		HttpRequest built = request.timeout(this.timeout).build();
		HttpClient client = HttpClient.newBuilder().connectTimeout(this.timeout).build();
		try {
			HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 == 2) {
				return response.body().strip();
			}
			logger.info("AWS metadata " + built.uri() + " answered " + response.statusCode());
		}
		catch (IOException ex) {
			logger.info("AWS metadata " + built.uri() + " not reachable within " + this.timeout.toMillis() + " ms: "
					+ ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return null;
	}

	private @Nullable String readFile(String relative) {
		Path path = this.root.resolve(relative);
		try {
			return Files.isReadable(path) ? Files.readString(path, StandardCharsets.UTF_8).strip() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	// created only on AWS: off AWS no JSON is read
	private static JsonParser json() {
		return JsonParserFactory.getJsonParser();
	}

	private @Nullable String env(String name) {
		return this.environment.apply(name);
	}

	private static @Nullable String accountOf(@Nullable String arn) {
		String[] parts = (arn != null) ? arn.split(":") : new String[0];
		return (parts.length > 4) ? parts[4] : null;
	}

	private static @Nullable String regionOf(@Nullable String arn) {
		String[] parts = (arn != null) ? arn.split(":") : new String[0];
		return (parts.length > 3) ? parts[3] : null;
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	private static void putIfText(AttributesBuilder attributes, String key, @Nullable String value) {
		if (hasText(value)) {
			attributes.put(key, value);
		}
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * When to detect.
	 */
	public enum Mode {

		/** Only when local signals say AWS. */
		AUTO,

		/** Always ask the instance metadata too. */
		ON,

		/** Never. */
		OFF

	}

}
