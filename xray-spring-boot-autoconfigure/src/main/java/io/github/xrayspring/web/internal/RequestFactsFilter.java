package io.github.xrayspring.web.internal;

import java.io.IOException;
import java.util.List;

import io.github.xrayspring.sampling.internal.SamplingRequest;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the request's method, host and path current as a {@link SamplingRequest} before
 * the server observation starts its span, so that the sampler can match rules on them.
 * Must run before Spring's {@code ServerHttpObservationFilter}.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public class RequestFactsFilter extends OncePerRequestFilter {

	private final String[] actuatorPaths;

	/**
	 * Creates a new filter.
	 * @param actuatorPaths paths, relative to the context path, under which requests are
	 * actuator requests (such as {@code /actuator})
	 */
	public RequestFactsFilter(List<String> actuatorPaths) {
		this.actuatorPaths = actuatorPaths.stream()
			.map((path) -> (path.endsWith("/")) ? path.substring(0, path.length() - 1) : path)
			.filter((path) -> !path.isEmpty())
			.toArray(String[]::new);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		SamplingRequest facts = new SamplingRequest(request.getMethod(), request.getServerName(), path,
				isActuator(path, request.getContextPath()));
		try (Scope scope = Context.current().with(facts).makeCurrent()) {
			chain.doFilter(request, response);
		}
	}

	private boolean isActuator(String path, String contextPath) {
		int offset = contextPath.length();
		for (String actuatorPath : this.actuatorPaths) {
			if (path.startsWith(actuatorPath, offset) && (path.length() == offset + actuatorPath.length()
					|| path.charAt(offset + actuatorPath.length()) == '/')) {
				return true;
			}
		}
		return false;
	}

}
