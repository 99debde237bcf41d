package io.github.xrayspring.awssdk.internal;

import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.regions.Region;

/**
 * What the starter adds to the span OpenTelemetry's AWS SDK instrumentation opens for a
 * call, so that the collector fills X-Ray's {@code aws} block and flags: the region, the
 * queue URL, and for a failed call the status that makes it an error, a fault or (for any
 * error the SDK classifies as throttling, 400 answers included) a throttle.
 *
 * @author xray-spring-boot-starter team
 */
final class AwsCallSpans {

	static final AttributeKey<String> AWS_REGION = AttributeKey.stringKey("aws.region");

	static final AttributeKey<String> AWS_QUEUE_URL = AttributeKey.stringKey("aws.queue.url");

	static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

	private static final String SQS_MODEL = "software.amazon.awssdk.services.sqs.model.";

	private AwsCallSpans() {
	}

	// the instrumentation keeps its span in an execution attribute of its own; it is the
	// one context there whose span is not the caller's
	static @Nullable Span find(ExecutionAttributes attributes, Span caller) {
		for (Object value : attributes.getAttributes().values()) {
			if (value instanceof Context context) {
				Span span = Span.fromContextOrNull(context);
				if (span != null && span.getSpanContext().isValid()
						&& !span.getSpanContext().equals(caller.getSpanContext())) {
					return span;
				}
			}
		}
		return null;
	}

	static void started(Span span, SdkRequest request, ExecutionAttributes attributes) {
		Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
		if (region != null) {
			span.setAttribute(AWS_REGION, region.id());
		}
		request.getValueForField("QueueUrl", String.class).ifPresent((url) -> span.setAttribute(AWS_QUEUE_URL, url));
	}

	static SdkRequest withTraceHeader(SdkRequest request, Span span) {
		String name = request.getClass().getName();
		if (!name.startsWith(SQS_MODEL)) {
			return request;
		}
		Map<String, String> header = SqsTraceHeaders.header(span);
		return (header != null) ? SqsTraceHeaders.addTo(request, header) : request;
	}

	static void failed(Span span, Throwable exception) {
		if (exception instanceof SdkServiceException service) {
			int status = service.isThrottlingException() ? 429 : service.statusCode();
			if (status > 0) {
				span.setAttribute(HTTP_STATUS, (long) status);
			}
		}
	}

}
