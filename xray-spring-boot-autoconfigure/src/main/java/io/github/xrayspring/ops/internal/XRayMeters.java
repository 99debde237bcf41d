package io.github.xrayspring.ops.internal;

import io.github.xrayspring.export.internal.ExportStatistics;
import io.github.xrayspring.export.internal.XRayAnnotationPromoter;
import io.github.xrayspring.sampling.internal.RuleDecision;
import io.github.xrayspring.sampling.internal.SamplingStatistics;
import io.micrometer.core.instrument.FunctionCounter;
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

	/**
	 * Creates a new binder.
	 * @param sampling the sampler's counts, or {@code null} without the X-Ray sampler
	 * @param annotations the promoter's counts, or {@code null} without it
	 */
	public XRayMeters(@Nullable SamplingStatistics sampling, @Nullable XRayAnnotationPromoter annotations) {
		this(sampling, annotations, null);
	}

	/**
	 * Creates a new binder.
	 * @param sampling the sampler's counts, or {@code null} without the X-Ray sampler
	 * @param annotations the promoter's counts, or {@code null} without it
	 * @param export the exporter's counts, or {@code null} without them
	 */
	public XRayMeters(@Nullable SamplingStatistics sampling, @Nullable XRayAnnotationPromoter annotations,
			@Nullable ExportStatistics export) {
		this.sampling = sampling;
		this.annotations = annotations;
		this.export = export;
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
	}

	private static void bindExport(ExportStatistics statistics, MeterRegistry registry) {
		FunctionCounter.builder("xray.spans.exported", statistics, ExportStatistics::getExported)
			.description("Spans the exporter delivered")
			.register(registry);
		FunctionCounter.builder("xray.spans.dropped", statistics, ExportStatistics::getDropped)
			.description("Spans lost: export failed (collector down, slow or refusing) or the export queue was full")
			.register(registry);
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

}
