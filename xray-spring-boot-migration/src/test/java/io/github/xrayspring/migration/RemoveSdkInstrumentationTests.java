package io.github.xrayspring.migration;

import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

import static org.openrewrite.java.Assertions.java;

/**
 * Tests for {@link RemoveSdkInstrumentation}.
 *
 * @author xray-spring-boot-starter team
 */
class RemoveSdkInstrumentationTests implements RewriteTest {

	@Override
	public void defaults(RecipeSpec spec) {
		spec.recipe(new RemoveSdkInstrumentation())
			.parser(JavaParser.fromJavaVersion()
				.classpath("aws-xray-recorder-sdk-core", "aws-xray-recorder-sdk-sql", "aws-xray-recorder-sdk-spring",
						"aws-xray-recorder-sdk-aws-sdk-v2", "jakarta.servlet-api", "spring-context", "aspectjrt",
						"sdk-core", "aws-core", "utils", "metrics-spi", "http-client-spi", "annotations", "regions",
						"profiles"));
	}

	@Test
	void servletFilterBeanIsRemoved() {
		rewriteRun(java("""
				import com.amazonaws.xray.jakarta.servlet.AWSXRayServletFilter;
				import jakarta.servlet.Filter;
				import org.springframework.context.annotation.Bean;
				import org.springframework.context.annotation.Configuration;

				@Configuration
				class WebConfig {

					@Bean
					Filter tracingFilter() {
						return new AWSXRayServletFilter("shop");
					}

				}
				""", """
				import org.springframework.context.annotation.Configuration;

				@Configuration
				class WebConfig {

				}
				"""));
	}

	@Test
	void tracingDataSourceIsUnwrapped() {
		rewriteRun(java("""
				import javax.sql.DataSource;

				import com.amazonaws.xray.sql.TracingDataSource;

				class DataConfig {
					DataSource dataSource(DataSource pool) {
						return TracingDataSource.decorate(pool);
					}
				}
				""", """
				import javax.sql.DataSource;

				class DataConfig {
					DataSource dataSource(DataSource pool) {
						return pool;
					}
				}
				"""));
	}

	@Test
	void awsSdkTracingInterceptorIsRemoved() {
		rewriteRun(java("""
				import com.amazonaws.xray.interceptors.TracingInterceptor;
				import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

				class Clients {
					ClientOverrideConfiguration config() {
						return ClientOverrideConfiguration.builder()
							.addExecutionInterceptor(new TracingInterceptor())
							.build();
					}
				}
				""", """
				import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

				class Clients {
					ClientOverrideConfiguration config() {
						return ClientOverrideConfiguration.builder()
							.build();
					}
				}
				"""));
	}

	@Test
	void interceptorAspectFileIsDeleted() {
		rewriteRun(
				java("""
						import java.util.Map;

						import com.amazonaws.xray.entities.Subsegment;
						import com.amazonaws.xray.spring.aop.BaseAbstractXRayInterceptor;
						import org.aspectj.lang.ProceedingJoinPoint;

						class XRayInspector extends BaseAbstractXRayInterceptor {

							@Override
							protected Map<String, Map<String, Object>> generateMetadata(ProceedingJoinPoint pjp, Subsegment subsegment) {
								return super.generateMetadata(pjp, subsegment);
							}

							@Override
							public void xrayEnabledClasses() {
							}

						}
						""",
						(String) null));
	}

}
