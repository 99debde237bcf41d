package io.github.xrayspring.autoconfigure.export;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.xrayspring.autoconfigure.tracing.XRayTracingAutoConfiguration;
import io.github.xrayspring.export.internal.ExportStatistics;
import io.github.xrayspring.testing.LoopbackHttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code aws} exporter of {@link XRayExportAutoConfiguration}, against a
 * loopback stand-in for the X-Ray OTLP endpoint, with static credentials from system
 * properties and the instance metadata switched off.
 *
 * @author xray-spring-boot-starter team
 */
class XRayAwsExportAutoConfigurationTests {

	private static final Map<String, String> SYSTEM_PROPERTIES = Map.of("aws.accessKeyId", "AKIDAUTOCONFIGTEST",
			"aws.secretAccessKey", "autoconfigSecretKeyValue", "aws.disableEc2Metadata", "true", "aws.configFile",
			"/nonexistent/aws-config", "aws.sharedCredentialsFile", "/nonexistent/aws-credentials");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				XRayTracingAutoConfiguration.class, XRayExportAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0", "xray.exporter.type=aws");

	private LoopbackHttpServer xray;

	@BeforeEach
	void setUp() throws IOException {
		SYSTEM_PROPERTIES.forEach(System::setProperty);
		System.clearProperty("aws.region");
		this.xray = LoopbackHttpServer.start();
	}

	@AfterEach
	void tearDown() {
		SYSTEM_PROPERTIES.keySet().forEach(System::clearProperty);
		this.xray.close();
	}

	@Test
	void sendsSignedSpansToTheConfiguredEndpointAndCountsThem() {
		this.contextRunner
			.withPropertyValues("xray.exporter.aws.region=eu-central-1",
					"xray.exporter.aws.endpoint=" + this.xray.url("/v1/traces"))
			.run((context) -> {
				assertThat(context).hasSingleBean(ExportStatistics.class);
				assertThat(context.getBean("xrayAwsSpanExporter", SpanExporter.class).toString())
					.contains(this.xray.url("/v1/traces"))
					.contains("eu-central-1")
					.doesNotContain("autoconfigSecretKeyValue");
				Span span = context.getBean(Tracer.class).spanBuilder("work").startSpan();
				span.end();
				context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
				assertThat(this.xray.requests()).singleElement()
					.satisfies((request) -> assertThat(request.header("Authorization"))
						.contains("Credential=AKIDAUTOCONFIGTEST/")
						.contains("/eu-central-1/xray/aws4_request"));
				assertThat(context.getBean(ExportStatistics.class).getExported()).isEqualTo(1);
			});
	}

	@Test
	void bootsOtlpCompressionApplies() {
		this.contextRunner
			.withPropertyValues("xray.exporter.aws.region=eu-central-1",
					"xray.exporter.aws.endpoint=" + this.xray.url("/v1/traces"),
					"management.opentelemetry.tracing.export.otlp.compression=gzip")
			.run((context) -> {
				context.getBean(Tracer.class).spanBuilder("work").startSpan().end();
				context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
				assertThat(this.xray.requests()).singleElement()
					.satisfies((request) -> assertThat(request.header("Content-Encoding")).isEqualTo("gzip"));
			});
	}

	@Test
	void regionFromTheSdkChainIsUsed() {
		System.setProperty("aws.region", "sa-east-1");
		try {
			this.contextRunner.withPropertyValues("xray.exporter.aws.endpoint=" + this.xray.url("/v1/traces"))
				.run((context) -> assertThat(context.getBean("xrayAwsSpanExporter").toString())
					.contains("region=sa-east-1"));
			this.contextRunner.run((context) -> assertThat(context.getBean("xrayAwsSpanExporter").toString())
				.contains("https://xray.sa-east-1.amazonaws.com/v1/traces"));
		}
		finally {
			System.clearProperty("aws.region");
		}
	}

	@Test
	void missingRegionFailsStartupNamingThePropertyEvenWithAnEndpoint() {
		this.contextRunner.withPropertyValues("xray.exporter.aws.endpoint=" + this.xray.url("/v1/traces"))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new AwsExportFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("xray.exporter.aws.region");
				assertThat(analysis.getAction()).contains("Set xray.exporter.aws.region");
			});
	}

	@Test
	void missingAwsSdkFailsStartupNamingTheArtifacts() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DefaultCredentialsProvider.class))
			.withPropertyValues("xray.exporter.aws.region=eu-central-1")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new AwsExportFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("software.amazon.awssdk:auth");
				assertThat(analysis.getAction()).contains("software.amazon.awssdk:auth")
					.contains("software.amazon.awssdk:regions");
			});
	}

	@Test
	void malformedEndpointFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("xray.exporter.aws.region=eu-central-1", "xray.exporter.aws.endpoint=::")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("xray.exporter.aws.endpoint"));
	}

	@Test
	void endpointThatKeepsFailingNeverSlowsSpansDown() {
		this.xray.handler((request) -> new LoopbackHttpServer.Response(503, Map.of(), new byte[0]));
		this.contextRunner
			.withPropertyValues("xray.exporter.aws.region=eu-central-1",
					"xray.exporter.aws.endpoint=" + this.xray.url("/v1/traces"),
					"management.opentelemetry.tracing.export.otlp.timeout=1s")
			.run((context) -> {
				Tracer tracer = context.getBean(Tracer.class);
				long slowest = 0;
				for (int i = 0; i < 600; i++) {
					Span span = tracer.spanBuilder("request-" + i).startSpan();
					long start = System.nanoTime();
					span.end();
					slowest = Math.max(slowest, System.nanoTime() - start);
				}
				context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
				ExportStatistics statistics = context.getBean(ExportStatistics.class);
				assertThat(statistics.getFailed()).isPositive();
				assertThat(statistics.getExported()).isZero();
				assertThat(statistics.getLastError()).isNotNull();
				assertThat(this.xray.requests()).isNotEmpty();
				// ending a span only queues it: no request waits for the failing
				// endpoint's
				// 1 s of retries
				assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(400));
			});
	}

	@Test
	void noAwsExporterForOtherTypes() {
		this.contextRunner.withPropertyValues("xray.exporter.type=logging")
			.run((context) -> assertThat(context).doesNotHaveBean("xrayAwsSpanExporter"));
	}

}
