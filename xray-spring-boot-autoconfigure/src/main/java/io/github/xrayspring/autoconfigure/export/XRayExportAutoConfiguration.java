package io.github.xrayspring.autoconfigure.export;

import java.util.List;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.export.internal.ExportStatistics;
import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.github.xrayspring.export.internal.PipelineFlush;
import io.github.xrayspring.export.internal.SpanProcessorTelemetry;
import io.github.xrayspring.export.internal.XRayAnnotationPromoter;
import io.github.xrayspring.export.internal.XRaySpanExporter;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.otel.bridge.CompositeSpanExporter;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.tracing.autoconfigure.ConditionalOnEnabledTracingExport;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration for everything between a finished span and the wire: the exporter
 * chosen by {@code xray.exporter.type}, the decorator that prepares every span for X-Ray
 * in front of all exporters, and the promoter that decides which attributes leave as
 * annotations and applies X-Ray's limits.
 * <p>
 * {@link XRayProperties.ExporterType} is the one place that says what each type runs:
 * {@code otlp} is Spring Boot's own OTLP exporter, {@code aws} the SigV4-signed export to
 * the X-Ray OTLP endpoint and {@code logging} the local X-Ray preview, both defined here;
 * for every type but {@code otlp}, {@code XRayEnvironmentPostProcessor} switches Boot's
 * OTLP span exporter off. With {@code xray.preview.enabled} the preview keeps documents
 * next to any exporter.
 * <p>
 * The counters of the export path live here too: {@link ExportStatistics}, counted by the
 * decorator (or by the {@code aws} exporter itself), and {@link SpanProcessorTelemetry},
 * the {@code MeterProvider} through which Boot's batch span processor reports the spans
 * it drops.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({ SpanExporter.class, OpenTelemetryTracingAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ XRayProperties.class, OpenTelemetryTracingProperties.class })
public final class XRayExportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	XRayAnnotationPromoter xrayAnnotationPromoter(XRayProperties properties) {
		return new XRayAnnotationPromoter(properties.getAnnotations().getAttributes());
	}

	@Bean
	SpanProcessor xrayAnnotationLocalRootTracker(XRayAnnotationPromoter promoter) {
		return promoter.localRootTracker();
	}

	@Bean
	@ConditionalOnMissingBean
	ExportStatistics xrayExportStatistics() {
		return new ExportStatistics();
	}

	// Boot builds its BatchSpanProcessor with the MeterProvider bean, if there is one:
	// the only way to learn how many spans it dropped with a full queue
	@Bean
	@ConditionalOnMissingBean(MeterProvider.class)
	SpanProcessorTelemetry xraySpanProcessorTelemetry() {
		return new SpanProcessorTelemetry();
	}

	// Boot hands every SpanExporter bean to its span processor through this bean: one
	// decorator in front of all of them prepares each span once
	@Bean
	@ConditionalOnMissingBean
	SpanExporters spanExporters(ObjectProvider<SpanExporter> spanExporters, XRayAnnotationPromoter promoter,
			ExportStatistics statistics, XRayProperties properties) {
		List<SpanExporter> exporters = spanExporters.orderedStream().toList();
		return SpanExporters
			.of(exporters.isEmpty() ? List.of() : List.of(new XRaySpanExporter(SpanExporter.composite(exporters),
					promoter, statistics, properties.getJdbc().isSanitize())));
	}

	// only where Boot builds its own (the same class conditions as its
	// OpenTelemetryTracingAutoConfiguration)
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OtelTracer.class, SdkTracerProvider.class, OpenTelemetry.class })
	static class BatchSpanProcessorConfiguration {

		// enough for the export to keep up with a saturated 2-core app whose collector
		// shares the host (see PipeliningSpanExporter); bounds the spans held by exports
		// on the wire to this many batches
		static final int MAX_EXPORTS_IN_FLIGHT = 4;

		// Boot's own processor, built the same way from the same properties, with two
		// differences. Up to MAX_EXPORTS_IN_FLIGHT exports run at once, where Boot's
		// waits for each before it drains the next batch. And Boot always puts
		// Micrometer's CompositeSpanExporter in front of the exporters, which copies
		// every
		// span into a mutable FinishedSpan whose attributes and resource are rebuilt on
		// each read (about a fifth of the export path's CPU at 100 %); it is needed only
		// to run SpanExportingPredicate, SpanReporter and SpanFilter beans, so it is kept
		// when the application has any of them.
		// completes the tracer provider's flush after the exports still in flight;
		// declared
		// before the processor, under the same conditions
		@Bean
		@ConditionalOnMissingBean(BatchSpanProcessor.class)
		@ConditionalOnBooleanProperty(name = "management.opentelemetry.enabled", matchIfMissing = true)
		PipelineFlush xrayPipelineFlush() {
			return new PipelineFlush();
		}

		@Bean
		@ConditionalOnMissingBean(BatchSpanProcessor.class)
		@ConditionalOnBooleanProperty(name = "management.opentelemetry.enabled", matchIfMissing = true)
		BatchSpanProcessor xrayBatchSpanProcessor(PipelineFlush pipelineFlush, SpanExporters spanExporters,
				ObjectProvider<SpanExportingPredicate> spanExportingPredicates,
				ObjectProvider<SpanReporter> spanReporters, ObjectProvider<SpanFilter> spanFilters,
				ObjectProvider<MeterProvider> meterProvider, OpenTelemetryTracingProperties tracingProperties) {
			List<SpanExportingPredicate> predicates = spanExportingPredicates.orderedStream().toList();
			List<SpanReporter> reporters = spanReporters.orderedStream().toList();
			List<SpanFilter> filters = spanFilters.orderedStream().toList();
			List<SpanExporter> exporters = spanExporters.list();
			SpanExporter exporter = (predicates.isEmpty() && reporters.isEmpty() && filters.isEmpty())
					? SpanExporter.composite(exporters)
					: new CompositeSpanExporter(exporters, predicates, reporters, filters);
			OpenTelemetryTracingProperties.Export export = tracingProperties.getExport();
			BatchSpanProcessorBuilder builder = BatchSpanProcessor
				.builder(pipelineFlush.pipeline(exporter, MAX_EXPORTS_IN_FLIGHT, export.getTimeout()))
				.setExportUnsampledSpans(export.isIncludeUnsampled())
				.setExporterTimeout(export.getTimeout())
				.setMaxExportBatchSize(export.getMaxBatchSize())
				.setMaxQueueSize(export.getMaxQueueSize())
				.setScheduleDelay(export.getScheduleDelay());
			meterProvider.ifAvailable(builder::setMeterProvider);
			BatchSpanProcessor processor = builder.build();
			pipelineFlush.flushAfter(processor);
			return processor;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "xray.exporter.type", havingValue = "aws")
	@ConditionalOnEnabledTracingExport("xray-aws")
	static class AwsExportConfiguration {

		// fails startup naming the missing AWS SDK artifacts or xray.exporter.aws.region
		@Bean
		SpanExporter xrayAwsSpanExporter(XRayProperties properties, Environment environment,
				ExportStatistics statistics, ResourceLoader resourceLoader) {
			// it accepts or rejects single spans and names the HTTP failure
			statistics.countedByExporter();
			return AwsExporters.create(properties.getExporter().getAws(), environment, statistics,
					resourceLoader.getClassLoader());
		}

	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(PreviewCondition.class)
	@ConditionalOnEnabledTracingExport("xray-logging")
	LoggingSpanExporter xrayLoggingSpanExporter(XRayProperties properties) {
		XRayProperties.Preview preview = properties.getPreview();
		if (preview.getMaxTraces() < 1) {
			throw new InvalidConfigurationPropertyValueException("xray.preview.max-traces", preview.getMaxTraces(),
					"Must be at least 1.");
		}
		if (preview.getMaxBytes().toBytes() < 1) {
			throw new InvalidConfigurationPropertyValueException("xray.preview.max-bytes", preview.getMaxBytes(),
					"Must be at least 1B.");
		}
		boolean log = properties.getExporter().getType() == XRayProperties.ExporterType.LOGGING;
		return new LoggingSpanExporter(preview.getMaxTraces(), preview.getMaxBytes().toBytes(), log);
	}

	/**
	 * The preview runs as the {@code logging} exporter, or next to another one when asked
	 * for, directly or by turning on the trace page.
	 */
	static final class PreviewCondition extends AnyNestedCondition {

		PreviewCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "xray.exporter.type", havingValue = "logging")
		static final class LoggingExporter {

		}

		@ConditionalOnBooleanProperty("xray.preview.enabled")
		static final class PreviewEnabled {

		}

		@ConditionalOnBooleanProperty("xray.preview.ui.enabled")
		static final class TraceViewEnabled {

		}

	}

}
