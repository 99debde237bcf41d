package io.github.xrayspring.export.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SpanProcessorTelemetry}, with the SDK's real batch span processor.
 *
 * @author xray-spring-boot-starter team
 */
class SpanProcessorTelemetryTests {

	@Test
	void countsSpansTheBatchSpanProcessorDropsWithAFullQueue() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch exporting = new CountDownLatch(1);
		SpanExporter stuck = new SpanExporter() {

			@Override
			public CompletableResultCode export(Collection<SpanData> spans) {
				exporting.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
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

		};
		try (SpanProcessorTelemetry telemetry = new SpanProcessorTelemetry()) {
			assertThat(telemetry.dropped()).isZero();
			BatchSpanProcessor processor = BatchSpanProcessor.builder(stuck)
				.setMaxQueueSize(4)
				.setMaxExportBatchSize(1)
				.setScheduleDelay(Duration.ofMillis(1))
				.setMeterProvider(telemetry)
				.build();
			try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(processor).build()) {
				Tracer tracer = tracerProvider.get("test");
				tracer.spanBuilder("first").startSpan().end();
				assertThat(exporting.await(10, TimeUnit.SECONDS)).isTrue();
				// the exporter holds one span; four fit in the queue; the other five are
				// dropped
				for (int i = 0; i < 9; i++) {
					tracer.spanBuilder("span-" + i).startSpan().end();
				}
				assertThat(telemetry.dropped()).isEqualTo(5);
				assertThat(telemetry.queueSize()).isEqualTo(4);
				release.countDown();
				await().atMost(Duration.ofSeconds(10)).until(() -> telemetry.queueSize() == 0);
				assertThat(telemetry.dropped()).isEqualTo(5);
			}
		}
	}

	@Test
	void handsOtherMetersANoop() {
		try (SpanProcessorTelemetry telemetry = new SpanProcessorTelemetry()) {
			telemetry.get("io.opentelemetry.sdk.logs").counterBuilder("processedLogs").build().add(7);
			assertThat(telemetry.get("other").counterBuilder("x").build())
				.isSameAs(MeterProvider.noop().get("other").counterBuilder("x").build());
			assertThat(telemetry.dropped()).isZero();
			assertThat(telemetry.queueSize()).isNull();
		}
	}

}
