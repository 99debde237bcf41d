package io.github.xrayspring.export.internal;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * A finished span as it leaves the process: the original with other attributes and,
 * optionally, another parent and a shared resource. What exporters read more than once
 * (attributes, their count, resource, events, links) is read from the original once:
 * Micrometer's exporter hands over spans that rebuild these on every call.
 *
 * @author xray-spring-boot-starter team
 */
final class ModifiedSpanData extends DelegatingSpanData {

	private final SpanData original;

	private final SpanContext parent;

	private final Attributes attributes;

	private final int totalAttributeCount;

	private final Resource resource;

	private final List<EventData> events;

	private final List<LinkData> links;

	private ModifiedSpanData(SpanData original, SpanContext parent, Attributes attributes, Resource resource) {
		super(original);
		this.original = original;
		this.parent = parent;
		this.attributes = attributes;
		this.totalAttributeCount = Math.max(original.getTotalAttributeCount(), attributes.size());
		this.resource = resource;
		this.events = original.getEvents();
		this.links = original.getLinks();
	}

	/**
	 * Returns a span with other attributes, parent and resource.
	 * @param span the span, possibly already modified
	 * @param parent the parent
	 * @param attributes the attributes
	 * @param resource the resource (equal to the span's, possibly shared with other
	 * spans)
	 * @return the modified span, which never wraps another modified span
	 */
	static SpanData of(SpanData span, SpanContext parent, Attributes attributes, Resource resource) {
		SpanData original = (span instanceof ModifiedSpanData modified) ? modified.original : span;
		return new ModifiedSpanData(original, parent, attributes, resource);
	}

	/**
	 * Returns a span with other attributes.
	 * @param span the span, possibly already modified
	 * @param attributes the attributes
	 * @return the modified span
	 */
	static SpanData of(SpanData span, Attributes attributes) {
		return of(span, span.getParentSpanContext(), attributes, span.getResource());
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
		return this.totalAttributeCount;
	}

	@Override
	public Resource getResource() {
		return this.resource;
	}

	@Override
	public List<EventData> getEvents() {
		return this.events;
	}

	@Override
	public List<LinkData> getLinks() {
		return this.links;
	}

}
