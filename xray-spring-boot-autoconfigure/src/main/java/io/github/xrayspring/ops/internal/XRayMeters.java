package io.github.xrayspring.ops.internal;

import io.github.xrayspring.export.internal.ExportStatistics;
import io.github.xrayspring.export.internal.SpanProcessorTelemetry;
import io.github.xrayspring.export.internal.XRayAnnotationPromoter;
import io.github.xrayspring.jdbc.internal.JdbcStatistics;
import io.github.xrayspring.sampling.internal.RuleDecision;
import io.github.xrayspring.sampling.internal.SamplingStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Registers the {@code xray.*} meters over the counters each feature keeps. A feature
 * that is switched off passes {@code null} and gets no meters. Tags stay bounded: rule
 * names and fixed words, never span names or SQL text.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRayMeters implements MeterBinder {

	private final @Nullable SamplingStatistics sampling;

	private final @Nullable XRayAnnotationPromoter annotations;

	private final @Nullable ExportStatistics export;

	private final @Nullable SpanProcessorTelemetry telemetry;

	private final @Nullable JdbcStatistics jdbc;

	private final @Nullable XRayCost cost;

	/**
	 * Creates a binder for the sampling and annotation meters only.
	 * @param sampling the sampler's counts, or {@code null} without the X-Ray sampler
	 * @param annotations the promoter's counts, or {@code null} without it
	 */
	public XRayMeters(@Nullable SamplingStatistics sampling, @Nullable XRayAnnotationPromoter annotations) {
		this(sampling, annotations, null, null, null, null);
	}

	/**
	 * Creates a new binder.
	 * @param sampling the sampler's counts, or {@code null} without the X-Ray sampler
	 * @param annotations the promoter's counts, or {@code null} without it
	 * @param export the exporters' counts, or {@code null}
	 * @param telemetry the batch span processor's drops, or {@code null} when unknown
	 * @param jdbc the SQL counts, or {@code null} without a traced DataSource
	 * @param cost the cost projection, or {@code null}
	 */
	public XRayMeters(@Nullable SamplingStatistics sampling, @Nullable XRayAnnotationPromoter annotations,
			@Nullable ExportStatistics export, @Nullable SpanProcessorTelemetry telemetry,
			@Nullable JdbcStatistics jdbc, @Nullable XRayCost cost) {
		this.sampling = sampling;
		this.annotations = annotations;
		this.export = export;
		this.telemetry = telemetry;
		this.jdbc = jdbc;
		this.cost = cost;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.sampling != null) {
			bindSampling(this.sampling, registry);
		}
		if (this.annotations != null) {
			bindAnnotations(this.annotations, registry);
		}
		if (this.export != null) {
			bindExport(this.export, registry);
		}
		if (this.telemetry != null) {
			FunctionCounter.builder("xray.spans.dropped", this.telemetry, SpanProcessorTelemetry::dropped)
				.description("Spans dropped because the batch span processor's queue was full")
				.register(registry);
		}
		if (this.jdbc != null) {
			bindJdbc(this.jdbc, registry);
		}
		if (this.cost != null) {
			Gauge.builder("xray.cost.projected.monthly", this.cost, XRayCost::projectedMonthlyUsd)
				.description("Projected monthly X-Ray bill of this process at the 15-minute rate of traces recorded, "
						+ "free tier taken off")
				.baseUnit("USD")
				.register(registry);
		}
	}

	private static void bindSampling(SamplingStatistics statistics, MeterRegistry registry) {
		statistics.forEachRule((counters) -> {
			for (RuleDecision decision : RuleDecision.values()) {
				FunctionCounter.builder("xray.sampling.decisions", counters, (rule) -> rule.count(decision))
					.description("Sampling decisions of new local traces, by rule")
					.tag("rule", counters.getRuleName())
					.tag("decision", decision.tag())
					.register(registry);
			}
		});
	}

	private static void bindAnnotations(XRayAnnotationPromoter promoter, MeterRegistry registry) {
		FunctionCounter.builder("xray.annotations.promoted", promoter, XRayAnnotationPromoter::getPromoted)
			.description("Annotations that left the process, counted once per span")
			.register(registry);
		FunctionCounter.builder("xray.annotations.dropped", promoter, XRayAnnotationPromoter::getDropped)
			.description("Annotations dropped because their trace already had 50 keys")
			.register(registry);
	}

	private static void bindExport(ExportStatistics statistics, MeterRegistry registry) {
		FunctionCounter.builder("xray.spans.exported", statistics, ExportStatistics::getExported)
			.description("Spans handed to the exporters, by outcome")
			.tag("outcome", "success")
			.register(registry);
		FunctionCounter.builder("xray.spans.exported", statistics, ExportStatistics::getFailed)
			.description("Spans handed to the exporters, by outcome")
			.tag("outcome", "failure")
			.register(registry);
	}

	private static void bindJdbc(JdbcStatistics statistics, MeterRegistry registry) {
		FunctionCounter.builder("xray.jdbc.statements", statistics, JdbcStatistics::statements)
			.description("SQL statements recorded as subsegments; kind=slow: those over the slow-query threshold")
			.tag("kind", "all")
			.register(registry);
		FunctionCounter.builder("xray.jdbc.statements", statistics, JdbcStatistics::slow)
			.description("SQL statements recorded as subsegments; kind=slow: those over the slow-query threshold")
			.tag("kind", "slow")
			.register(registry);
	}

}
