package io.github.xrayspring.trace.internal;

import java.util.Map;

import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

/**
 * Reads headers from a map in tests.
 *
 * @author xray-spring-boot-starter team
 */
public enum MapTextMapGetter implements TextMapGetter<Map<String, String>> {

	/**
	 * The getter.
	 */
	INSTANCE;

	@Override
	public Iterable<String> keys(Map<String, String> carrier) {
		return carrier.keySet();
	}

	@Override
	public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
		return (carrier != null) ? carrier.get(key) : null;
	}

}
