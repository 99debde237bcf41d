package io.github.xrayspring.autoconfigure.resource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.xrayspring.resource.internal.AwsResourceDetector;
import io.github.xrayspring.testing.LoopbackHttpServer;
import io.github.xrayspring.testing.LoopbackHttpServer.Response;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayResourceAutoConfiguration}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayResourceAutoConfigurationTests {

	@TempDir
	Path root;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class, XRayResourceAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders");

	private LoopbackHttpServer ecs;

	@BeforeEach
	void startStandIn() throws IOException {
		this.ecs = LoopbackHttpServer.start();
		this.ecs.handler((request) -> request.uri().getPath().endsWith("/task")
				? Response.json(200,
						"{\"TaskARN\":\"arn:aws:ecs:eu-west-1:123456789012:task/shop/1a2b\",\"LaunchType\":\"EC2\"}")
				: Response.json(200, "{\"Name\":\"orders\"}"));
	}

	@AfterEach
	void stopStandIn() {
		this.ecs.close();
	}

	@Test
	void ecsAttributesAreMergedIntoBootsResourceWhoseOwnValuesWin() {
		this.contextRunner.withBean(AwsResourceDetector.class, this::ecsDetector)
			.withPropertyValues("xray.resource.aws-detection=auto",
					"management.opentelemetry.resource-attributes.cloud.region=override-1")
			.run((context) -> {
				Resource resource = context.getBean(Resource.class);
				assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("orders");
				assertThat(resource.getAttribute(AttributeKey.stringKey("cloud.platform"))).isEqualTo("aws_ecs");
				assertThat(resource.getAttribute(AttributeKey.stringKey("aws.ecs.launchtype"))).isEqualTo("ec2");
				assertThat(resource.getAttribute(AttributeKey.stringKey("cloud.region"))).isEqualTo("override-1");
			});
	}

	@Test
	void offLeavesBootsResourceAlone() {
		this.contextRunner.withBean(AwsResourceDetector.class, this::ecsDetector)
			.withPropertyValues("xray.resource.aws-detection=off")
			.run((context) -> {
				assertThat(context.getBean(Resource.class).getAttribute(AttributeKey.stringKey("cloud.platform")))
					.isNull();
				assertThat(this.ecs.requests()).isEmpty();
			});
	}

	@Test
	void unknownValueFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("xray.resource.aws-detection=maybe")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("xray.resource.aws-detection"));
	}

	@Test
	void defaultDetectorReadsTheRealEnvironmentUnlessTheUserBringsOne() {
		// off: the build's own host is never asked, whatever it is
		this.contextRunner.withPropertyValues("xray.resource.aws-detection=off")
			.run((context) -> assertThat(context).hasSingleBean(AwsResourceDetector.class));
	}

	private AwsResourceDetector ecsDetector() {
		Map<String, String> env = Map.of("ECS_CONTAINER_METADATA_URI_V4", this.ecs.url("/v4/x"));
		return new AwsResourceDetector(env::get, this.root, URI.create(this.ecs.url("")), Duration.ofSeconds(2));
	}

}
