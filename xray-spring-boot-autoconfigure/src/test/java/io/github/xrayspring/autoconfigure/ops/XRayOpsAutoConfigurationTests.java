package io.github.xrayspring.autoconfigure.ops;

import io.github.xrayspring.autoconfigure.export.XRayExportAutoConfiguration;
import io.github.xrayspring.autoconfigure.sampling.XRaySamplingAutoConfiguration;
import io.github.xrayspring.ops.internal.XRayMeters;
import io.github.xrayspring.sampling.internal.XRaySampler;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayOpsAutoConfiguration}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayOpsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, XRaySamplingAutoConfiguration.class,
				XRayExportAutoConfiguration.class, XRayOpsAutoConfiguration.class));

	@Test
	void metersCoverEveryFeatureThatCounts() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(XRayMeters.class);
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(XRayMeters.class).bindTo(registry);
			assertThat(registry.find("xray.annotations.promoted").functionCounter()).isNotNull();
		});
	}

	@Test
	void metersSkipFeaturesThatAreOff() {
		this.contextRunner.withPropertyValues("xray.sampling.enabled=false").run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(XRayMeters.class).bindTo(registry);
			assertThat(registry.find("xray.sampling.decisions").meters()).isEmpty();
			assertThat(registry.find("xray.annotations.promoted").functionCounter()).isNotNull();
		});
	}

	@Test
	void noMetersWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(XRaySampler.class).doesNotHaveBean(XRayMeters.class));
	}

	@Test
	void doesNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("xray.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(XRayMeters.class));
	}

}
