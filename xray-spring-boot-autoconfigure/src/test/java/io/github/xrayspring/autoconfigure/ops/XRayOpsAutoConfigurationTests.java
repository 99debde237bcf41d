package io.github.xrayspring.autoconfigure.ops;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.xrayspring.autoconfigure.StartupFailures;
import io.github.xrayspring.autoconfigure.export.XRayExportAutoConfiguration;
import io.github.xrayspring.autoconfigure.sampling.XRaySamplingAutoConfiguration;
import io.github.xrayspring.autoconfigure.tracing.XRayTracingAutoConfiguration;
import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.github.xrayspring.export.internal.SpanProcessorTelemetry;
import io.github.xrayspring.jdbc.internal.JdbcStatistics;
import io.github.xrayspring.ops.internal.XRayCost;
import io.github.xrayspring.ops.internal.XRayEndpoint;
import io.github.xrayspring.ops.internal.XRayMeters;
import io.github.xrayspring.sampling.internal.XRaySampler;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayOpsAutoConfiguration}: the endpoint and the meters over a real
 * tracer, sampler and exporter chain.
 *
 * @author xray-spring-boot-starter team
 */
class XRayOpsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				XRayTracingAutoConfiguration.class, XRaySamplingAutoConfiguration.class,
				XRayExportAutoConfiguration.class, XRayOpsAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders", "xray.sampling.fixed-rate=1.0");

	@Test
	void endpointOnlyWhenExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(XRayEndpoint.class));
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=xray")
			.run((context) -> assertThat(context).hasSingleBean(XRayEndpoint.class));
	}

	@Test
	void endpointReportsWhatTracingDid() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=xray", "xray.exporter.type=logging",
					"xray.sampling.max-traces-per-second=50", "xray.cost.price-per-gb=0.5")
			.withBean(JdbcStatistics.class, JdbcStatistics::new)
			.run((context) -> {
				String traceId = traceOneRequest(context, "order_id", "42");
				XRayEndpoint endpoint = context.getBean(XRayEndpoint.class);
				XRayEndpoint.Report report = endpoint.report(SecurityContext.NONE);
				assertThat(report.sampling().rules()).singleElement().satisfies((rule) -> {
					assertThat(rule.name()).isEqualTo("default");
					assertThat(rule.sampled()).isEqualTo(1);
				});
				assertThat(report.sampling().ceiling().maxTracesPerSecond()).isEqualTo(50);
				assertThat(report.sampling().ceiling().hits()).isZero();
				assertThat(report.exporter().type()).isEqualTo("logging");
				assertThat(report.exporter().endpoint()).isNull();
				assertThat(report.exporter().exported()).isEqualTo(2);
				assertThat(report.exporter().failed()).isZero();
				assertThat(report.exporter().dropped()).isZero();
				assertThat(report.exporter().queueCapacity()).isEqualTo(2048);
				assertThat(report.exporter().bytesExported()).isPositive();
				assertThat(report.annotations().promoted()).isEqualTo(1);
				assertThat(report.jdbc().statements()).isZero();
				assertThat(report.cost().source()).contains("X-Ray sampler's rules");
				assertThat(report.cost().pricePerMillionTraces()).isEqualTo(5.0);
				assertThat(report.cost().freeTracesPerMonth()).isEqualTo(100_000);
				assertThat(report.cost().transactionSearch().pricePerGb()).isEqualTo(0.5);
				assertThat(report.preview().enabled()).isTrue();
				assertThat(report.preview().traces()).isEqualTo(1);
				// Boot's configprops shows no values by default, and neither does this
				assertThat(report.configuration()).containsEntry("enabled", "******");
				XRayEndpoint.Traces traces = (XRayEndpoint.Traces) endpoint.member("traces", "annotation.order_id = 42",
						SecurityContext.NONE);
				assertThat(traces.traces()).singleElement().satisfies((trace) -> {
					assertThat(trace.traceId()).isEqualTo(traceId);
					assertThat(trace.name()).isEqualTo("orders");
					assertThat(trace.spans()).isEqualTo(2);
				});
				assertThat(((XRayEndpoint.Traces) endpoint.member("traces", "annotation.order_id = 43",
						SecurityContext.NONE))
					.traces()).isEmpty();
				WebEndpointResponse<String> documents = endpoint.trace("traces", traceId);
				List<String> printed = context.getBean(LoggingSpanExporter.class).documents(traceId);
				assertThat(documents.getBody()).isEqualTo("[" + String.join(",\n", printed) + "]");
				assertThat(endpoint.trace("traces", "1-00000000-000000000000000000000000")).isNull();
				assertThat(endpoint.trace("other", traceId)).isNull();
				assertThat(endpoint.member("cost", null, SecurityContext.NONE)).isInstanceOf(XRayCost.Projection.class);
				assertThat(endpoint.member("nothing", null, SecurityContext.NONE)).isNull();
			});
	}

	@Test
	void configurationShowsValuesWhereConfigpropsWould() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=xray",
					"management.endpoint.configprops.show-values=always", "xray.cost.price-per-million-traces=4.5")
			.run((context) -> {
				Map<String, Object> configuration = context.getBean(XRayEndpoint.class)
					.report(SecurityContext.NONE)
					.configuration();
				assertThat(configuration).containsEntry("enabled", true);
				assertThat(configuration.get("cost")).isEqualTo(Map.of("pricePerMillionTraces", 4.5));
			});
	}

	@Test
	void badFilterIsABadRequest() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=xray")
			.run((context) -> assertThat(org.assertj.core.api.Assertions.catchThrowable(
					() -> context.getBean(XRayEndpoint.class).member("traces", "http.status >", SecurityContext.NONE)))
				.isInstanceOf(org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException.class)
				.hasMessageContaining("expected a value"));
	}

	@Test
	void tracesWithoutPreviewSayItIsOff() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=xray").run((context) -> {
			XRayEndpoint.Traces traces = (XRayEndpoint.Traces) context.getBean(XRayEndpoint.class)
				.member("traces", null, SecurityContext.NONE);
			assertThat(traces.enabled()).isFalse();
			assertThat(traces.traces()).isEmpty();
		});
	}

	@Test
	void otlpEndpointIsShownWithoutCredentials() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=xray",
				"management.opentelemetry.tracing.export.otlp.endpoint=https://user:secret@collector:4318/v1/traces?token=abc")
			.run((context) -> assertThat(
					context.getBean(XRayEndpoint.class).report(SecurityContext.NONE).exporter().endpoint())
				.isEqualTo("https://collector:4318/v1/traces"));
	}

	@Test
	void previewNextToAnotherExporterKeepsDocumentsWithoutLogging() {
		this.contextRunner.withPropertyValues("xray.preview.enabled=true", "xray.preview.max-traces=3")
			.run((context) -> {
				LoggingSpanExporter preview = context.getBean(LoggingSpanExporter.class);
				assertThat(preview).hasToString("LoggingSpanExporter{maxTraces=3, maxBytes=2097152, log=false}");
			});
		this.contextRunner.withPropertyValues("xray.preview.ui.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(LoggingSpanExporter.class));
	}

	@Test
	void metersCoverEveryFeatureThatCounts() {
		this.contextRunner.withPropertyValues("xray.exporter.type=logging")
			.withBean(JdbcStatistics.class, JdbcStatistics::new)
			.run((context) -> {
				traceOneRequest(context, "order_id", "7");
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(XRayMeters.class).bindTo(registry);
				assertThat(registry.get("xray.sampling.decisions")
					.tags("rule", "default", "decision", "sampled")
					.functionCounter()
					.count()).isEqualTo(1);
				assertThat(registry.get("xray.spans.exported").tag("outcome", "success").functionCounter().count())
					.isEqualTo(2);
				assertThat(registry.get("xray.spans.exported").tag("outcome", "failure").functionCounter().count())
					.isZero();
				assertThat(registry.get("xray.spans.dropped").functionCounter().count()).isZero();
				assertThat(registry.get("xray.annotations.promoted").functionCounter().count()).isEqualTo(1);
				assertThat(registry.get("xray.annotations.dropped").functionCounter().count()).isZero();
				assertThat(registry.get("xray.jdbc.statements").tag("kind", "all").functionCounter()).isNotNull();
				assertThat(registry.get("xray.jdbc.statements").tag("kind", "slow").functionCounter()).isNotNull();
				assertThat(registry.get("xray.cost.projected.monthly").gauge().value()).isGreaterThanOrEqualTo(0);
				assertThat(registry.getMeters())
					.allSatisfy((meter) -> assertThat(meter.getId().getName()).startsWith("xray."));
			});
	}

	@Test
	void metersSkipFeaturesThatAreOff() {
		this.contextRunner.withPropertyValues("xray.sampling.enabled=false").run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(XRayMeters.class).bindTo(registry);
			assertThat(registry.find("xray.sampling.decisions").meters()).isEmpty();
			assertThat(registry.find("xray.jdbc.statements").meters()).isEmpty();
			assertThat(registry.find("xray.annotations.promoted").functionCounter()).isNotNull();
			assertThat(context.getBean(XRayCost.class).projection().source()).contains("without a parent");
		});
	}

	@Test
	void userMeterProviderGetsTheDropsInstead() {
		this.contextRunner.withBean(MeterProvider.class, MeterProvider::noop).run((context) -> {
			assertThat(context).doesNotHaveBean(SpanProcessorTelemetry.class);
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(XRayMeters.class).bindTo(registry);
			assertThat(registry.find("xray.spans.dropped").meters()).isEmpty();
		});
	}

	@Test
	void negativePricesFailStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("xray.cost.price-per-million-traces=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: xray.cost.price-per-million-traces");
		});
		this.contextRunner.withPropertyValues("xray.cost.price-per-gb=-0.01")
			.run((context) -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: xray.cost.price-per-gb"));
		this.contextRunner.withPropertyValues("xray.preview.enabled=true", "xray.preview.max-bytes=0B")
			.run((context) -> assertThat(StartupFailures.describe(context.getStartupFailure()))
				.contains("Property: xray.preview.max-bytes"));
	}

	@Test
	void tracePageOnlyWhenAskedFor() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class));
		this.contextRunner.withPropertyValues("xray.preview.ui.enabled=true")
			.run((context) -> assertThat(context).hasBean("xrayTraceViewRoutes"));
	}

	@Test
	void noMetersWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(XRaySampler.class).doesNotHaveBean(XRayMeters.class));
	}

	@Test
	void doesNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("xray.enabled=false", "management.endpoints.web.exposure.include=xray")
			.run((context) -> assertThat(context).doesNotHaveBean(XRayMeters.class)
				.doesNotHaveBean(XRayEndpoint.class)
				.doesNotHaveBean(XRayCost.class));
	}

	// a server span with a promoted annotation and a child span, flushed to the exporters
	private static String traceOneRequest(AssertableWebApplicationContext context, String key, String value) {
		Tracer tracer = context.getBean(Tracer.class);
		Span server = tracer.spanBuilder("GET /orders/{id}")
			.setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
			.startSpan();
		try (io.opentelemetry.context.Scope scope = server.makeCurrent()) {
			server.setAttribute(key, value);
			server.setAttribute(io.opentelemetry.api.common.AttributeKey.stringArrayKey("aws.xray.annotations"),
					List.of(key));
			tracer.spanBuilder("work").startSpan().end();
		}
		finally {
			server.end();
		}
		context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
		String id = server.getSpanContext().getTraceId();
		return "1-" + id.substring(0, 8) + "-" + id.substring(8);
	}

}
