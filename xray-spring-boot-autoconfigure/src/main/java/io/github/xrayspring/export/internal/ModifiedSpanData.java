package io.github.xrayspring.export.internal;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * A finished span as it leaves the process: the original with other attributes and,
 * optionally, another parent, other events and another status.
 *
 * @author xray-spring-boot-starter team
 */
final class ModifiedSpanData extends DelegatingSpanData {

	private final SpanData original;

	private final SpanContext parent;

	private final Attributes attributes;

	private final List<EventData> events;

	private final StatusData status;

	private ModifiedSpanData(SpanData original, SpanContext parent, Attributes attributes, List<EventData> events,
			StatusData status) {
		super(original);
		this.original = original;
		this.parent = parent;
		this.attributes = attributes;
		this.events = events;
		this.status = status;
	}

	/**
	 * Returns a span with other attributes and parent.
	 * @param span the span, possibly already modified
	 * @param parent the parent
	 * @param attributes the attributes
	 * @return the modified span, which never wraps another modified span
	 */
	static SpanData of(SpanData span, SpanContext parent, Attributes attributes) {
		return of(span, parent, attributes, span.getEvents(), span.getStatus());
	}

	/**
	 * Returns a span with other attributes, parent, events and status.
	 * @param span the span, possibly already modified
	 * @param parent the parent
	 * @param attributes the attributes
	 * @param events the events
	 * @param status the status
	 * @return the modified span, which never wraps another modified span
	 */
	static SpanData of(SpanData span, SpanContext parent, Attributes attributes, List<EventData> events,
			StatusData status) {
		SpanData original = (span instanceof ModifiedSpanData modified) ? modified.original : span;
		return new ModifiedSpanData(original, parent, attributes, events, status);
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
	public List<EventData> getEvents() {
		return this.events;
	}

	@Override
	public StatusData getStatus() {
		return this.status;
	}

	@Override
	public int getTotalAttributeCount() {
		return Math.max(super.getTotalAttributeCount(), this.attributes.size());
	}

}
