package io.github.xrayspring.autoconfigure.awssdk;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.awssdk.internal.XRayAwsSdkInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that records every AWS SDK for Java v2 call as a {@code CLIENT} span
 * with OpenTelemetry's AWS SDK instrumentation, bound to the application's
 * {@link OpenTelemetry} (never a global one). The collector turns each into an X-Ray
 * {@code aws} subsegment; SQS messages sent carry the {@code AWSTraceHeader} system
 * attribute. {@code xray.aws-sdk.enabled=false} turns both off.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({ ExecutionInterceptor.class, AwsSdkTelemetry.class, OpenTelemetry.class })
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "xray.aws-sdk.enabled", matchIfMissing = true)
@EnableConfigurationProperties(XRayProperties.class)
public final class XRayAwsSdkAutoConfiguration {

	private static final Log logger = LogFactory.getLog(XRayAwsSdkAutoConfiguration.class);

	@Bean
	@ConditionalOnBean(OpenTelemetry.class)
	AwsSdkInstrumentation xrayAwsSdkInstrumentation(OpenTelemetry openTelemetry) {
		try {
			return new AwsSdkInstrumentation(openTelemetry);
		}
		catch (LinkageError ex) {
			// an OpenTelemetry API older than the instrumentation needs (Spring Boot 4.0
			// brings 1.55) must not stop the application: its AWS calls go untraced
			logger.warn("AWS SDK calls are not traced: OpenTelemetry's AWS SDK instrumentation cannot run with "
					+ "the OpenTelemetry API on the classpath (" + ex + "); it needs OpenTelemetry 1.62 or later");
			return new AwsSdkInstrumentation(() -> {
			});
		}
	}

	/**
	 * Installs OpenTelemetry's AWS SDK interceptor into every client while the
	 * application context runs.
	 */
	static final class AwsSdkInstrumentation implements DisposableBean {

		private final AutoCloseable installation;

		AwsSdkInstrumentation(AutoCloseable installation) {
			this.installation = installation;
		}

		AwsSdkInstrumentation(OpenTelemetry openTelemetry) {
			// experimental attributes carry the resource names X-Ray shows: the queue
			// URL,
			// the bucket, the stream; trace context goes on SQS messages as
			// AWSTraceHeader
			ExecutionInterceptor interceptor = AwsSdkTelemetry.builder(openTelemetry)
				.setCaptureExperimentalSpanAttributes(true)
				.build()
				.createExecutionInterceptor();
			this.installation = XRayAwsSdkInterceptor.install(interceptor);
		}

		@Override
		public void destroy() throws Exception {
			this.installation.close();
		}

	}

}
