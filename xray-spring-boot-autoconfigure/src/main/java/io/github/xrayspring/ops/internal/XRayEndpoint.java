package io.github.xrayspring.ops.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.xrayspring.export.internal.ExportStatistics;
import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.github.xrayspring.export.internal.SpanProcessorTelemetry;
import io.github.xrayspring.export.internal.XRayAnnotationPromoter;
import io.github.xrayspring.jdbc.internal.JdbcStatistics;
import io.github.xrayspring.sampling.internal.SamplingStatistics;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeTypeUtils;

/**
 * The {@code xray} actuator endpoint: what tracing does and costs. {@code /actuator/xray}
 * shows the configuration, sampling, exporter, annotation, SQL and cost counters;
 * {@code /actuator/xray/{member}} one of them; {@code /actuator/xray/traces} the traces
 * kept by the local preview (filtered by {@code ?filter=} in X-Ray filter-expression
 * syntax, see {@link TraceFilter}) and {@code /actuator/xray/traces/{traceId}} one
 * trace's segment documents exactly as the preview printed them. Read-only.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@Endpoint(id = "xray")
public class XRayEndpoint {

	private static final String TRACES = "traces";

	private final Sources sources;

	/**
	 * Creates the endpoint.
	 * @param sources the counters to show; a feature that is off is {@code null}
	 */
	public XRayEndpoint(Sources sources) {
		this.sources = sources;
	}

	/**
	 * Returns every member.
	 * @param securityContext the caller, for the configuration's masking
	 * @return the report
	 */
	@ReadOperation
	public Report report(SecurityContext securityContext) {
		return new Report(configuration(securityContext), sampling(), exporter(), annotations(), jdbc(),
				this.sources.cost().projection(), preview());
	}

	/**
	 * Returns one member of the report, or the list of kept traces.
	 * @param member {@code traces} or the name of a report member
	 * @param filter for {@code traces}: an X-Ray filter expression, or {@code null}
	 * @param securityContext the caller
	 * @return the member, or {@code null} (404) for an unknown one
	 */
	@ReadOperation
	public @Nullable Object member(@Selector String member, @Nullable String filter, SecurityContext securityContext) {
		return switch (member) {
			case TRACES -> traces(filter);
			case "configuration" -> configuration(securityContext);
			case "sampling" -> sampling();
			case "exporter" -> exporter();
			case "annotations" -> annotations();
			case "jdbc" -> jdbc();
			case "cost" -> this.sources.cost().projection();
			case "preview" -> preview();
			default -> null;
		};
	}

	/**
	 * Returns the segment documents of a kept trace as a JSON array, each document
	 * exactly as the preview printed it.
	 * @param member {@code traces}
	 * @param traceId the X-Ray trace ID (or the 32-hex-digit OpenTelemetry one)
	 * @return the documents, or {@code null} (404) for a trace that is not kept
	 */
	@ReadOperation
	public @Nullable WebEndpointResponse<String> trace(@Selector String member, @Selector String traceId) {
		LoggingSpanExporter preview = this.sources.preview();
		if (!TRACES.equals(member) || preview == null) {
			return null;
		}
		List<String> documents = preview.documents(traceId);
		if (documents.isEmpty()) {
			return null;
		}
		String array = "[" + String.join(",\n", documents) + "]";
		return new WebEndpointResponse<>(array, WebEndpointResponse.STATUS_OK, MimeTypeUtils.APPLICATION_JSON);
	}

	private @Nullable Map<String, @Nullable Object> configuration(SecurityContext securityContext) {
		XRayConfigurationReport configuration = this.sources.configuration();
		return (configuration != null) ? configuration.describe(securityContext) : null;
	}

	private @Nullable Sampling sampling() {
		SamplingStatistics statistics = this.sources.sampling();
		if (statistics == null) {
			return null;
		}
		SamplingStatistics.Snapshot snapshot = statistics.snapshot();
		return new Sampling(snapshot.rules(), new Ceiling(this.sources.maxTracesPerSecond(), snapshot.ceilingHits()),
				snapshot.parentSampled(), snapshot.parentNotSampled(), snapshot.actuatorNotSampled(),
				snapshot.remote());
	}

	private Exporter exporter() {
		ExportStatistics statistics = this.sources.export();
		SpanProcessorTelemetry telemetry = this.sources.telemetry();
		return new Exporter(this.sources.exporterType(), this.sources.exporterEndpoint(), statistics.getExported(),
				statistics.getFailed(), (telemetry != null) ? telemetry.dropped() : null,
				(telemetry != null) ? telemetry.queueSize() : null, this.sources.queueCapacity(),
				statistics.getBytesExported(), statistics.getLastError());
	}

	private @Nullable Annotations annotations() {
		XRayAnnotationPromoter promoter = this.sources.annotations();
		return (promoter != null)
				? new Annotations(promoter.getPromoted(), promoter.getDropped(), promoter.getDroppedKeys()) : null;
	}

	private @Nullable Jdbc jdbc() {
		JdbcStatistics statistics = this.sources.jdbc();
		return (statistics != null) ? new Jdbc(statistics.statements(), statistics.slow(), statistics.nPlusOne())
				: null;
	}

	private Preview preview() {
		LoggingSpanExporter preview = this.sources.preview();
		if (preview == null) {
			return new Preview(false, 0, 0, null, null);
		}
		return new Preview(true, preview.recentTraceIds().size(), preview.retainedBytes(), preview.getMaxTraces(),
				preview.getMaxBytes());
	}

	private Traces traces(@Nullable String filter) {
		LoggingSpanExporter preview = this.sources.preview();
		TraceFilter traceFilter = null;
		if (filter != null && !filter.isBlank()) {
			try {
				traceFilter = TraceFilter.parse(filter);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
			}
		}
		if (preview == null) {
			return new Traces(false, 0, List.of());
		}
		List<LoggingSpanExporter.Trace> kept = preview.recentTraces();
		List<TraceFacts.Summary> summaries = new ArrayList<>();
		for (LoggingSpanExporter.Trace trace : kept) {
			TraceFacts facts = TraceFacts.of(trace.traceId(), trace.documents());
			if (traceFilter == null || traceFilter.test(facts)) {
				summaries.add(facts.summary());
			}
		}
		return new Traces(true, kept.size(), summaries);
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param configuration the effective configuration, as {@code configprops} shows it
	 * @param exporterType the {@code xray.exporter.type}, lower case
	 * @param exporterEndpoint where spans go, without user info or query
	 * @param queueCapacity the batch span processor's maximum queue size
	 * @param maxTracesPerSecond the ceiling, if set
	 * @param sampling the sampler's counts, without the X-Ray sampler {@code null}
	 * @param export the exporters' counts
	 * @param telemetry the batch span processor's drops and queue size, or {@code null}
	 * when another {@code MeterProvider} bean receives them
	 * @param annotations the promoter's counts
	 * @param jdbc the SQL counts, without a traced DataSource {@code null}
	 * @param cost the cost projection
	 * @param preview the local preview, or {@code null} when off
	 */
	public record Sources(@Nullable XRayConfigurationReport configuration, String exporterType,
			@Nullable String exporterEndpoint, @Nullable Integer queueCapacity, @Nullable Integer maxTracesPerSecond,
			@Nullable SamplingStatistics sampling, ExportStatistics export, @Nullable SpanProcessorTelemetry telemetry,
			@Nullable XRayAnnotationPromoter annotations, @Nullable JdbcStatistics jdbc, XRayCost cost,
			@Nullable LoggingSpanExporter preview) {

	}

	/**
	 * The whole report.
	 *
	 * @param configuration the effective {@code xray.*} configuration
	 * @param sampling the sampler, {@code null} without the X-Ray sampler
	 * @param exporter the exporter
	 * @param annotations the annotations
	 * @param jdbc the SQL statements, {@code null} without a traced DataSource
	 * @param cost the projected bill
	 * @param preview the local preview's buffer
	 */
	public record Report(@Nullable Map<String, @Nullable Object> configuration, @Nullable Sampling sampling,
			Exporter exporter, @Nullable Annotations annotations, @Nullable Jdbc jdbc, XRayCost.Projection cost,
			Preview preview) {

	}

	/**
	 * The sampler's counts since startup.
	 *
	 * @param rules the rules in use with their decisions
	 * @param ceiling the traces-per-second ceiling and how often it refused a trace
	 * @param parentSampled new local traces that followed an incoming sampled header
	 * @param parentNotSampled new local traces that followed an incoming unsampled header
	 * @param actuatorNotSampled actuator requests not sampled
	 * @param remote the state of centralized rules
	 */
	public record Sampling(List<SamplingStatistics.Rule> rules, Ceiling ceiling, long parentSampled,
			long parentNotSampled, long actuatorNotSampled, SamplingStatistics.Remote remote) {

	}

	/**
	 * The ceiling.
	 *
	 * @param maxTracesPerSecond {@code xray.sampling.max-traces-per-second}, or
	 * {@code null} if not set
	 * @param hits traces refused because the second's budget was spent
	 */
	public record Ceiling(@Nullable Integer maxTracesPerSecond, long hits) {

	}

	/**
	 * The exporter's counts since startup.
	 *
	 * @param type the exporter type
	 * @param endpoint where spans go, if known
	 * @param exported spans the exporters accepted
	 * @param failed spans an exporter failed to send
	 * @param dropped spans dropped because the batch span processor's queue was full, or
	 * {@code null} if unknown
	 * @param queueSize spans waiting to be exported, or {@code null} if unknown
	 * @param queueCapacity the most spans that can wait
	 * @param bytesExported estimated bytes of the spans exported
	 * @param lastError the last failed export, if any
	 */
	public record Exporter(String type, @Nullable String endpoint, long exported, long failed, @Nullable Long dropped,
			@Nullable Long queueSize, @Nullable Integer queueCapacity, long bytesExported,
			ExportStatistics.@Nullable LastError lastError) {

	}

	/**
	 * The annotations' counts since startup.
	 *
	 * @param promoted annotations that left the process
	 * @param dropped annotations dropped beyond X-Ray's 50 keys per trace
	 * @param droppedKeys the keys dropped (the first 1,000)
	 */
	public record Annotations(long promoted, long dropped, List<String> droppedKeys) {

	}

	/**
	 * The SQL counts since startup.
	 *
	 * @param statements statements recorded as subsegments
	 * @param slow statements annotated {@code sql_slow}
	 * @param nPlusOne requests annotated {@code sql_n_plus_one}
	 */
	public record Jdbc(long statements, long slow, long nPlusOne) {

	}

	/**
	 * The local preview's buffer.
	 *
	 * @param enabled whether the preview keeps documents
	 * @param traces traces kept
	 * @param bytes bytes of documents kept
	 * @param maxTraces the most traces kept
	 * @param maxBytes the most bytes kept
	 */
	public record Preview(boolean enabled, int traces, long bytes, @Nullable Integer maxTraces,
			@Nullable Long maxBytes) {

	}

	/**
	 * The kept traces.
	 *
	 * @param enabled whether the preview keeps documents (set
	 * {@code xray.preview.enabled=true} or {@code xray.exporter.type=logging})
	 * @param kept traces kept in all
	 * @param traces the traces that match the filter, most recent first
	 */
	public record Traces(boolean enabled, int kept, List<TraceFacts.Summary> traces) {

	}

}
