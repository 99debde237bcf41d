package io.github.xrayspring.awssdk.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Puts the X-Ray trace header of the send call on every SQS message as the
 * {@code AWSTraceHeader} system attribute, which is where X-Ray, Lambda and the SQS
 * consumers that follow X-Ray read it. A header the application set itself is kept.
 * Loaded only for SQS requests.
 *
 * @author xray-spring-boot-starter team
 */
final class SqsTraceHeaders {

	private static final String HEADER = "X-Amzn-Trace-Id";

	private SqsTraceHeaders() {
	}

	static @Nullable Map<String, String> header(Span span) {
		Map<String, String> carrier = new HashMap<>();
		AwsXrayPropagator.getInstance().inject(Context.root().with(span), carrier, Map::put);
		return carrier.containsKey(HEADER) ? carrier : null;
	}

	static SdkRequest addTo(SdkRequest request, Map<String, String> carrier) {
		MessageSystemAttributeValue value = MessageSystemAttributeValue.builder()
			.dataType("String")
			.stringValue(carrier.get(HEADER))
			.build();
		if (request instanceof SendMessageRequest send) {
			return send.hasMessageSystemAttributes()
					&& send.messageSystemAttributes().containsKey(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER)
							? send
							: send.toBuilder()
								.messageSystemAttributes(with(send.messageSystemAttributes(), value))
								.build();
		}
		if (request instanceof SendMessageBatchRequest batch) {
			List<SendMessageBatchRequestEntry> entries = batch.entries()
				.stream()
				.map((entry) -> entry.hasMessageSystemAttributes() && entry.messageSystemAttributes()
					.containsKey(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER)
							? entry
							: entry.toBuilder()
								.messageSystemAttributes(with(entry.messageSystemAttributes(), value))
								.build())
				.toList();
			return batch.toBuilder().entries(entries).build();
		}
		return request;
	}

	private static Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> with(
			Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> attributes,
			MessageSystemAttributeValue traceHeader) {
		Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> copy = new LinkedHashMap<>(attributes);
		copy.put(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER, traceHeader);
		return copy;
	}

}
