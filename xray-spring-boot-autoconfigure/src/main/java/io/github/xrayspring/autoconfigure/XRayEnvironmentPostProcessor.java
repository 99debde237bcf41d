package io.github.xrayspring.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import io.github.xrayspring.autoconfigure.XRayProperties.ExporterType;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets Spring Boot defaults the starter relies on, each only where the user set nothing:
 * the OTLP trace endpoint of a local collector for the {@code otlp} exporter, a span
 * queue of 8,192 for the batch span processor (Boot's is 2,048), and OTLP metrics export
 * off (Spring Boot's OpenTelemetry starter would otherwise push metrics to
 * {@code localhost:4318}). With the {@code logging} and {@code none} exporters, Spring
 * Boot's OTLP span exporter is switched off whatever else is set, so nothing leaves over
 * OTLP.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRayEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DEFAULTS_SOURCE = "xrayDefaults";

	static final String DEFAULT_MAX_QUEUE_SIZE = "8192";

	static final String OVERRIDES_SOURCE = "xrayOverrides";

	private static final String OTLP_TRACING = "management.opentelemetry.tracing.export.otlp.";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("xray.enabled", Boolean.class, true)) {
			return;
		}
		Map<String, Object> defaults = new HashMap<>();
		defaults.put("management.otlp.metrics.export.enabled", "false");
		// a span per statement makes bursts of several spans per request; Boot's 2,048
		// would drop them while the exporter catches up
		defaults.put("management.opentelemetry.tracing.export.max-queue-size", DEFAULT_MAX_QUEUE_SIZE);
		ExporterType exporter = exporterType(environment);
		if (exporter.usesBootOtlpExporter()) {
			boolean grpc = "grpc".equalsIgnoreCase(environment.getProperty(OTLP_TRACING + "transport"));
			defaults.put(OTLP_TRACING + "endpoint", grpc ? "http://localhost:4317" : "http://localhost:4318/v1/traces");
		}
		else {
			environment.getPropertySources()
				.addFirst(new MapPropertySource(OVERRIDES_SOURCE,
						Map.of("management.tracing.export.otlp.enabled", "false")));
		}
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, defaults));
	}

	// a value that does not bind is left to the binding of XRayProperties, which fails
	// startup naming the property
	private static ExporterType exporterType(ConfigurableEnvironment environment) {
		try {
			return Binder.get(environment).bind("xray.exporter.type", ExporterType.class).orElse(ExporterType.OTLP);
		}
		catch (BindException ex) {
			return ExporterType.OTLP;
		}
	}

}
