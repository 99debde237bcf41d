package io.github.xrayspring.sample;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The trace page in a real browser: headless Chromium (Debian's {@code chromium} package)
 * loads {@code /xray/} after a few requests and the test reads the DOM it built. Skipped
 * only when {@code /usr/bin/chromium} is absent; {@code .ci/run} installs it.
 *
 * @author xray-spring-boot-starter team
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=100ms" })
@AutoConfigureTracing
class TraceViewBrowserTests {

	private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	// would rename the page and add a <pwned> element if any of it ran
	private static final String PLANTED = "<img src=x onerror=\"document.title='pwned';"
			+ "document.body.appendChild(document.createElement('pwned'))\">"
			+ "<script>document.title='pwned'</script>";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private LoggingSpanExporter preview;

	@Autowired
	private OpenTelemetry openTelemetry;

	@TempDir
	Path profile;

	@BeforeAll
	static void chromiumIsInstalled() {
		assumeTrue(Files.isExecutable(CHROMIUM),
				"/usr/bin/chromium is not installed (apt-get install chromium); .ci/run installs it");
	}

	@Test
	void timelineShowsTheRequestSegmentAndItsSqlSubsegments() throws Exception {
		assertThat(get("/sql/orders/n-plus-one", null).statusCode()).isEqualTo(200);
		String traceId = awaitTrace("/sql/orders/n-plus-one", 9);
		String dom = dumpDom("/xray/#" + traceId);
		assertThat(title(dom)).isEqualTo("X-Ray trace view");
		assertThat(dom).contains("Trace " + traceId);
		List<String> rows = rows(dom);
		assertThat(rows).first()
			.satisfies((root) -> assertThat(root).contains("data-type=\"segment\"")
				.contains("<span class=\"name\">shop</span>"));
		assertThat(rows.stream().filter((row) -> row.contains("badge sql"))).hasSizeGreaterThanOrEqualTo(8)
			.allSatisfy((row) -> assertThat(row).contains("data-type=\"subsegment\""));
		assertThat(dom).contains("SELECT name FROM customer WHERE id = ?")
			.contains("SELECT id, customer_id FROM orders");
		// the selected segment's annotations, in the details panel
		assertThat(dom).contains("sql_n_plus_one");
	}

	@Test
	void plantedMarkupInAnnotationUrlAndUserAgentIsShownAsTextAndNeverRuns() throws Exception {
		String path = "/customers/search?name=" + URLEncoder.encode(PLANTED, StandardCharsets.UTF_8);
		assertThat(get(path, PLANTED).statusCode()).isEqualTo(200);
		String traceId = awaitTrace("/customers/search", 2);
		assertThat(String.join("", this.preview.documents(traceId))).contains("customer_search");
		String dom = dumpDom("/xray/#" + traceId);
		assertThat(title(dom)).isEqualTo("X-Ray trace view");
		assertThat(dom).doesNotContain("<pwned").doesNotContain("<img").doesNotContain("<script>document.title");
		// shown as text: the annotation value and the user agent, escaped by the DOM
		assertThat(dom).contains("&lt;img src=x onerror=\"document.title='pwned';")
			.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;");
	}

	@Test
	void plantedMarkupInSqlAndUrlIsShownAsTextAndNeverRuns() throws Exception {
		// a real HTTP client percent-encodes a URL, so spans from the app's own tracer
		// carry the markup as a hand-written instrumentation could
		Tracer tracer = this.openTelemetry.getTracer("planted");
		Span server = tracer.spanBuilder("GET /planted")
			.setSpanKind(SpanKind.SERVER)
			.setAttribute("http.request.method", "GET")
			.setAttribute("url.full", "http://127.0.0.1/planted/" + PLANTED)
			.setAttribute("http.response.status_code", 500L)
			.startSpan();
		try (Scope scope = server.makeCurrent()) {
			tracer.spanBuilder("SELECT shop")
				.setSpanKind(SpanKind.CLIENT)
				.setAttribute("db.system.name", "postgresql")
				.setAttribute("db.system", "postgresql")
				.setAttribute("db.query.text", "SELECT 1 /* " + PLANTED + " */")
				.startSpan()
				.end();
		}
		finally {
			server.end();
		}
		String traceId = awaitTrace("/planted/", 2);
		String dom = dumpDom("/xray/#" + traceId);
		assertThat(title(dom)).isEqualTo("X-Ray trace view");
		assertThat(dom).doesNotContain("<pwned").doesNotContain("<img").doesNotContain("<script>document.title");
		assertThat(dom).contains("<td class=\"url\">http://127.0.0.1/planted/&lt;img src=x")
			.contains("SELECT 1 /* &lt;img src=x onerror=")
			.contains("<td class=\"fault-text\">500</td>");
	}

	@Test
	void filterExpressionErrorIsShownWithoutBreakingThePage() throws Exception {
		assertThat(get("/orders/1", null).statusCode()).isEqualTo(200);
		awaitTrace("/orders/1", 2);
		String dom = dumpDom("/xray/");
		assertThat(title(dom)).isEqualTo("X-Ray trace view");
		assertThat(dom).contains("kept traces").contains("<td>shop</td>");
	}

	private String awaitTrace(String path, int documents) {
		return await().atMost(Duration.ofSeconds(20)).until(() -> {
			for (LoggingSpanExporter.Trace trace : this.preview.recentTraces()) {
				if (trace.documents().size() >= documents
						&& trace.documents().stream().anyMatch((document) -> document.contains(path))) {
					return trace.traceId();
				}
			}
			return null;
		}, (id) -> id != null);
	}

	private String dumpDom(String path) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
				"--user-data-dir=" + Files.createTempDirectory(this.profile, "chromium"), "--virtual-time-budget=10000",
				"--dump-dom"));
		if (Boolean.getBoolean("xray.screenshot")) {
			command.add("--screenshot=" + Paths.get("target/trace-view.png").toAbsolutePath());
			command.add("--window-size=1400,1100");
		}
		command.add("http://127.0.0.1:" + this.port + path);
		Path out = Files.createTempFile(this.profile, "dom", ".html");
		Process chromium = new ProcessBuilder(command).redirectOutput(out.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
		}
		finally {
			chromium.destroyForcibly();
		}
		return Files.readString(out);
	}

	private static String title(String dom) {
		Matcher matcher = Pattern.compile("<title>(.*?)</title>").matcher(dom);
		return matcher.find() ? matcher.group(1) : "";
	}

	private static List<String> rows(String dom) {
		List<String> rows = new ArrayList<>();
		Matcher matcher = Pattern.compile("<div class=\"row[^\"]*\"[^>]*>.*?</div></div></div>").matcher(dom);
		while (matcher.find()) {
			rows.add(matcher.group());
		}
		return rows;
	}

	private HttpResponse<String> get(String path, String userAgent) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (userAgent != null) {
			request.header("User-Agent", userAgent);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
