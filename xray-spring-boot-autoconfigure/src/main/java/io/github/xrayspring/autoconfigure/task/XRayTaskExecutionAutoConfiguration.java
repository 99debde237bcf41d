package io.github.xrayspring.autoconfigure.task;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Auto-configuration that keeps the trace (and the {@code AWS-XRAY-TRACE-ID} MDC key)
 * across Spring Boot's task executors: a {@link ContextPropagatingTaskDecorator}, which
 * Boot applies to the {@code applicationTaskExecutor} behind {@code @Async} and to every
 * executor and scheduler built with its builders, so that work handed to them continues
 * the trace of the code that handed it over.
 * <p>
 * Backs off when the application declares a {@link TaskDecorator} of its own (or Boot
 * made one for {@code spring.task.execution.propagate-context=true}), and when
 * {@code spring.task.execution.propagate-context=false} is set explicitly.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
// after Boot's task auto-configuration, so that its own decorator counts as declared
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnClass(name = { "io.micrometer.context.ContextSnapshot",
		"org.springframework.core.task.support.ContextPropagatingTaskDecorator" })
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
public final class XRayTaskExecutionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TaskDecorator.class)
	@ConditionalOnBooleanProperty(name = "spring.task.execution.propagate-context", matchIfMissing = true)
	ContextPropagatingTaskDecorator xrayContextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

}
