package io.github.xrayspring.export.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * A finished span as it leaves the process: the original with other attributes and,
 * optionally, another parent.
 *
 * @author xray-spring-boot-starter team
 */
final class ModifiedSpanData extends DelegatingSpanData {

	private final SpanData original;

	private final SpanContext parent;

	private final Attributes attributes;

	private ModifiedSpanData(SpanData original, SpanContext parent, Attributes attributes) {
		super(original);
		this.original = original;
		this.parent = parent;
		this.attributes = attributes;
	}

	/**
	 * Returns a span with other attributes and parent.
	 * @param span the span, possibly already modified
	 * @param parent the parent
	 * @param attributes the attributes
	 * @return the modified span, which never wraps another modified span
	 */
	static SpanData of(SpanData span, SpanContext parent, Attributes attributes) {
		SpanData original = (span instanceof ModifiedSpanData modified) ? modified.original : span;
		return new ModifiedSpanData(original, parent, attributes);
	}

	/**
	 * Returns a span with other attributes.
	 * @param span the span, possibly already modified
	 * @param attributes the attributes
	 * @return the modified span
	 */
	static SpanData of(SpanData span, Attributes attributes) {
		return of(span, span.getParentSpanContext(), attributes);
	}

	/**
	 * Returns the span as it was finished.
	 * @return the original span
	 */
	SpanData original() {
		return this.original;
	}

	@Override
	public SpanContext getParentSpanContext() {
		return this.parent;
	}

	@Override
	public String getParentSpanId() {
		return this.parent.getSpanId();
	}

	@Override
	public Attributes getAttributes() {
		return this.attributes;
	}

	@Override
	public int getTotalAttributeCount() {
		return Math.max(super.getTotalAttributeCount(), this.attributes.size());
	}

}
