package io.github.xrayspring.export.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.github.xrayspring.trace.internal.SpanAttributes;
import io.github.xrayspring.trace.internal.XRayPropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * Decorates the span exporters so that every span leaves the process X-Ray ready: numeric
 * semantic-convention attributes that arrive as strings through Micrometer are typed (the
 * collector reads {@code http.response.status_code} only as an integer), and the
 * placeholder parent of a header without {@code Parent} is removed, and exception
 * messages lose the values they quote ({@link ExceptionMessages}) unless told otherwise.
 * The {@link XRayAnnotationPromoter} then decides which attributes leave as annotations.
 * <p>
 * Working on {@link SpanData} at export time keeps the request thread free of this work
 * and relies only on stable SDK API.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRaySpanExporter implements SpanExporter {

	// Micrometer hands these over as strings; the collector reads them only as integers
	private static final List<AttributeKey<String>> NUMERIC_KEYS = List.of(
			AttributeKey.stringKey(SpanAttributes.HTTP_RESPONSE_STATUS_CODE.getKey()),
			AttributeKey.stringKey(SpanAttributes.SERVER_PORT.getKey()),
			AttributeKey.stringKey(SpanAttributes.CLIENT_PORT.getKey()));

	private final SpanExporter delegate;

	private final XRayAnnotationPromoter promoter;

	private final @Nullable ExportStatistics statistics;

	private final boolean sanitizeExceptions;

	/**
	 * Wraps an exporter, applying X-Ray's annotation limits to the listed annotations.
	 * @param delegate where prepared spans go
	 */
	public XRaySpanExporter(SpanExporter delegate) {
		this(delegate, new XRayAnnotationPromoter());
	}

	/**
	 * Wraps an exporter.
	 * @param delegate where prepared spans go
	 * @param promoter decides which attributes leave as annotations
	 */
	public XRaySpanExporter(SpanExporter delegate, XRayAnnotationPromoter promoter) {
		this(delegate, promoter, null);
	}

	/**
	 * Wraps an exporter and counts what it does.
	 * @param delegate where prepared spans go
	 * @param promoter decides which attributes leave as annotations
	 * @param statistics counts exported and failed spans, or {@code null}
	 */
	public XRaySpanExporter(SpanExporter delegate, XRayAnnotationPromoter promoter,
			@Nullable ExportStatistics statistics) {
		this(delegate, promoter, statistics, true);
	}

	/**
	 * Wraps an exporter and counts what it does.
	 * @param delegate where prepared spans go
	 * @param promoter decides which attributes leave as annotations
	 * @param statistics counts exported and failed spans, or {@code null}
	 * @param sanitizeExceptions whether exception messages lose the values they quote
	 * (see {@link ExceptionMessages})
	 */
	public XRaySpanExporter(SpanExporter delegate, XRayAnnotationPromoter promoter,
			@Nullable ExportStatistics statistics, boolean sanitizeExceptions) {
		this.delegate = delegate;
		this.promoter = promoter;
		this.statistics = statistics;
		this.sanitizeExceptions = sanitizeExceptions;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		List<SpanData> prepared = new ArrayList<>(spans.size());
		int traceRoots = 0;
		Resource shared = null;
		for (SpanData span : spans) {
			// one Resource instance for the spans of a batch that share it, so that
			// exporters which group by resource compare by identity first
			Resource own = span.getResource();
			Resource resource = own.equals(shared) ? shared : own;
			shared = resource;
			SpanData ready = prepare(span, own, resource);
			if (this.sanitizeExceptions) {
				ready = ExceptionMessages.sanitize(ready);
			}
			if (!ready.getParentSpanContext().isValid()) {
				traceRoots++;
			}
			prepared.add(ready);
		}
		CompletableResultCode result = this.delegate.export(prepared);
		if (this.statistics != null) {
			this.statistics.record(prepared.size(), SpanSize.of(prepared), traceRoots, result);
		}
		return result;
	}

	// A span that needs no change leaves as it is: the SDK's own spans return the same
	// attributes and resource on every call. Spans that rebuild them on every call (those
	// of Micrometer's CompositeSpanExporter, in front when the application has span
	// filters) come out with new instances, so they are wrapped, and the wrapper reads
	// each once.
	private SpanData prepare(SpanData span, Resource own, Resource resource) {
		SpanContext parent = span.getParentSpanContext();
		SpanContext exportedParent = XRayPropagator.isPlaceholderParent(parent) ? SpanContext.getInvalid() : parent;
		Attributes original = span.getAttributes();
		Attributes attributes = this.promoter.promote(span, typeNumericAttributes(original));
		if (attributes == original && exportedParent == parent && resource == own && own == span.getResource()) {
			return span;
		}
		return ModifiedSpanData.of(span, exportedParent, attributes, resource);
	}

	private static Attributes typeNumericAttributes(Attributes attributes) {
		AttributesBuilder builder = null;
		for (AttributeKey<String> key : NUMERIC_KEYS) {
			String text = attributes.get(key);
			Long number = (text != null) ? parseLong(text) : null;
			if (number != null) {
				if (builder == null) {
					builder = attributes.toBuilder();
				}
				builder.remove(key);
				builder.put(AttributeKey.longKey(key.getKey()), number);
			}
		}
		return (builder != null) ? builder.build() : attributes;
	}

	private static @Nullable Long parseLong(String text) {
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	@Override
	public String toString() {
		return "XRaySpanExporter{" + this.delegate + "}";
	}

}
