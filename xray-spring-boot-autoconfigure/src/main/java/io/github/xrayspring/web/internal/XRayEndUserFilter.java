package io.github.xrayspring.web.internal;

import java.io.IOException;

import io.github.xrayspring.trace.internal.SpanAttributes;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets {@code enduser.id} on the request's segment (the server span found through
 * {@link ServerSpans#segment}, whatever observation is current) to the name of the
 * authenticated principal, which X-Ray shows and indexes as the segment's {@code user}.
 * Anonymous requests are left alone.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRayEndUserFilter extends OncePerRequestFilter {

	/**
	 * The filter's order: after Spring Security's filter chain (order -100), so that the
	 * authentication is known.
	 */
	public static final int ORDER = 0;

	private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// the segment, not whatever observation (Spring Security's) is current here
		Span segment = ServerSpans.segment(request);
		Span span = (segment != null) ? segment : Span.current();
		if (!span.isRecording()) {
			chain.doFilter(request, response);
			return;
		}
		boolean recorded = record(span);
		try {
			chain.doFilter(request, response);
		}
		finally {
			// an application may authenticate the request itself, later in the chain
			if (!recorded) {
				record(span);
			}
		}
	}

	private boolean record(Span span) {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		if (this.trustResolver.isAuthenticated(authentication)) {
			span.setAttribute(SpanAttributes.ENDUSER_ID, authentication.getName());
			return true;
		}
		return false;
	}

}
