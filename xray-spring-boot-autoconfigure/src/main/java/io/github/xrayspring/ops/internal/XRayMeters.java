package io.github.xrayspring.ops.internal;

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

	/**
	 * Creates a new binder.
	 * @param sampling the sampler's counts, or {@code null} without the X-Ray sampler
	 * @param annotations the promoter's counts, or {@code null} without it
	 */
	public XRayMeters(@Nullable SamplingStatistics sampling, @Nullable XRayAnnotationPromoter annotations) {
		this.sampling = sampling;
		this.annotations = annotations;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.sampling != null) {
			bindSampling(this.sampling, registry);
		}
		if (this.annotations != null) {
			bindAnnotations(this.annotations, registry);
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

}
