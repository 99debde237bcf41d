package io.github.xrayspring.ops.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the trace page at {@code /xray/}: one HTML page, a script and a style sheet from
 * the starter's jar, with no third-party code. The page reads the {@code xray} actuator
 * endpoint; its Content-Security-Policy allows only its own script and style, and the
 * script writes every value from a span as text, never as markup.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class TraceViewRoutes {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private static final String RESOURCES = "io/github/xrayspring/ops/internal/trace-view/";

	private TraceViewRoutes() {
	}

	/**
	 * Returns the routes of the trace page.
	 * @param actuatorBasePath the base path of the actuator web endpoints
	 * @return the routes
	 */
	public static RouterFunction<ServerResponse> routes(String actuatorBasePath) {
		String base = actuatorBasePath.endsWith("/") ? actuatorBasePath.substring(0, actuatorBasePath.length() - 1)
				: actuatorBasePath;
		// relative to /xray/, so that the page works under any servlet context path
		String endpoint = ".." + base + "/xray";
		String html = read("index.html").replace("{{endpoint}}", HtmlUtils.htmlEscape(endpoint));
		String script = read("trace-view.js");
		String style = read("trace-view.css");
		return RouterFunctions.route()
			.GET("/xray", (request) -> ServerResponse.permanentRedirect(URI.create("xray/")).build())
			.GET("/xray/", (request) -> page(MediaType.TEXT_HTML, html))
			.GET("/xray/trace-view.js", (request) -> page(MediaType.valueOf("text/javascript"), script))
			.GET("/xray/trace-view.css", (request) -> page(MediaType.valueOf("text/css"), style))
			.build();
	}

	private static ServerResponse page(MediaType type, String body) {
		return ServerResponse.ok()
			.contentType(new MediaType(type, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.body(body);
	}

	private static String read(String name) {
		try {
			return StreamUtils.copyToString(new ClassPathResource(RESOURCES + name).getInputStream(),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The trace page's " + name + " is missing from the starter's jar", ex);
		}
	}

}
