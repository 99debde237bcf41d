package io.github.xrayspring.autoconfigure;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRaySdkSettingsEnvironmentPostProcessor}.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class XRaySdkSettingsEnvironmentPostProcessorTests {

	private static final String ENDPOINT = "xray.sampling.remote.endpoint";

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void tracingNameNamesTheApplication(CapturedOutput output) {
		this.environment.setProperty("AWS_XRAY_TRACING_NAME", "orders");
		process();
		assertThat(this.environment.getProperty("spring.application.name")).isEqualTo("orders");
		assertThat(output)
			.containsOnlyOnce("X-Ray SDK settings honoured: AWS_XRAY_TRACING_NAME=orders names the service")
			.doesNotContain("ignored");
	}

	@Test
	void tracingNameVariableWinsOverSystemPropertyAsInTheSdk() {
		this.environment.setProperty("com.amazonaws.xray.strategy.tracingName", "from-property");
		this.environment.setProperty("AWS_XRAY_TRACING_NAME", "from-variable");
		process();
		assertThat(this.environment.getProperty("spring.application.name")).isEqualTo("from-variable");
	}

	@Test
	void tracingNameSystemPropertyNamesTheApplication() {
		this.environment.setProperty("com.amazonaws.xray.strategy.tracingName", "billing");
		process();
		assertThat(this.environment.getProperty("spring.application.name")).isEqualTo("billing");
	}

	@Test
	void applicationNameWinsOverTracingNameAndTheTracingNameIsNamed(CapturedOutput output) {
		this.environment.setProperty("spring.application.name", "shop");
		this.environment.setProperty("AWS_XRAY_TRACING_NAME", "orders");
		process();
		assertThat(this.environment.getProperty("spring.application.name")).isEqualTo("shop");
		assertThat(output)
			.contains("X-Ray SDK settings ignored: AWS_XRAY_TRACING_NAME (spring.application.name is set");
	}

	@Test
	void daemonAddressPointsCentralizedSamplingAtItsPort() {
		this.environment.setProperty("AWS_XRAY_DAEMON_ADDRESS", "xray-daemon:2000");
		process();
		assertThat(this.environment.getProperty(ENDPOINT)).isEqualTo("http://xray-daemon:2000");
	}

	@Test
	void daemonAddressWithTcpAndUdpPartsUsesTheTcpPart() {
		this.environment.setProperty("AWS_XRAY_DAEMON_ADDRESS", "udp:10.0.0.5:2000 tcp:collector:2001");
		process();
		assertThat(this.environment.getProperty(ENDPOINT)).isEqualTo("http://collector:2001");
	}

	@Test
	void daemonAddressSystemPropertyIsHonoured() {
		this.environment.setProperty("com.amazonaws.xray.emitters.daemonAddress",
				"tcp:127.0.0.1:3000 udp:127.0.0.1:3000");
		process();
		assertThat(this.environment.getProperty(ENDPOINT)).isEqualTo("http://127.0.0.1:3000");
	}

	@Test
	void userSamplingEndpointWinsOverDaemonAddress(CapturedOutput output) {
		this.environment.setProperty(ENDPOINT, "http://sidecar:2000");
		this.environment.setProperty("AWS_XRAY_DAEMON_ADDRESS", "xray-daemon:2000");
		process();
		assertThat(this.environment.getProperty(ENDPOINT)).isEqualTo("http://sidecar:2000");
		assertThat(output).contains("AWS_XRAY_DAEMON_ADDRESS (xray.sampling.remote.endpoint is set)");
	}

	@Test
	void malformedDaemonAddressIsNamedAndIgnored(CapturedOutput output) {
		this.environment.setProperty("AWS_XRAY_DAEMON_ADDRESS", "tcp:collector:2000");
		process();
		assertThat(this.environment.getProperty(ENDPOINT)).isNull();
		assertThat(output).contains("X-Ray SDK settings ignored: AWS_XRAY_DAEMON_ADDRESS (not 'host:port'");
	}

	@Test
	void tcpAddressReadsTheSdkForms() {
		assertThat(XRaySdkSettingsEnvironmentPostProcessor.tcpAddress("127.0.0.1:2000")).isEqualTo("127.0.0.1:2000");
		assertThat(XRaySdkSettingsEnvironmentPostProcessor.tcpAddress(" tcp:a:1  udp:b:2 ")).isEqualTo("a:1");
		assertThat(XRaySdkSettingsEnvironmentPostProcessor.tcpAddress("udp:b:2 tcp:a:1")).isEqualTo("a:1");
		assertThat(XRaySdkSettingsEnvironmentPostProcessor.tcpAddress("a")).isNull();
		assertThat(XRaySdkSettingsEnvironmentPostProcessor.tcpAddress("a:port")).isNull();
		assertThat(XRaySdkSettingsEnvironmentPostProcessor.tcpAddress("a:70000")).isNull();
		assertThat(XRaySdkSettingsEnvironmentPostProcessor.tcpAddress("tcp:a:1 tcp:b:2")).isNull();
		assertThat(XRaySdkSettingsEnvironmentPostProcessor.tcpAddress("a:1 b:2 c:3")).isNull();
	}

	@Test
	void logGroupBecomesTheLogGroupResourceAttribute() {
		this.environment.setProperty("AWS_LOG_GROUP", "/ecs/orders");
		process();
		assertThat(this.environment.getProperty("management.opentelemetry.resource-attributes[aws.log.group.names]"))
			.isEqualTo("/ecs/orders");
	}

	@Test
	void userLogGroupAttributeWinsOverLogGroup(CapturedOutput output) {
		this.environment.setProperty("AWS_LOG_GROUP", "/ecs/orders");
		this.environment.setProperty("OTEL_RESOURCE_ATTRIBUTES", "aws.log.group.names=/ecs/mine");
		process();
		assertThat(this.environment.getPropertySources().contains(XRaySdkSettingsEnvironmentPostProcessor.SOURCE))
			.isFalse();
		assertThat(output).contains("AWS_LOG_GROUP (the aws.log.group.names resource attribute is set)");
	}

	@Test
	void ignoredSettingsAreNamedInOneLine(CapturedOutput output) {
		this.environment.setProperty("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
		this.environment.setProperty("AWS_XRAY_COLLECT_SQL_QUERIES", "true");
		this.environment.setProperty("com.amazonaws.xray.metrics.daemonAddress", "127.0.0.1:2000");
		process();
		assertThat(output).containsOnlyOnce("X-Ray SDK settings ignored: AWS_XRAY_CONTEXT_MISSING (not needed")
			.contains("; AWS_XRAY_COLLECT_SQL_QUERIES (every statement is recorded")
			.contains("; com.amazonaws.xray.metrics.daemonAddress (")
			.doesNotContain("honoured");
		assertThat(this.environment.getPropertySources().contains(XRaySdkSettingsEnvironmentPostProcessor.SOURCE))
			.isFalse();
	}

	@Test
	void nothingIsLoggedWithoutSdkSettings(CapturedOutput output) {
		process();
		assertThat(output).doesNotContain("X-Ray SDK settings");
	}

	@Test
	void doesNothingWhenDisabled(CapturedOutput output) {
		this.environment.setProperty("xray.enabled", "false");
		this.environment.setProperty("AWS_XRAY_TRACING_NAME", "orders");
		process();
		assertThat(this.environment.getProperty("spring.application.name")).isNull();
		assertThat(output).doesNotContain("X-Ray SDK settings");
	}

	@Test
	void tracingNameIsTheServiceNameOfAnApplication() {
		System.setProperty("com.amazonaws.xray.strategy.tracingName", "orders-service");
		SpringApplication application = new SpringApplication(OpenTelemetryConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run()) {
			Resource resource = context.getBean(Resource.class);
			assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("orders-service");
		}
		finally {
			System.clearProperty("com.amazonaws.xray.strategy.tracingName");
		}
	}

	private void process() {
		new XRaySdkSettingsEnvironmentPostProcessor((destination) -> destination.get())
			.postProcessEnvironment(this.environment, new SpringApplication());
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(OpenTelemetrySdkAutoConfiguration.class)
	static class OpenTelemetryConfiguration {

	}

}
