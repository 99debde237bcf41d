package io.github.xrayspring.trace.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayAnnotations}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayAnnotationsTests {

	@Test
	void concurrentAnnotationsOfOneSpanKeepEveryKey() throws Exception {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.setSpanLimits(SpanLimits.builder().setMaxNumberOfAttributes(10_000).build())
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			int threads = 8;
			int keysPerThread = 200;
			int rounds = 10;
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			for (int round = 0; round < rounds; round++) {
				Span span = tracerProvider.get("test").spanBuilder("test").startSpan();
				annotateConcurrently(executor, span, threads, keysPerThread);
				span.end();
			}
			executor.shutdown();
			assertThat(exporter.getFinishedSpanItems()).hasSize(rounds)
				.allSatisfy((data) -> assertThat(data.getAttributes().get(XRayAnnotations.ANNOTATIONS))
					.hasSize(threads * keysPerThread)
					.doesNotHaveDuplicates());
		}
	}

	private void annotateConcurrently(ExecutorService executor, Span span, int threads, int keysPerThread)
			throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			futures.add(executor.submit(() -> {
				start.await();
				for (int i = 0; i < keysPerThread; i++) {
					XRayAnnotations.annotate(span, "k" + thread + "_" + i, i);
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : futures) {
			future.get();
		}
	}

}
