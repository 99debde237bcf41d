package io.github.xrayspring.export.internal;

import java.io.Closeable;
import java.util.Collection;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import org.jspecify.annotations.Nullable;

/**
 * Receives the internal telemetry of the SDK's {@code BatchSpanProcessor}: the spans it
 * dropped because its queue was full, and its queue size. The processor reports them only
 * through the {@link MeterProvider} it was built with (Spring Boot passes the
 * application's {@code MeterProvider} bean); this provider records the meter of the trace
 * SDK ({@value #TRACE_SDK_SCOPE}) in a private OpenTelemetry SDK meter provider read on
 * demand and hands every other meter a no-op, so nothing else is measured or exported
 * through it. Both the legacy names ({@code processedSpans} with {@code dropped=true},
 * {@code queueSize}) and the semantic-convention names
 * ({@code otel.sdk.processor.span.processed} with {@code error.type},
 * {@code otel.sdk.processor.span.queue.size}) are read.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class SpanProcessorTelemetry implements MeterProvider, Closeable {

	static final String TRACE_SDK_SCOPE = "io.opentelemetry.sdk.trace";

	private static final AttributeKey<String> PROCESSOR_TYPE = AttributeKey.stringKey("processorType");

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private static final AttributeKey<String> COMPONENT_TYPE = AttributeKey.stringKey("otel.component.type");

	private final Reader reader = new Reader();

	private final SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(this.reader).build();

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		return TRACE_SDK_SCOPE.equals(instrumentationScopeName) ? this.meters.meterBuilder(instrumentationScopeName)
				: MeterProvider.noop().meterBuilder(instrumentationScopeName);
	}

	/**
	 * Returns the spans the batch span processor dropped because its queue was full.
	 * @return the number of dropped spans since startup
	 */
	public long dropped() {
		long dropped = 0;
		for (MetricData metric : this.reader.collect()) {
			if (metric.getName().equals("processedSpans")) {
				dropped += sum(metric, (attributes) -> Boolean.TRUE.equals(attributes.get(DROPPED))
						&& "BatchSpanProcessor".equals(attributes.get(PROCESSOR_TYPE)));
			}
			else if (metric.getName().equals("otel.sdk.processor.span.processed")) {
				dropped += sum(metric, (attributes) -> attributes.get(ERROR_TYPE) != null
						&& "batching_span_processor".equals(attributes.get(COMPONENT_TYPE)));
			}
		}
		return dropped;
	}

	/**
	 * Returns the spans waiting in the batch span processor's queue.
	 * @return the queue size, or {@code null} before the processor reported it
	 */
	public @Nullable Long queueSize() {
		Long size = null;
		for (MetricData metric : this.reader.collect()) {
			if (metric.getName().equals("queueSize") || metric.getName().equals("otel.sdk.processor.span.queue.size")) {
				size = ((size != null) ? size : 0L) + sum(metric, (attributes) -> true);
			}
		}
		return size;
	}

	private static long sum(MetricData metric, Predicate<Attributes> filter) {
		long sum = 0;
		for (var point : metric.getData().getPoints()) {
			if (point instanceof LongPointData longPoint && filter.test(point.getAttributes())) {
				sum += longPoint.getValue();
			}
		}
		return sum;
	}

	@Override
	public void close() {
		this.meters.close();
	}

	@Override
	public String toString() {
		return "SpanProcessorTelemetry";
	}

	/**
	 * Collects on demand, cumulatively.
	 */
	private static final class Reader implements MetricReader {

		private volatile CollectionRegistration registration = CollectionRegistration.noop();

		Collection<MetricData> collect() {
			return this.registration.collectAllMetrics();
		}

		@Override
		public void register(CollectionRegistration registration) {
			this.registration = registration;
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return AggregationTemporality.CUMULATIVE;
		}

		@Override
		public CompletableResultCode forceFlush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
