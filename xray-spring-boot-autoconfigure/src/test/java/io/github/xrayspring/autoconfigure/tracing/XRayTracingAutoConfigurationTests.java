package io.github.xrayspring.autoconfigure.tracing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.github.xrayspring.XRay;
import io.github.xrayspring.autoconfigure.export.XRayExportAutoConfiguration;
import io.github.xrayspring.autoconfigure.sampling.XRaySamplingAutoConfiguration;
import io.github.xrayspring.export.internal.XRaySpanExporter;
import io.github.xrayspring.trace.internal.MapTextMapGetter;
import io.github.xrayspring.trace.internal.XRayLogCorrelationListener;
import io.github.xrayspring.trace.internal.XRayPropagator;
import io.github.xrayspring.trace.internal.XRayTracerHolder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayTracingAutoConfiguration}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayTracingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				XRayTracingAutoConfiguration.class, XRaySamplingAutoConfiguration.class,
				XRayExportAutoConfiguration.class))
		.withPropertyValues("xray.sampling.fixed-rate=1.0");

	@Test
	void subsegmentHelperUsesTheContextTracerUntilTheContextCloses() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(XRayTracerHolder.class);
			Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
			Span parent = tracer.spanBuilder("parent").startSpan();
			try (Scope scope = parent.makeCurrent()) {
				String childTraceId = XRay.subsegment("child", () -> Span.current().getSpanContext().getTraceId());
				assertThat(childTraceId).isEqualTo(parent.getSpanContext().getTraceId());
				assertThat(XRay.subsegment("child", () -> Span.current())).isNotSameAs(parent);
			}
			finally {
				parent.end();
			}
		});
		assertThat(XRayTracerHolder.tracer()).isNull();
	}

	@Test
	void traceIdsAreXRayFormatByDefault() {
		this.contextRunner.run((context) -> {
			long now = Instant.now().getEpochSecond();
			String traceId = newTraceId(context);
			assertThat(Long.parseLong(traceId.substring(0, 8), 16)).isBetween(now - 5, now + 5);
		});
	}

	@Test
	void traceIdsAreRandomWithW3cFormat() {
		this.contextRunner.withPropertyValues("xray.trace-id-format=w3c").run((context) -> {
			long now = Instant.now().getEpochSecond();
			int nearNow = 0;
			for (int i = 0; i < 5; i++) {
				long seconds = Long.parseLong(newTraceId(context).substring(0, 8), 16);
				nearNow += (Math.abs(seconds - now) < 86_400) ? 1 : 0;
			}
			assertThat(nearNow).isLessThan(5);
		});
	}

	@Test
	void xrayHeaderIsReadAndWritten() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(XRayPropagator.class);
			ContextPropagators propagators = context.getBean(ContextPropagators.class);
			Context extracted = propagators.getTextMapPropagator()
				.extract(Context.root(),
						Map.of("X-Amzn-Trace-Id",
								"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"),
						MapTextMapGetter.INSTANCE);
			assertThat(Span.fromContext(extracted).getSpanContext().getTraceId())
				.isEqualTo("5759e988bd862e3fe1be46a994272793");
			Map<String, String> outgoing = new HashMap<>();
			propagators.getTextMapPropagator().inject(extracted, outgoing, Map::put);
			assertThat(outgoing).containsEntry("X-Amzn-Trace-Id",
					"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
			assertThat(outgoing).containsEntry("traceparent",
					"00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
		});
	}

	@Test
	void traceparentWinsWhenBothHeadersAreValidAndDisagree() {
		this.contextRunner.run((context) -> {
			Context extracted = extract(context,
					Map.of("X-Amzn-Trace-Id",
							"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", "traceparent",
							"00-6a06f8e8f9477fa7a87530a4c55565bc-ea5c3f22d993b2ef-01"));
			assertThat(Span.fromContext(extracted).getSpanContext().getTraceId())
				.isEqualTo("6a06f8e8f9477fa7a87530a4c55565bc");
		});
	}

	@Test
	void xrayHeaderIsUsedWhenTraceparentIsMalformed() {
		this.contextRunner.run((context) -> {
			Context extracted = extract(context,
					Map.of("X-Amzn-Trace-Id",
							"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", "traceparent",
							"00-zz-yy-01"));
			assertThat(Span.fromContext(extracted).getSpanContext().getTraceId())
				.isEqualTo("5759e988bd862e3fe1be46a994272793");
		});
	}

	@Test
	void rootOnlyHeaderIsSampledByTheSamplerUnderItsTraceId() {
		this.contextRunner.withUserConfiguration(ExporterConfiguration.class).run((context) -> {
			Context extracted = extract(context, Map.of("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793"));
			Span span = context.getBean(Tracer.class).spanBuilder("GET /orders").setParent(extracted).startSpan();
			assertThat(span.getSpanContext().isSampled()).isTrue();
			assertThat(span.getSpanContext().getTraceState().get(XRayPropagator.MARKER_KEY)).isNull();
			span.end();
			SpanData exported = exportedSpan(context);
			assertThat(exported.getTraceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
			assertThat(exported.getParentSpanContext().isValid()).isFalse();
		});
	}

	@Test
	void exportedSpansPassThroughTheDecorator() {
		this.contextRunner.withUserConfiguration(ExporterConfiguration.class).run((context) -> {
			assertThat(context.getBean(SpanExporters.class).list()).singleElement()
				.isInstanceOf(XRaySpanExporter.class);
			Span span = context.getBean(Tracer.class).spanBuilder("GET /orders").startSpan();
			span.setAttribute("http.response.status_code", "503");
			span.end();
			assertThat(exportedSpan(context).getAttributes().get(AttributeKey.longKey("http.response.status_code")))
				.isEqualTo(503L);
		});
	}

	@Test
	void logCorrelationListenerIsRegistered() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(XRayLogCorrelationListener.class));
	}

	@Test
	void backsOffFromUserPropagator() {
		this.contextRunner.withBean("xrayPropagator", TextMapPropagator.class, TextMapPropagator::noop)
			.run((context) -> assertThat(context).doesNotHaveBean(XRayPropagator.class)
				.getBean("xrayPropagator")
				.isNotInstanceOf(XRayPropagator.class));
	}

	@Test
	void backsOffWithoutContribPropagator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.opentelemetry.contrib.awsxray.propagator"))
			.run((context) -> assertThat(context).doesNotHaveBean(XRayPropagator.class));
	}

	@Test
	void keepsW3cIdsWithoutContribIdGenerator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.opentelemetry.contrib.awsxray.AwsXray"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("xrayIdGeneratorCustomizer"));
	}

	@Test
	void doesNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("xray.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(XRayPropagator.class)
				.doesNotHaveBean(XRayLogCorrelationListener.class)
				.doesNotHaveBean("xrayIdGeneratorCustomizer");
			assertThat(context.getBean(SpanExporters.class).list()).isEmpty();
		});
	}

	@Test
	void unknownTraceIdFormatFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("xray.trace-id-format=uuid")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'xray.trace-id-format'")
				.rootCause()
				.hasMessageContaining("uuid"));
	}

	private static Context extract(AssertableApplicationContext context, Map<String, String> headers) {
		return context.getBean(ContextPropagators.class)
			.getTextMapPropagator()
			.extract(Context.root(), headers, MapTextMapGetter.INSTANCE);
	}

	private static String newTraceId(AssertableApplicationContext context) {
		Span span = context.getBean(Tracer.class).spanBuilder("test").startSpan();
		span.end();
		SpanContext spanContext = span.getSpanContext();
		return spanContext.getTraceId();
	}

	private static SpanData exportedSpan(AssertableApplicationContext context) {
		context.getBean(SdkTracerProvider.class).forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
		return context.getBean(InMemorySpanExporter.class).getFinishedSpanItems().get(0);
	}

	@Configuration(proxyBeanMethods = false)
	static class ExporterConfiguration {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
