package io.github.xrayspring.sampling.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ImplicitContextKeyed;
import org.jspecify.annotations.Nullable;

/**
 * The facts about an incoming request that sampling rules match, carried in the
 * OpenTelemetry {@link Context} because the server span has no attributes yet when the
 * sampler is asked.
 *
 * @param method the HTTP method
 * @param host the host the request was sent to, without port
 * @param path the URL path without the query string, as sent
 * @param actuator whether the request is for an actuator endpoint
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public record SamplingRequest(@Nullable String method, @Nullable String host, @Nullable String path,
		boolean actuator) implements ImplicitContextKeyed {

	private static final ContextKey<SamplingRequest> KEY = ContextKey.named("xray-sampling-request");

	/**
	 * Returns the request facts stored in a context.
	 * @param context the context
	 * @return the facts or {@code null}
	 */
	public static @Nullable SamplingRequest fromContext(Context context) {
		return context.get(KEY);
	}

	@Override
	public Context storeInContext(Context context) {
		return context.with(KEY, this);
	}

}
