package io.github.xrayspring.autoconfigure.web;

import io.github.xrayspring.web.XRayClientRequestObservationConvention;
import io.github.xrayspring.web.XRayServerRequestObservationConvention;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

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

}
