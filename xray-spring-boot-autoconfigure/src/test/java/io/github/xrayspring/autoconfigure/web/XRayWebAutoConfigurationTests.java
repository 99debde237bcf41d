package io.github.xrayspring.autoconfigure.web;

import java.util.concurrent.atomic.AtomicReference;

import io.github.xrayspring.autoconfigure.sampling.XRaySamplingAutoConfiguration;
import io.github.xrayspring.sampling.internal.SamplingRequest;
import io.github.xrayspring.web.XRayClientRequestObservationConvention;
import io.github.xrayspring.web.XRayServerRequestObservationConvention;
import io.github.xrayspring.web.internal.RequestFactsFilter;
import io.github.xrayspring.web.internal.XRayEndUserFilter;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayWebAutoConfiguration}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayWebAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(XRayWebAutoConfiguration.class));

	@Test
	void providesConventionsInServletApp() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(XRayServerRequestObservationConvention.class)
				.hasSingleBean(XRayClientRequestObservationConvention.class);
			assertThat(context.getBean(XRayServerRequestObservationConvention.class).getName())
				.isEqualTo("http.server.requests");
		});
	}

	@Test
	void keepsCustomObservationName() {
		this.contextRunner.withPropertyValues("management.observations.http.server.requests.name=inbound")
			.run((context) -> assertThat(context.getBean(XRayServerRequestObservationConvention.class).getName())
				.isEqualTo("inbound"));
	}

	@Test
	void providesOnlyClientConventionOutsideServletApp() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(XRayWebAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ServerRequestObservationConvention.class)
				.hasSingleBean(XRayClientRequestObservationConvention.class));
	}

	@Test
	void backsOffFromUserConvention() {
		this.contextRunner
			.withBean(ServerRequestObservationConvention.class, DefaultServerRequestObservationConvention::new)
			.run((context) -> assertThat(context).doesNotHaveBean(XRayServerRequestObservationConvention.class));
	}

	@Test
	void doesNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("xray.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(XRayServerRequestObservationConvention.class)
				.doesNotHaveBean(XRayClientRequestObservationConvention.class));
	}

	@Test
	void shouldRegisterEndUserFilterWhenAsked() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(XRayWebAutoConfiguration.class))
			.withPropertyValues("xray.annotations.user-from-principal=true")
			.run((context) -> assertThat(context).getBean("xrayEndUserFilter", FilterRegistrationBean.class)
				.satisfies((registration) -> {
					assertThat(registration.getFilter()).isInstanceOf(XRayEndUserFilter.class);
					assertThat(registration.getOrder()).isEqualTo(XRayEndUserFilter.ORDER);
				}));
	}

	@Test
	void shouldNotRegisterEndUserFilterByDefault() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(XRayWebAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("xrayEndUserFilter"));
	}

	@Test
	void shouldNotRegisterEndUserFilterWithoutSpringSecurity() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(XRayWebAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
			.withPropertyValues("xray.annotations.user-from-principal=true")
			.run((context) -> assertThat(context).doesNotHaveBean("xrayEndUserFilter"));
	}

	@Test
	void shouldNotRegisterEndUserFilterInNonWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(XRayWebAutoConfiguration.class))
			.withPropertyValues("xray.annotations.user-from-principal=true")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void requestFilterIsRegisteredFirstInServletApplications() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, XRaySamplingAutoConfiguration.class,
					XRayWebAutoConfiguration.class))
			.run((context) -> {
				FilterRegistrationBean<?> registration = context.getBean("xrayRequestFactsFilter",
						FilterRegistrationBean.class);
				assertThat(registration.getFilter()).isInstanceOf(RequestFactsFilter.class);
				assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
				assertThat(factsFor(registration, "/actuator/health").actuator()).isTrue();
			});
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(XRaySamplingAutoConfiguration.class, XRayWebAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void requestFilterFollowsActuatorBasePath() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, XRaySamplingAutoConfiguration.class,
					XRayWebAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.base-path=/manage")
			.run((context) -> {
				FilterRegistrationBean<?> registration = context.getBean("xrayRequestFactsFilter",
						FilterRegistrationBean.class);
				assertThat(factsFor(registration, "/manage/health").actuator()).isTrue();
				assertThat(factsFor(registration, "/actuator/health").actuator()).isFalse();
			});
	}

	private static SamplingRequest factsFor(FilterRegistrationBean<?> registration, String path) throws Exception {
		AtomicReference<SamplingRequest> facts = new AtomicReference<>();
		registration.getFilter()
			.doFilter(new MockHttpServletRequest("GET", path), new MockHttpServletResponse(),
					(request, response) -> facts.set(SamplingRequest.fromContext(Context.current())));
		return facts.get();
	}

}
