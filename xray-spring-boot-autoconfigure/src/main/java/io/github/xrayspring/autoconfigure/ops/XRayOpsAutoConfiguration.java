package io.github.xrayspring.autoconfigure.ops;

import io.github.xrayspring.export.internal.ExportStatistics;
import io.github.xrayspring.export.internal.XRayAnnotationPromoter;
import io.github.xrayspring.ops.internal.XRayMeters;
import io.github.xrayspring.sampling.internal.SamplingStatistics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that shows what tracing does and costs: the {@code xray.*} meters
 * over the counters the other features keep. It only reads those counters, so it is
 * ordered after the features that create them.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "io.github.xrayspring.autoconfigure.export.XRayExportAutoConfiguration",
		"io.github.xrayspring.autoconfigure.jdbc.XRayJdbcAutoConfiguration",
		"io.github.xrayspring.autoconfigure.sampling.XRaySamplingAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
public final class XRayOpsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		XRayMeters xrayMeters(ObjectProvider<SamplingStatistics> sampling,
				ObjectProvider<XRayAnnotationPromoter> annotations, ObjectProvider<ExportStatistics> export) {
			return new XRayMeters(sampling.getIfAvailable(), annotations.getIfAvailable(), export.getIfAvailable());
		}

	}

}
