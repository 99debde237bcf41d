package io.github.xrayspring.autoconfigure.task;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.xrayspring.autoconfigure.tracing.XRayTracingAutoConfiguration;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayTaskExecutionAutoConfiguration}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayTaskExecutionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class, XRayTracingAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class, XRayTaskExecutionAutoConfiguration.class));

	@Test
	void applicationTaskExecutorContinuesTheTrace() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ContextPropagatingTaskDecorator.class);
			assertContinuesTrace(context.getBean(ObservationRegistry.class),
					context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class));
		});
	}

	@Test
	void virtualThreadExecutorContinuesTheTrace() {
		this.contextRunner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ContextPropagatingTaskDecorator.class);
			assertContinuesTrace(context.getBean(ObservationRegistry.class),
					context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class));
		});
	}

	@Test
	void backsOffWhenTheApplicationDeclaresATaskDecorator() {
		this.contextRunner.withUserConfiguration(UserDecoratorConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(ContextPropagatingTaskDecorator.class)
				.hasSingleBean(TaskDecorator.class));
	}

	@Test
	void leavesItToBootWhenPropagationIsSwitchedOnThere() {
		this.contextRunner.withPropertyValues("spring.task.execution.propagate-context=true")
			.run((context) -> assertThat(context).hasSingleBean(TaskDecorator.class)
				.doesNotHaveBean("xrayContextPropagatingTaskDecorator"));
	}

	@Test
	void backsOffWhenPropagationIsSwitchedOffExplicitly() {
		this.contextRunner.withPropertyValues("spring.task.execution.propagate-context=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TaskDecorator.class);
			// without the decorator the task runs outside the trace
			assertThat(traceInTask(context.getBean(ObservationRegistry.class),
					context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class)))
				.satisfies((ids) -> assertThat(ids[1]).isNotEqualTo(ids[0]));
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("xray.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TaskDecorator.class));
	}

	@Test
	void backsOffWithoutContextPropagationLibrary() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.context"))
			.run((context) -> assertThat(context).doesNotHaveBean(TaskDecorator.class));
	}

	private static void assertContinuesTrace(ObservationRegistry registry, AsyncTaskExecutor executor)
			throws Exception {
		String[] ids = traceInTask(registry, executor);
		assertThat(ids[0]).matches("[0-9a-f]{32}");
		// the MDC key follows the span through Boot's context storage wrapper, which only
		// a
		// SpringApplication installs: the sample applications' end-to-end tests check it
		assertThat(ids[1]).isEqualTo(ids[0]);
	}

	// the trace ID where the task is handed over and the one the task sees
	private static String[] traceInTask(ObservationRegistry registry, AsyncTaskExecutor executor) throws Exception {
		Observation observation = Observation.start("request", registry);
		String traceId;
		CompletableFuture<String> seen;
		try (Observation.Scope scope = observation.openScope()) {
			traceId = Span.current().getSpanContext().getTraceId();
			seen = executor.submitCompletable(() -> Span.current().getSpanContext().getTraceId());
		}
		finally {
			observation.stop();
		}
		return new String[] { traceId, seen.get(10, TimeUnit.SECONDS) };
	}

	@Configuration(proxyBeanMethods = false)
	static class UserDecoratorConfiguration {

		@Bean
		TaskDecorator userTaskDecorator() {
			return (runnable) -> runnable;
		}

	}

}
