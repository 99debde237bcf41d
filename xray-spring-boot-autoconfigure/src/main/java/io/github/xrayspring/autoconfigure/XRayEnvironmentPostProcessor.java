package io.github.xrayspring.autoconfigure;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets Spring Boot defaults the starter relies on, each only where the user set nothing:
 * the OTLP trace endpoint of a local collector for the {@code otlp} exporter, and OTLP
 * metrics export off (Spring Boot's OpenTelemetry starter would otherwise push metrics to
 * {@code localhost:4318}). With the {@code logging} and {@code none} exporters, Spring
 * Boot's OTLP span exporter is switched off whatever else is set, so nothing leaves over
 * OTLP.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRayEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DEFAULTS_SOURCE = "xrayDefaults";

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
		String exporter = environment.getProperty("xray.exporter.type", "otlp").trim().toLowerCase(Locale.ROOT);
		if (exporter.equals("otlp")) {
			boolean grpc = "grpc".equalsIgnoreCase(environment.getProperty(OTLP_TRACING + "transport"));
			defaults.put(OTLP_TRACING + "endpoint", grpc ? "http://localhost:4317" : "http://localhost:4318/v1/traces");
		}
		else if (exporter.equals("logging") || exporter.equals("none")) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource(OVERRIDES_SOURCE,
						Map.of("management.tracing.export.otlp.enabled", "false")));
		}
		environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, defaults));
	}

}
