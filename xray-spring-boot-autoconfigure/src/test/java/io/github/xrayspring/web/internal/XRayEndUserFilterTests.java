package io.github.xrayspring.web.internal;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.FilterChain;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayEndUserFilter}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayEndUserFilterTests {

	private static final AttributeKey<String> ENDUSER_ID = AttributeKey.stringKey("enduser.id");

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final XRayEndUserFilter filter = new XRayEndUserFilter();

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
		this.tracerProvider.close();
	}

	@Test
	void setsEndUserIdFromAuthenticatedPrincipal() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of()));
		assertThat(filterInSpan(new MockFilterChain())).isEqualTo("alice");
	}

	@Test
	void setsEndUserIdWhenTheRequestIsAuthenticatedLaterInTheChain() {
		FilterChain chain = (request, response) -> SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("bob", null, List.of()));
		assertThat(filterInSpan(chain)).isEqualTo("bob");
	}

	@Test
	void setsEndUserIdOnTheSegmentWhenAnotherObservationIsCurrent() throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("carol", null, List.of()));
		Span server = this.tracerProvider.get("test").spanBuilder("GET /orders").startSpan();
		MockHttpServletRequest request = ServerSpansTests.requestWithServerObservation(server, null);
		try (Scope outer = server.makeCurrent()) {
			Span security = this.tracerProvider.get("test").spanBuilder("secured request").startSpan();
			try (Scope scope = security.makeCurrent()) {
				this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
			}
			security.end();
		}
		server.end();
		assertThat(this.exporter.getFinishedSpanItems()).satisfiesExactly(
				(span) -> assertThat(span.getAttributes().get(ENDUSER_ID)).isNull(),
				(span) -> assertThat(span.getAttributes().get(ENDUSER_ID)).isEqualTo("carol"));
	}

	@Test
	void leavesAnonymousRequestsAlone() {
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		assertThat(filterInSpan(new MockFilterChain())).isNull();
	}

	@Test
	void leavesUnauthenticatedRequestsAlone() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.unauthenticated("mallory", "secret"));
		assertThat(filterInSpan(new MockFilterChain())).isNull();
	}

	@Test
	void passesRequestOnWithoutSpan() throws Exception {
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isNotNull();
	}

	private @Nullable String filterInSpan(FilterChain chain) {
		Span span = this.tracerProvider.get("test").spanBuilder("GET /orders").startSpan();
		try (Scope scope = span.makeCurrent()) {
			this.filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), chain);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			span.end();
		}
		return this.exporter.getFinishedSpanItems().get(0).getAttributes().get(ENDUSER_ID);
	}

}
