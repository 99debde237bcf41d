package io.github.xrayspring.export.internal;

import java.util.function.Consumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;

/**
 * The {@link MeterProvider} that Spring Boot hands to its {@code BatchSpanProcessor} (and
 * OTLP exporter) when the application has none: it counts the spans the processor drops
 * because its queue is full into {@link ExportStatistics} and ignores every other
 * instrument. Both the processor's legacy counter ({@code processedSpans} with
 * {@code dropped=true}) and its semantic-convention counter
 * ({@code otel.sdk.processor.span.processed} with an {@code error.type}) are read.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class SpanProcessorMeterProvider implements MeterProvider {

	private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private static final Meter NOOP = MeterProvider.noop().get("noop");

	private final ExportStatistics statistics;

	/**
	 * Creates a provider that counts into the given statistics.
	 * @param statistics the counters
	 */
	public SpanProcessorMeterProvider(ExportStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		return new CountingMeterBuilder();
	}

	private final class CountingMeterBuilder implements MeterBuilder, Meter {

		@Override
		public MeterBuilder setSchemaUrl(String schemaUrl) {
			return this;
		}

		@Override
		public MeterBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
			return this;
		}

		@Override
		public Meter build() {
			return this;
		}

		@Override
		public LongCounterBuilder counterBuilder(String name) {
			if (name.equals("processedSpans") || name.equals("otel.sdk.processor.span.processed")) {
				return new DroppedSpansCounter(NOOP.counterBuilder(name));
			}
			return NOOP.counterBuilder(name);
		}

		@Override
		public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
			return NOOP.upDownCounterBuilder(name);
		}

		@Override
		public DoubleHistogramBuilder histogramBuilder(String name) {
			return NOOP.histogramBuilder(name);
		}

		@Override
		public DoubleGaugeBuilder gaugeBuilder(String name) {
			return NOOP.gaugeBuilder(name);
		}

	}

	private final class DroppedSpansCounter implements LongCounterBuilder, LongCounter {

		private final LongCounterBuilder noop;

		DroppedSpansCounter(LongCounterBuilder noop) {
			this.noop = noop;
		}

		@Override
		public LongCounterBuilder setDescription(String description) {
			return this;
		}

		@Override
		public LongCounterBuilder setUnit(String unit) {
			return this;
		}

		@Override
		public DoubleCounterBuilder ofDoubles() {
			return this.noop.ofDoubles();
		}

		@Override
		public LongCounter build() {
			return this;
		}

		@Override
		public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
			return this.noop.buildWithCallback(callback);
		}

		@Override
		public void add(long value) {
		}

		@Override
		public void add(long value, Attributes attributes) {
			if (Boolean.TRUE.equals(attributes.get(DROPPED)) || attributes.get(ERROR_TYPE) != null) {
				SpanProcessorMeterProvider.this.statistics.queueFull(value);
			}
		}

		@Override
		public void add(long value, Attributes attributes, Context context) {
			add(value, attributes);
		}

	}

}
