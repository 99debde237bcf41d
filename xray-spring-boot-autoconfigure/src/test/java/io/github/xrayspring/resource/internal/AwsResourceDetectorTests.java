package io.github.xrayspring.resource.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.xrayspring.resource.internal.AwsResourceDetector.Mode;
import io.github.xrayspring.testing.LoopbackHttpServer;
import io.github.xrayspring.testing.LoopbackHttpServer.Response;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AwsResourceDetector} with a temporary file system root, an environment
 * map and loopback stand-ins for the ECS task metadata and EC2 instance metadata.
 *
 * @author xray-spring-boot-starter team
 */
class AwsResourceDetectorTests {

	@TempDir
	Path root;

	private final Map<String, String> env = new HashMap<>();

	private LoopbackHttpServer metadata;

	@BeforeEach
	void startStandIn() throws IOException {
		this.metadata = LoopbackHttpServer.start();
	}

	@AfterEach
	void stopStandIn() {
		this.metadata.close();
	}

	@Test
	void offAwsAutoAddsNothingMakesNoCallAndCostsNoTime() {
		AwsResourceDetector detector = detector();
		detector.detect(Mode.AUTO);
		long start = System.nanoTime();
		Resource resource = detector.detect(Mode.AUTO);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(resource.getAttributes().isEmpty()).isTrue();
		assertThat(this.metadata.requests()).isEmpty();
		// far below one metadata timeout: nothing waited on the network (the startup cost
		// itself is measured by the benchmarks, not here)
		assertThat(took).isLessThan(AwsResourceDetector.DEFAULT_TIMEOUT.dividedBy(2));
	}

	@Test
	void offDetectsNothingEvenOnAws() throws IOException {
		write("sys/devices/virtual/dmi/id/board_asset_tag", "i-0123456789abcdef0");
		assertThat(detector().detect(Mode.OFF).getAttributes().isEmpty()).isTrue();
		assertThat(this.metadata.requests()).isEmpty();
	}

	@Test
	void ec2IdentityFromTheDmiAssetTagLeadsToTheInstanceMetadataWithAToken() throws IOException {
		write("sys/devices/virtual/dmi/id/board_asset_tag", "i-0123456789abcdef0");
		this.metadata.handler((request) -> switch (request.uri().getPath()) {
			case "/latest/api/token" -> Response.of(200, "text/plain", "TOKEN-1");
			case "/latest/dynamic/instance-identity/document" ->
				"TOKEN-1".equals(request.header("X-aws-ec2-metadata-token")) ? Response.json(200, """
						{"instanceId":"i-0123456789abcdef0","instanceType":"m7g.large","imageId":"ami-0abc",
						 "availabilityZone":"eu-west-1b","accountId":"123456789012","region":"eu-west-1"}""")
						: Response.of(401, "text/plain", "");
			case "/latest/meta-data/hostname" ->
				Response.of(200, "text/plain", "ip-10-0-0-1.eu-west-1.compute.internal");
			default -> Response.of(404, "text/plain", "");
		});
		Resource resource = detector().detect(Mode.AUTO);
		assertThat(attributes(resource)).containsEntry("cloud.provider", "aws")
			.containsEntry("cloud.platform", "aws_ec2")
			.containsEntry("host.id", "i-0123456789abcdef0")
			.containsEntry("host.type", "m7g.large")
			.containsEntry("host.image.id", "ami-0abc")
			.containsEntry("host.name", "ip-10-0-0-1.eu-west-1.compute.internal")
			.containsEntry("cloud.availability_zone", "eu-west-1b")
			.containsEntry("cloud.account.id", "123456789012")
			.containsEntry("cloud.region", "eu-west-1");
		assertThat(this.metadata.requests().get(0).method()).isEqualTo("PUT");
	}

	@Test
	void xenProductUuidAlsoSaysEc2() throws IOException {
		write("sys/devices/virtual/dmi/id/product_uuid", "EC2E1916-9099-7CAF-FD21-012345ABCDEF");
		this.metadata.handler((request) -> Response.json(200, "{\"instanceId\":\"i-0xen\"}"));
		assertThat(attributes(detector().detect(Mode.AUTO))).containsEntry("host.id", "i-0xen");
	}

	@Test
	void onAsksTheInstanceMetadataWithoutLocalSignalsAndGivesUpQuietly() {
		String url = this.metadata.url("");
		this.metadata.close();
		AwsResourceDetector detector = new AwsResourceDetector(this.env::get, this.root, URI.create(url),
				Duration.ofMillis(300));
		long start = System.nanoTime();
		assertThat(detector.detect(Mode.ON).getAttributes().isEmpty()).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void ecsTaskMetadataFillsTheEcsAttributes() {
		this.env.put("ECS_CONTAINER_METADATA_URI_V4", this.metadata.url("/v4/abc"));
		this.metadata.handler((request) -> switch (request.uri().getPath()) {
			case "/v4/abc" -> Response.json(200,
					"""
							{"DockerId":"c0ffee","Name":"orders","ContainerARN":"arn:aws:ecs:eu-west-1:123456789012:container/shop/1/2",
							 "LogOptions":{"awslogs-group":"/ecs/orders","awslogs-region":"eu-west-1","awslogs-stream":"ecs/orders/1"}}""");
			case "/v4/abc/task" -> Response.json(200, """
					{"Cluster":"shop","TaskARN":"arn:aws:ecs:eu-west-1:123456789012:task/shop/1a2b","Family":"orders",
					 "Revision":"7","LaunchType":"FARGATE","AvailabilityZone":"eu-west-1a"}""");
			default -> Response.of(404, "text/plain", "");
		});
		Resource resource = detector().detect(Mode.AUTO);
		assertThat(attributes(resource)).containsEntry("cloud.platform", "aws_ecs")
			.containsEntry("container.id", "c0ffee")
			.containsEntry("container.name", "orders")
			.containsEntry("aws.ecs.container.arn", "arn:aws:ecs:eu-west-1:123456789012:container/shop/1/2")
			.containsEntry("aws.ecs.task.arn", "arn:aws:ecs:eu-west-1:123456789012:task/shop/1a2b")
			.containsEntry("aws.ecs.cluster.arn", "arn:aws:ecs:eu-west-1:123456789012:cluster/shop")
			.containsEntry("aws.ecs.task.family", "orders")
			.containsEntry("aws.ecs.task.revision", "7")
			.containsEntry("aws.ecs.launchtype", "fargate")
			.containsEntry("cloud.account.id", "123456789012")
			.containsEntry("cloud.region", "eu-west-1")
			.containsEntry("cloud.availability_zone", "eu-west-1a");
		assertThat(resource.getAttribute(AttributeKey.stringArrayKey("aws.log.group.names")))
			.containsExactly("/ecs/orders");
		assertThat(resource.getAttribute(AttributeKey.stringArrayKey("aws.log.group.arns")))
			.containsExactly("arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/orders");
	}

	@Test
	void lambdaFromItsEnvironmentWithoutAnyCall() {
		this.env.putAll(Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders-fn", "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
				"AWS_REGION", "us-east-2", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512", "AWS_LAMBDA_LOG_GROUP_NAME",
				"/aws/lambda/orders-fn"));
		Resource resource = detector().detect(Mode.AUTO);
		assertThat(attributes(resource)).containsEntry("cloud.platform", "aws_lambda")
			.containsEntry("faas.name", "orders-fn")
			.containsEntry("faas.version", "$LATEST")
			.containsEntry("cloud.region", "us-east-2");
		assertThat(resource.getAttribute(AttributeKey.longKey("faas.max_memory"))).isEqualTo(512L * 1024 * 1024);
		assertThat(this.metadata.requests()).isEmpty();
	}

	@Test
	void beanstalkFromItsEnvironmentFile() throws IOException {
		write("var/elasticbeanstalk/xray/environment.conf",
				"{\"deployment_id\":23,\"version_label\":\"v1.2\",\"environment_name\":\"orders-prod\"}");
		assertThat(attributes(detector().detect(Mode.AUTO))).containsEntry("cloud.platform", "aws_elastic_beanstalk")
			.containsEntry("service.instance.id", "23")
			.containsEntry("service.version", "v1.2")
			.containsEntry("service.namespace", "orders-prod");
	}

	@Test
	void eksFromTheServiceAccountTokenAndAnAwsWorkloadSignal() throws IOException {
		write("var/run/secrets/kubernetes.io/serviceaccount/token", "token");
		write("var/run/secrets/kubernetes.io/serviceaccount/namespace", "shop");
		this.env.putAll(Map.of("KUBERNETES_SERVICE_HOST", "10.100.0.1", "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/token",
				"HOSTNAME", "orders-7d9f", "K8S_CLUSTER_NAME", "prod"));
		assertThat(attributes(detector().detect(Mode.AUTO))).containsEntry("cloud.platform", "aws_eks")
			.containsEntry("k8s.cluster.name", "prod")
			.containsEntry("k8s.pod.name", "orders-7d9f")
			.containsEntry("k8s.namespace.name", "shop");
	}

	@Test
	void kubernetesOffAwsIsNotEks() throws IOException {
		write("var/run/secrets/kubernetes.io/serviceaccount/token", "token");
		this.env.put("KUBERNETES_SERVICE_HOST", "10.100.0.1");
		assertThat(detector().detect(Mode.AUTO).getAttributes().isEmpty()).isTrue();
	}

	private AwsResourceDetector detector() {
		return new AwsResourceDetector(this.env::get, this.root, URI.create(this.metadata.url("")),
				Duration.ofSeconds(2));
	}

	private void write(String relative, String content) throws IOException {
		Path path = this.root.resolve(relative);
		Files.createDirectories(path.getParent());
		Files.writeString(path, content);
	}

	private static Map<String, Object> attributes(Resource resource) {
		Map<String, Object> map = new HashMap<>();
		resource.getAttributes().forEach((key, value) -> map.put(key.getKey(), value));
		assertThat(map).doesNotContainKey("").isNotNull();
		return map;
	}

}
