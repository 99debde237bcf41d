package io.github.xrayspring.autoconfigure.export;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.xrayspring.autoconfigure.tracing.XRayTracingAutoConfiguration;
import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayExportAutoConfiguration}.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class XRayExportAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				XRayTracingAutoConfiguration.class, XRayExportAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0");

	@Test
	void loggingExporterPrintsSegmentDocuments(CapturedOutput output) {
		this.contextRunner.withPropertyValues("xray.exporter.type=logging", "spring.application.name=orders")
			.run((context) -> {
				assertThat(context).hasSingleBean(LoggingSpanExporter.class);
				Span span = context.getBean(Tracer.class).spanBuilder("work").startSpan();
				span.setAttribute("http.response.status_code", "503");
				span.end();
				context.getBean(SdkTracerProvider.class).forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
				String traceId = span.getSpanContext().getTraceId();
				assertThat(output).contains("\"trace_id\":\"1-" + traceId.substring(0, 8) + "-" + traceId.substring(8))
					.contains("\"status\":503")
					.contains("\"fault\":true");
			});
	}

	@Test
	void noLoggingExporterForOtherTypes() {
		this.contextRunner.withPropertyValues("xray.exporter.type=none")
			.run((context) -> assertThat(context).doesNotHaveBean(SpanExporter.class));
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(LoggingSpanExporter.class));
	}

	@Test
	void loggingExporterFollowsBootExportSwitch() {
		this.contextRunner.withPropertyValues("xray.exporter.type=logging", "management.tracing.export.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LoggingSpanExporter.class));
	}

	@Test
	void backsOffFromUserExporter() {
		this.contextRunner.withPropertyValues("xray.exporter.type=logging")
			.withBean("custom", LoggingSpanExporter.class, () -> new LoggingSpanExporter(1, 1, true))
			.run((context) -> assertThat(context).getBeanNames(LoggingSpanExporter.class).containsExactly("custom"));
	}

	@Test
	void batchProcessorHandsSpansStraightToTheDecoratorWithBootsSettings() {
		RecordingSpanExporter recording = new RecordingSpanExporter();
		this.contextRunner.withBean("recording", SpanExporter.class, () -> recording)
			.withPropertyValues("management.opentelemetry.tracing.export.max-batch-size=17",
					"management.opentelemetry.tracing.export.timeout=7s")
			.run((context) -> {
				BatchSpanProcessor processor = context.getBean(BatchSpanProcessor.class);
				assertThat(processor)
					.hasToString("BatchSpanProcessor{spanExporter=PipeliningSpanExporter{XRaySpanExporter{recording}}, "
							+ "exportUnsampledSpans=false, scheduleDelayNanos=5000000000, maxExportBatchSize=17, "
							+ "exporterTimeoutNanos=7000000000}");
				context.getBean(Tracer.class).spanBuilder("work").startSpan().end();
				context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
				assertThat(recording.spans).singleElement()
					.satisfies((span) -> assertThat(span.getName()).isEqualTo("work"));
			});
	}

	@Test
	void forceFlushWaitsForExportsStillOnTheWire() {
		List<SpanData> delivered = new CopyOnWriteArrayList<>();
		SpanExporter slow = new RecordingSpanExporter() {

			@Override
			public CompletableResultCode export(Collection<SpanData> spans) {
				CompletableResultCode result = new CompletableResultCode();
				CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> {
					delivered.addAll(spans);
					result.succeed();
				});
				return result;
			}

		};
		this.contextRunner.withBean("slow", SpanExporter.class, () -> slow).run((context) -> {
			Tracer tracer = context.getBean(Tracer.class);
			for (int i = 0; i < 3; i++) {
				tracer.spanBuilder("work-" + i).startSpan().end();
			}
			assertThat(context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS).isSuccess())
				.isTrue();
			assertThat(delivered).hasSize(3);
		});
	}

	@Test
	void micrometerSpanFiltersStillRunWhenTheApplicationHasThem() {
		RecordingSpanExporter recording = new RecordingSpanExporter();
		this.contextRunner.withBean("recording", SpanExporter.class, () -> recording)
			.withBean(SpanFilter.class, () -> (span) -> span.setName("filtered-" + span.getName()))
			.withBean(SpanExportingPredicate.class, () -> (span) -> !span.getName().startsWith("health"))
			.run((context) -> {
				assertThat(context.getBean(BatchSpanProcessor.class).toString()).contains("CompositeSpanExporter");
				Tracer tracer = context.getBean(Tracer.class);
				tracer.spanBuilder("work").startSpan().end();
				tracer.spanBuilder("health-check").startSpan().end();
				context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
				assertThat(recording.spans).extracting(SpanData::getName).containsExactly("filtered-work");
			});
	}

	@Test
	void backsOffFromUserBatchSpanProcessor() {
		this.contextRunner
			.withBean("custom", BatchSpanProcessor.class,
					() -> BatchSpanProcessor.builder(new RecordingSpanExporter()).build())
			.run((context) -> assertThat(context).getBeanNames(BatchSpanProcessor.class).containsExactly("custom"));
	}

	@Test
	void noBatchSpanProcessorWhenOpenTelemetryIsDisabled() {
		this.contextRunner.withPropertyValues("management.opentelemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BatchSpanProcessor.class));
	}

	@Test
	void unknownTypeFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("xray.exporter.type=zipkin")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'xray.exporter.type'"));
	}

	static class RecordingSpanExporter implements SpanExporter {

		final List<SpanData> spans = new CopyOnWriteArrayList<>();

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.spans.addAll(spans);
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public String toString() {
			return "recording";
		}

	}

}
