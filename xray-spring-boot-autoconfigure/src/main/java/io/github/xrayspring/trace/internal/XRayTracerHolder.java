package io.github.xrayspring.trace.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Hands the application's OpenTelemetry tracer to the static {@code XRay} helpers. Spring
 * Boot keeps {@link OpenTelemetry} as a bean and does not register it globally, so the
 * auto-configuration creates one holder bean that publishes the tracer once all
 * singletons exist and withdraws it when the context closes. Until then (and without a
 * Spring context) {@link #tracer()} returns {@code null} and the helpers just run the
 * caller's work.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRayTracerHolder implements SmartInitializingSingleton, DisposableBean {

	/**
	 * Instrumentation scope name of the spans the {@code XRay} helpers start.
	 */
	public static final String SCOPE_NAME = "io.github.xrayspring";

	private static volatile @Nullable Tracer current;

	private final ObjectProvider<OpenTelemetry> openTelemetry;

	private volatile @Nullable Tracer published;

	/**
	 * Creates a holder that publishes the tracer of the given OpenTelemetry instance.
	 * @param openTelemetry the application's OpenTelemetry, resolved when all singletons
	 * exist
	 */
	public XRayTracerHolder(ObjectProvider<OpenTelemetry> openTelemetry) {
		this.openTelemetry = openTelemetry;
	}

	/**
	 * Returns the published tracer.
	 * @return the tracer, or {@code null} before a context published one
	 */
	public static @Nullable Tracer tracer() {
		return current;
	}

	/**
	 * Publishes a tracer; the last one published wins. Meant for tests and for code that
	 * runs without a Spring context.
	 * @param tracer the tracer, or {@code null} to withdraw it
	 */
	public static void setTracer(@Nullable Tracer tracer) {
		current = tracer;
	}

	@Override
	public void afterSingletonsInstantiated() {
		OpenTelemetry otel = this.openTelemetry.getIfAvailable();
		if (otel != null) {
			Tracer tracer = otel.getTracer(SCOPE_NAME);
			this.published = tracer;
			current = tracer;
		}
	}

	@Override
	public void destroy() {
		// withdraw only our own tracer: another context in the same JVM may have
		// published a newer one
		synchronized (XRayTracerHolder.class) {
			if (current == this.published) {
				current = null;
			}
		}
	}

}
