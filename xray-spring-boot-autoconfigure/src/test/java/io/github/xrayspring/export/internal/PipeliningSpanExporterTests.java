package io.github.xrayspring.export.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PipeliningSpanExporter}.
 *
 * @author xray-spring-boot-starter team
 */
class PipeliningSpanExporterTests {

	private final ManualExporter delegate = new ManualExporter();

	@Test
	void exportReturnsOnceTheDelegateHasTheBatchAndUpToTheLimitRunAtOnce() throws Exception {
		PipeliningSpanExporter exporter = new PipeliningSpanExporter(this.delegate, 2, Duration.ofSeconds(5));
		assertThat(exporter.export(List.of()).isSuccess()).isTrue();
		assertThat(exporter.export(List.of()).isSuccess()).isTrue();
		assertThat(exporter.inFlight()).isEqualTo(2);
		CompletableFuture<CompletableResultCode> third = CompletableFuture
			.supplyAsync(() -> exporter.export(List.of()));
		Thread.sleep(100);
		assertThat(third).isNotDone();
		assertThat(this.delegate.exports).hasValue(2);
		this.delegate.results.get(0).succeed();
		assertThat(third.get(5, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(this.delegate.exports).hasValue(3);
		assertThat(exporter.inFlight()).isEqualTo(2);
	}

	@Test
	void batchFailsWhenNoSlotFreesWithinTheTimeout() {
		PipeliningSpanExporter exporter = new PipeliningSpanExporter(this.delegate, 1, Duration.ofMillis(50));
		assertThat(exporter.export(List.of()).isSuccess()).isTrue();
		CompletableResultCode second = exporter.export(List.of());
		assertThat(second.isDone()).isTrue();
		assertThat(second.isSuccess()).isFalse();
		assertThat(this.delegate.exports).hasValue(1);
	}

	@Test
	void synchronousResultsAndFailuresAreReturnedAsTheyAre() {
		SpanExporter failing = new ManualExporter() {

			@Override
			public CompletableResultCode export(Collection<SpanData> spans) {
				return CompletableResultCode.ofFailure();
			}

		};
		PipeliningSpanExporter exporter = new PipeliningSpanExporter(failing, 1, Duration.ofMillis(50));
		assertThat(exporter.export(List.of()).isSuccess()).isFalse();
		assertThat(exporter.export(List.of()).isSuccess()).isFalse();
		assertThat(exporter.inFlight()).isZero();
	}

	@Test
	void exceptionOfTheDelegateFailsTheBatchAndFreesTheSlot() {
		SpanExporter throwing = new ManualExporter() {

			@Override
			public CompletableResultCode export(Collection<SpanData> spans) {
				throw new IllegalStateException("boom");
			}

		};
		PipeliningSpanExporter exporter = new PipeliningSpanExporter(throwing, 1, Duration.ofMillis(50));
		assertThat(exporter.export(List.of()).getFailureThrowable()).hasMessage("boom");
		assertThat(exporter.export(List.of()).getFailureThrowable()).hasMessage("boom");
	}

	@Test
	void flushWaitsForRunningExportsAndReportsTheirFailure() {
		PipeliningSpanExporter exporter = new PipeliningSpanExporter(this.delegate, 4, Duration.ofSeconds(5));
		exporter.export(List.of());
		exporter.export(List.of());
		CompletableResultCode flush = exporter.flush();
		assertThat(flush.isDone()).isFalse();
		this.delegate.results.get(0).succeed();
		assertThat(flush.isDone()).isFalse();
		this.delegate.results.get(1).fail();
		assertThat(flush.isDone()).isTrue();
		assertThat(flush.isSuccess()).isFalse();
		assertThat(this.delegate.flushes).hasValue(1);
		assertThat(exporter.flush().isSuccess()).isTrue();
	}

	@Test
	void shutdownWaitsForRunningExportsThenShutsTheDelegateDown() {
		PipeliningSpanExporter exporter = new PipeliningSpanExporter(this.delegate, 4, Duration.ofSeconds(5));
		exporter.export(List.of());
		CompletableResultCode shutdown = exporter.shutdown();
		assertThat(this.delegate.shutdowns).hasValue(0);
		this.delegate.results.get(0).succeed();
		assertThat(shutdown.isSuccess()).isTrue();
		assertThat(this.delegate.shutdowns).hasValue(1);
	}

	@Test
	void atLeastOneExportAtATime() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PipeliningSpanExporter(this.delegate, 0, Duration.ofSeconds(1)));
	}

	static class ManualExporter implements SpanExporter {

		final List<CompletableResultCode> results = new CopyOnWriteArrayList<>();

		final AtomicInteger exports = new AtomicInteger();

		final AtomicInteger flushes = new AtomicInteger();

		final AtomicInteger shutdowns = new AtomicInteger();

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.exports.incrementAndGet();
			CompletableResultCode result = new CompletableResultCode();
			this.results.add(result);
			return result;
		}

		@Override
		public CompletableResultCode flush() {
			this.flushes.incrementAndGet();
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			this.shutdowns.incrementAndGet();
			return CompletableResultCode.ofSuccess();
		}

	}

}
