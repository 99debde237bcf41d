package io.github.xrayspring.web.internal;

import java.io.IOException;

import io.github.xrayspring.trace.internal.XRaySpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the request's server span reachable as the X-Ray segment while the rest of the
 * request runs, so that the user and controller annotations land on it even when other
 * observations (Spring Security's filter chain, for example) are current by then. Runs
 * right after Spring's {@code ServerHttpObservationFilter} has made the server span
 * current; unsampled requests pass through without any allocation.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class XRaySegmentFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Context context = Context.current();
		Span span = Span.fromContext(context);
		if (!XRaySpans.isRecordingLocalRoot(span)) {
			chain.doFilter(request, response);
			return;
		}
		try (Scope scope = XRaySpans.withSegment(context, span).makeCurrent()) {
			chain.doFilter(request, response);
		}
	}

}
