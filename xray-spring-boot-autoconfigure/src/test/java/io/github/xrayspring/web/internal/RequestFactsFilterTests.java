package io.github.xrayspring.web.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.xrayspring.sampling.internal.SamplingRequest;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequestFactsFilter}.
 *
 * @author xray-spring-boot-starter team
 */
class SamplingRequestFilterTests {

	private final RequestFactsFilter filter = new RequestFactsFilter(List.of("/actuator"));

	@Test
	void requestFactsAreCurrentDuringTheChain() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders/7");
		request.setServerName("shop.example.com");
		request.setServerPort(8443);
		request.setQueryString("expand=lines");
		assertThat(factsDuring(request)).isEqualTo(new SamplingRequest("POST", "shop.example.com", "/orders/7", false));
		assertThat(SamplingRequest.fromContext(Context.current())).isNull();
	}

	@Test
	void actuatorRequestsAreMarked() throws Exception {
		assertThat(factsDuring(new MockHttpServletRequest("GET", "/actuator/health")).actuator()).isTrue();
		assertThat(factsDuring(new MockHttpServletRequest("GET", "/actuator")).actuator()).isTrue();
		assertThat(factsDuring(new MockHttpServletRequest("GET", "/actuators")).actuator()).isFalse();
		assertThat(factsDuring(new MockHttpServletRequest("GET", "/orders/actuator")).actuator()).isFalse();
	}

	@Test
	void actuatorPathIsRelativeToContextPath() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/shop/actuator/health");
		request.setContextPath("/shop");
		SamplingRequest facts = factsDuring(request);
		assertThat(facts.actuator()).isTrue();
		assertThat(facts.path()).isEqualTo("/shop/actuator/health");
	}

	@Test
	void customBasePathIsHonoured() throws Exception {
		RequestFactsFilter custom = new RequestFactsFilter(List.of("/manage/"));
		assertThat(factsDuring(custom, new MockHttpServletRequest("GET", "/manage/health")).actuator()).isTrue();
	}

	private SamplingRequest factsDuring(MockHttpServletRequest request) throws Exception {
		return factsDuring(this.filter, request);
	}

	private static SamplingRequest factsDuring(RequestFactsFilter filter, MockHttpServletRequest request)
			throws Exception {
		AtomicReference<SamplingRequest> facts = new AtomicReference<>();
		filter.doFilter(request, new MockHttpServletResponse(),
				(req, res) -> facts.set(SamplingRequest.fromContext(Context.current())));
		return facts.get();
	}

}
