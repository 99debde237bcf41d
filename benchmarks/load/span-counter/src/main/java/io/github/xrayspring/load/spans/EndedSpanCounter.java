package io.github.xrayspring.load.spans;

import java.util.concurrent.atomic.LongAdder;

import io.github.xrayspring.load.LoadStats;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Counts every recorded span that ends and reports the count to {@link LoadStats}.
 */
final class EndedSpanCounter implements SpanProcessor {

	private final LongAdder ended = new LongAdder();

	EndedSpanCounter() {
		LoadStats.spansEnded(this.ended::sum);
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
		// a span the SDK processes only when sampled: the same set the batch processor
		// exports
		if (span.getSpanContext().isSampled()) {
			this.ended.increment();
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

}
