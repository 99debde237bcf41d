package io.github.xrayspring.export.internal;

import java.util.List;
import java.util.function.BiConsumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

/**
 * Estimates the size of a span as CloudWatch Logs ingests it with Transaction Search on:
 * one OpenTelemetry JSON document per span. The estimate adds the span's own text (name,
 * attribute keys and values, event names and attributes, status) to a fixed overhead for
 * the IDs, timestamps and field names; resource attributes are counted once per span, as
 * every span document repeats them (and measured once per batch). It allocates nothing
 * per span but one counter per batch, and counts characters rather than encoding them.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
final class SpanSize implements BiConsumer<AttributeKey<?>, Object> {

	// trace, span and parent IDs, start and end times, kind, flags, field names and
	// punctuation of an OpenTelemetry JSON span document
	static final int SPAN_OVERHEAD = 330;

	// quotes, colon, comma and the "key"/"value" wrapping of one attribute
	static final int ATTRIBUTE_OVERHEAD = 30;

	// name, timestamp and field names of one event
	static final int EVENT_OVERHEAD = 60;

	private long bytes;

	// the spans of a batch share one resource (XRaySpanExporter makes sure of it), so its
	// size is counted once per batch and added per span
	private @Nullable Resource resource;

	private long resourceBytes;

	/**
	 * Returns the estimated size of the spans.
	 * @param spans finished spans
	 * @return the estimated bytes
	 */
	static long of(List<SpanData> spans) {
		SpanSize size = new SpanSize();
		for (SpanData span : spans) {
			size.add(span);
		}
		return size.bytes;
	}

	private void add(SpanData span) {
		this.bytes += SPAN_OVERHEAD + span.getName().length() + span.getStatus().getDescription().length();
		add(span.getAttributes());
		this.bytes += resourceSize(span.getResource());
		for (EventData event : span.getEvents()) {
			this.bytes += EVENT_OVERHEAD + event.getName().length();
			add(event.getAttributes());
		}
		this.bytes += span.getLinks().size() * (long) SPAN_OVERHEAD / 3;
	}

	private long resourceSize(Resource resource) {
		if (resource != this.resource) {
			long before = this.bytes;
			add(resource.getAttributes());
			this.resourceBytes = this.bytes - before;
			this.bytes = before;
			this.resource = resource;
		}
		return this.resourceBytes;
	}

	private void add(Attributes attributes) {
		attributes.forEach(this);
	}

	@Override
	public void accept(AttributeKey<?> key, Object value) {
		this.bytes += ATTRIBUTE_OVERHEAD + key.getKey().length() + length(value);
	}

	private static int length(Object value) {
		if (value instanceof String text) {
			return text.length();
		}
		if (value instanceof Long number) {
			return digits(number);
		}
		if (value instanceof Boolean bool) {
			return bool ? 4 : 5;
		}
		if (value instanceof List<?> list) {
			int length = 2;
			for (Object element : list) {
				length += length(element) + 3;
			}
			return length;
		}
		// doubles: a typical shortest representation
		return 12;
	}

	private static int digits(long number) {
		if (number == Long.MIN_VALUE) {
			return 20;
		}
		int length = (number < 0) ? 2 : 1;
		long rest = Math.abs(number);
		while (rest >= 10) {
			rest /= 10;
			length++;
		}
		return length;
	}

}
