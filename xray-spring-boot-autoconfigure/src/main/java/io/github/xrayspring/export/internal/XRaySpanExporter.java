package io.github.xrayspring.export.internal;

import io.github.xrayspring.trace.internal.XRayPropagator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * Decorates the span exporters so that every span leaves the process X-Ray ready: numeric
 * semantic-convention attributes that arrive as strings through Micrometer are typed (the
 * collector reads {@code http.response.status_code} only as an integer), and the
 * placeholder parent of a header without {@code Parent} is removed. The
 * {@link XRayAnnotationPromoter} then decides which attributes leave as annotations.
 * <p>
 * Working on {@link SpanData} at export time keeps the request thread free of this work
 * and relies only on stable SDK API.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRaySpanExporter implements SpanExporter {

	private static final List<String> NUMERIC_KEYS = List.of("http.response.status_code", "server.port", "client.port");

	private final SpanExporter delegate;

	private final XRayAnnotationPromoter promoter;

	private final @Nullable ExportStatistics statistics;

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
		this.delegate = delegate;
		this.promoter = promoter;
		this.statistics = statistics;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		List<SpanData> prepared = new ArrayList<>(spans.size());
		int traceRoots = 0;
		for (SpanData span : spans) {
			SpanData ready = this.promoter.promote(prepare(span));
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

	static SpanData prepare(SpanData span) {
		SpanContext parent = span.getParentSpanContext();
		boolean placeholderParent = XRayPropagator.isPlaceholderParent(parent);
		Attributes attributes = span.getAttributes();
		Attributes typed = typeNumericAttributes(attributes);
		if (!placeholderParent && typed == attributes) {
			return span;
		}
		return ModifiedSpanData.of(span, placeholderParent ? SpanContext.getInvalid() : parent, typed);
	}

	private static Attributes typeNumericAttributes(Attributes attributes) {
		AttributesBuilder builder = null;
		for (String key : NUMERIC_KEYS) {
			String text = attributes.get(AttributeKey.stringKey(key));
			Long number = (text != null) ? parseLong(text) : null;
			if (number != null) {
				if (builder == null) {
					builder = attributes.toBuilder();
				}
				builder.removeIf((candidate) -> candidate.getKey().equals(key));
				builder.put(AttributeKey.longKey(key), number);
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
