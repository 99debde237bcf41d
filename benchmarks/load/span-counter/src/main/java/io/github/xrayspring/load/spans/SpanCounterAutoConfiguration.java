package io.github.xrayspring.load.spans;

import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Adds a {@link SpanProcessor} that counts ended spans beside the exporting one, so the
 * run compares the spans made with the spans the sink received.
 */
@AutoConfiguration
@ConditionalOnClass(SpanProcessor.class)
public final class SpanCounterAutoConfiguration {

	@Bean
	EndedSpanCounter loadEndedSpanCounter() {
		return new EndedSpanCounter();
	}

}
