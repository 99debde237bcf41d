package io.github.xrayspring.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayEnvironmentPostProcessor}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayEnvironmentPostProcessorTests {

	private static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void defaultsOtlpEndpointToLocalCollector() {
		process();
		assertThat(this.environment.getProperty(ENDPOINT)).isEqualTo("http://localhost:4318/v1/traces");
	}

	@Test
	void defaultsGrpcEndpointToLocalCollector() {
		this.environment.setProperty("management.opentelemetry.tracing.export.otlp.transport", "grpc");
		process();
		assertThat(this.environment.getProperty(ENDPOINT)).isEqualTo("http://localhost:4317");
	}

	@Test
	void userEndpointWins() {
		this.environment.setProperty(ENDPOINT, "http://collector:4318/v1/traces");
		process();
		assertThat(this.environment.getProperty(ENDPOINT)).isEqualTo("http://collector:4318/v1/traces");
	}

	@Test
	void otlpMetricsExportIsOffUnlessUserTurnsItOn() {
		process();
		assertThat(this.environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
		MockEnvironment user = new MockEnvironment().withProperty("management.otlp.metrics.export.enabled", "true");
		new XRayEnvironmentPostProcessor().postProcessEnvironment(user, new SpringApplication());
		assertThat(user.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("true");
	}

	@Test
	void spanQueueIsLargerUnlessUserSetsIt() {
		process();
		assertThat(this.environment.getProperty("management.opentelemetry.tracing.export.max-queue-size"))
			.isEqualTo("8192");
		MockEnvironment user = new MockEnvironment()
			.withProperty("management.opentelemetry.tracing.export.max-queue-size", "100");
		new XRayEnvironmentPostProcessor().postProcessEnvironment(user, new SpringApplication());
		assertThat(user.getProperty("management.opentelemetry.tracing.export.max-queue-size")).isEqualTo("100");
	}

	@Test
	void loggingExporterSwitchesOtlpSpanExportOff() {
		this.environment.setProperty("xray.exporter.type", "logging");
		this.environment.setProperty(ENDPOINT, "http://collector:4318/v1/traces");
		this.environment.setProperty("management.tracing.export.otlp.enabled", "true");
		process();
		assertThat(this.environment.getProperty("management.tracing.export.otlp.enabled")).isEqualTo("false");
	}

	@Test
	void awsExporterSwitchesBootsOtlpSpanExportOff() {
		this.environment.setProperty("xray.exporter.type", "aws");
		process();
		assertThat(this.environment.getProperty("management.tracing.export.otlp.enabled")).isEqualTo("false");
		assertThat(this.environment.getProperty(ENDPOINT)).isNull();
	}

	@Test
	void noneExporterSwitchesOtlpSpanExportOff() {
		this.environment.setProperty("xray.exporter.type", "NONE");
		process();
		assertThat(this.environment.getProperty("management.tracing.export.otlp.enabled")).isEqualTo("false");
		assertThat(this.environment.getProperty(ENDPOINT)).isNull();
	}

	@Test
	void doesNothingWhenDisabled() {
		this.environment.setProperty("xray.enabled", "false");
		this.environment.setProperty("xray.exporter.type", "none");
		process();
		assertThat(this.environment.getPropertySources().contains(XRayEnvironmentPostProcessor.DEFAULTS_SOURCE))
			.isFalse();
		assertThat(this.environment.getProperty("management.tracing.export.otlp.enabled")).isNull();
	}

	private void process() {
		new XRayEnvironmentPostProcessor().postProcessEnvironment(this.environment, new SpringApplication());
	}

}
