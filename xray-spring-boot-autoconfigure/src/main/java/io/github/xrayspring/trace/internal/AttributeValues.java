package io.github.xrayspring.trace.internal;

import java.math.BigDecimal;
import java.math.BigInteger;

import io.opentelemetry.api.common.AttributeKey;
import org.jspecify.annotations.Nullable;

/**
 * The one conversion of application values into span attribute values, shared by
 * annotations ({@code @XRayAnnotate}, {@code XRay.annotate}) and metadata
 * ({@code XRay.metadata}), so that a value is typed the same way wherever it is recorded.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class AttributeValues {

	private AttributeValues() {
	}

	/**
	 * Returns a value as the scalar X-Ray stores: {@link CharSequence} as its
	 * {@link String}; {@code Integer}, {@code Long}, {@code Short}, {@code Byte} and a
	 * {@link BigInteger} that fits as {@link Long}; {@code Float}, {@code Double} and
	 * {@link BigDecimal} as {@link Double} (X-Ray compares numbers, not decimal texts); a
	 * larger {@code BigInteger} as its decimal {@link String}; {@link Boolean} as is; an
	 * enum constant as its {@link Enum#name() name}.
	 * @param value the value
	 * @return a {@code String}, {@code Long}, {@code Double} or {@code Boolean}, or
	 * {@code null} when the value is not a scalar (the caller decides how to write it)
	 */
	public static @Nullable Object scalar(Object value) {
		if (value instanceof CharSequence text) {
			return text.toString();
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof BigInteger number) {
			return (number.bitLength() < Long.SIZE) ? (Object) number.longValue() : number.toString();
		}
		if (value instanceof Float || value instanceof Double || value instanceof BigDecimal) {
			return ((Number) value).doubleValue();
		}
		if (value instanceof Boolean) {
			return value;
		}
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		return null;
	}

	/**
	 * Returns the attribute key under which a scalar is recorded.
	 * @param name the key's name
	 * @param scalar a {@code String}, {@code Long}, {@code Double} or {@code Boolean}, as
	 * {@link #scalar(Object)} returns it
	 * @return the typed key, usable with the value as it is
	 */
	@SuppressWarnings("unchecked")
	public static AttributeKey<Object> key(String name, Object scalar) {
		AttributeKey<?> key;
		if (scalar instanceof Long) {
			key = AttributeKey.longKey(name);
		}
		else if (scalar instanceof Double) {
			key = AttributeKey.doubleKey(name);
		}
		else if (scalar instanceof Boolean) {
			key = AttributeKey.booleanKey(name);
		}
		else {
			key = AttributeKey.stringKey(name);
		}
		return (AttributeKey<Object>) key;
	}

}
