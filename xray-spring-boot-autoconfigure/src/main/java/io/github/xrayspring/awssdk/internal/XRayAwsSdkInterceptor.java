package io.github.xrayspring.awssdk.internal;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.trace.Span;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The execution interceptor every AWS SDK v2 client loads from
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}, however it is
 * built (a bean, by hand, by Spring Cloud AWS, sync or async). It does nothing until
 * {@link #install} hands it OpenTelemetry's interceptor for the application's
 * OpenTelemetry; from then on every call goes through that interceptor.
 * <p>
 * Around that interceptor it adds the region and queue URL to the call's span, puts the
 * X-Ray trace header on SQS messages sent, and records for a failed call the status that
 * makes X-Ray show it as error, fault or throttle ({@link AwsCallSpans}).
 * <p>
 * The delegate is fixed per call when the call starts, so that a call in flight while the
 * application starts or stops sees one interceptor from its first hook to its last.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRayAwsSdkInterceptor implements ExecutionInterceptor {

	private static final ExecutionInterceptor NONE = new ExecutionInterceptor() {
	};

	private static final AtomicReference<ExecutionInterceptor> installed = new AtomicReference<>(NONE);

	private static final ExecutionAttribute<ExecutionInterceptor> DELEGATE = new ExecutionAttribute<>(
			XRayAwsSdkInterceptor.class.getName() + ".Delegate");

	private static final ExecutionAttribute<Span> SPAN = new ExecutionAttribute<>(
			XRayAwsSdkInterceptor.class.getName() + ".Span");

	/**
	 * Routes every AWS SDK call to the given interceptor until the returned handle is
	 * closed.
	 * @param delegate the interceptor, OpenTelemetry's
	 * @return closes the installation, if it is still the current one
	 */
	public static AutoCloseable install(ExecutionInterceptor delegate) {
		installed.set(delegate);
		return () -> installed.compareAndSet(delegate, NONE);
	}

	/**
	 * Returns whether an interceptor is installed.
	 * @return whether calls are traced
	 */
	public static boolean isInstalled() {
		return installed.get() != NONE;
	}

	private static ExecutionInterceptor delegate(ExecutionAttributes attributes) {
		@Nullable ExecutionInterceptor delegate = attributes.getAttribute(DELEGATE);
		return (delegate != null) ? delegate : NONE;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		ExecutionInterceptor delegate = installed.get();
		attributes.putAttribute(DELEGATE, delegate);
		delegate.beforeExecution(context, attributes);
	}

	@Override
	public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
		ExecutionInterceptor delegate = delegate(attributes);
		if (delegate == NONE) {
			return context.request();
		}
		SdkRequest request = delegate.modifyRequest(context, attributes);
		Span span = AwsCallSpans.find(attributes, Span.current());
		if (span == null) {
			return request;
		}
		attributes.putAttribute(SPAN, span);
		AwsCallSpans.started(span, request, attributes);
		return AwsCallSpans.withTraceHeader(request, span);
	}

	@Override
	public void beforeMarshalling(Context.BeforeMarshalling context, ExecutionAttributes attributes) {
		delegate(attributes).beforeMarshalling(context, attributes);
	}

	@Override
	public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes attributes) {
		delegate(attributes).afterMarshalling(context, attributes);
	}

	@Override
	public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
		return delegate(attributes).modifyHttpRequest(context, attributes);
	}

	@Override
	public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
		return delegate(attributes).modifyHttpContent(context, attributes);
	}

	@Override
	public Optional<AsyncRequestBody> modifyAsyncHttpContent(Context.ModifyHttpRequest context,
			ExecutionAttributes attributes) {
		return delegate(attributes).modifyAsyncHttpContent(context, attributes);
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
		delegate(attributes).beforeTransmission(context, attributes);
	}

	@Override
	public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
		delegate(attributes).afterTransmission(context, attributes);
	}

	@Override
	public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
		return delegate(attributes).modifyHttpResponse(context, attributes);
	}

	@Override
	public Optional<Publisher<ByteBuffer>> modifyAsyncHttpResponseContent(Context.ModifyHttpResponse context,
			ExecutionAttributes attributes) {
		return delegate(attributes).modifyAsyncHttpResponseContent(context, attributes);
	}

	@Override
	public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
			ExecutionAttributes attributes) {
		return delegate(attributes).modifyHttpResponseContent(context, attributes);
	}

	@Override
	public void beforeUnmarshalling(Context.BeforeUnmarshalling context, ExecutionAttributes attributes) {
		delegate(attributes).beforeUnmarshalling(context, attributes);
	}

	@Override
	public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
		delegate(attributes).afterUnmarshalling(context, attributes);
	}

	@Override
	public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
		return delegate(attributes).modifyResponse(context, attributes);
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		delegate(attributes).afterExecution(context, attributes);
	}

	@Override
	public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
		return delegate(attributes).modifyException(context, attributes);
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
		Span span = attributes.getAttribute(SPAN);
		if (span != null) {
			// before the instrumentation ends the span
			AwsCallSpans.failed(span, context.exception());
		}
		delegate(attributes).onExecutionFailure(context, attributes);
	}

}
