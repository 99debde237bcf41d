package io.github.xrayspring.export.internal;

import java.time.Duration;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

/**
 * Keeps {@code forceFlush} exact with a {@link PipeliningSpanExporter}: the SDK's batch
 * processor completes a flush once it has handed its last batch to the exporter, which
 * with overlapping exports may still be on the wire. Registered as one more span
 * processor (it does nothing per span), it completes the tracer provider's flush only
 * after the batch processor's flush and then the exports still in flight.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class PipelineFlush implements SpanProcessor {

	private volatile @Nullable SpanProcessor batchProcessor;

	private volatile @Nullable PipeliningSpanExporter exporter;

	/**
	 * Wraps the exporter of the batch processor in the pipeline this flush waits for.
	 * @param delegate the exporter
	 * @param maxInFlight the most exports that run at once
	 * @param timeout how long an export waits for a free slot
	 * @return the exporter to hand to the batch processor
	 */
	public SpanExporter pipeline(SpanExporter delegate, int maxInFlight, Duration timeout) {
		PipeliningSpanExporter exporter = new PipeliningSpanExporter(delegate, maxInFlight, timeout);
		this.exporter = exporter;
		return exporter;
	}

	/**
	 * Sets the batch processor whose flush comes first.
	 * @param batchProcessor the batch processor built on {@link #pipeline}'s exporter
	 */
	public void flushAfter(SpanProcessor batchProcessor) {
		this.batchProcessor = batchProcessor;
	}

	@Override
	public CompletableResultCode forceFlush() {
		SpanProcessor batchProcessor = this.batchProcessor;
		PipeliningSpanExporter exporter = this.exporter;
		if (batchProcessor == null || exporter == null) {
			return CompletableResultCode.ofSuccess();
		}
		return PipeliningSpanExporter.andThen(batchProcessor.forceFlush(), exporter::flush);
	}

	// the batch processor's own shutdown waits for the exports in flight; the default
	// would flush an already shut-down processor
	@Override
	public CompletableResultCode shutdown() {
		this.batchProcessor = null;
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

}
