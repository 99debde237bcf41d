package io.github.xrayspring.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import io.github.xrayspring.export.internal.LoggingSpanExporter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrewrite.ExecutionContext;
import org.openrewrite.InMemoryExecutionContext;
import org.openrewrite.Recipe;
import org.openrewrite.Result;
import org.openrewrite.SourceFile;
import org.openrewrite.config.Environment;
import org.openrewrite.internal.InMemoryLargeSourceSet;
import org.openrewrite.java.JavaParser;
import org.openrewrite.maven.MavenParser;
import org.openrewrite.properties.PropertiesParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Proves the recipe whole on a small legacy Spring Boot service written against the X-Ray
 * SDK for Java as its documentation shows ({@code src/test/resources/legacy-service}):
 * the service is compiled and run as it is, then {@code MigrateFromXRaySdk} rewrites a
 * copy, which is compiled and run on the starter. Both must record the same annotations,
 * metadata, subsegments and SQL, and sample by the same rules file.
 *
 * @author xray-spring-boot-starter team
 */
class LegacyServiceMigrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void migratedServiceRecordsWhatTheLegacyServiceRecorded(@TempDir Path work) throws Exception {
		Path legacy = copy(Path.of(resource("legacy-service")), work.resolve("legacy"));
		Path migrated = copy(legacy, work.resolve("migrated"));
		Behaviour before;
		Behaviour after;
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("listen_addresses", "127.0.0.1")
			.start()) {
			String url = "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres");
			before = runLegacy(compile(legacy, work.resolve("legacy-classes")), url);
			migrate(migrated);
			assertMigratedSources(migrated);
			after = runMigrated(compile(migrated, work.resolve("migrated-classes")), url);
		}

		assertThat(before.segmentAnnotations()).containsEntry("order_id", "7").containsEntry("channel", "\"web\"");
		assertThat(before.subsegmentAnnotations()).containsEntry("table", "\"orders\"");
		assertThat(before.sqlDatabaseType()).isEqualTo("postgresql");
		assertThat(after).usingRecursiveComparison().ignoringFields("segmentMetadata").isEqualTo(before);
		// the starter adds Micrometer's tags and the resource to the default metadata
		assertThat(after.segmentMetadata()).containsAllEntriesOf(before.segmentMetadata());
	}

	private static void migrate(Path project) throws IOException {
		List<String> errors = new CopyOnWriteArrayList<>();
		ExecutionContext ctx = new InMemoryExecutionContext((ex) -> errors.add(ex.toString()));
		List<SourceFile> sources = new ArrayList<>();
		// the jars the legacy service compiles against, not the whole test classpath:
		// faster
		JavaParser.fromJavaVersion()
			.classpath("aws-xray-recorder-sdk-core", "aws-xray-recorder-sdk-sql", "jakarta.servlet-api", "spring-core",
					"spring-beans", "spring-context", "spring-web", "spring-jdbc", "spring-boot",
					"spring-boot-autoconfigure", "spring-boot-jdbc")
			.build()
			.parse(files(project, ".java"), project, ctx)
			.forEach(sources::add);
		PropertiesParser.builder().build().parse(files(project, ".properties"), project, ctx).forEach(sources::add);
		MavenParser.builder().build().parse(List.of(project.resolve("pom.xml")), project, ctx).forEach(sources::add);
		Recipe recipe = Environment.builder()
			.scanRuntimeClasspath("io.github.xrayspring.migration")
			.build()
			.activateRecipes("io.github.xrayspring.migration.MigrateFromXRaySdk");
		List<Result> results = recipe.run(new InMemoryLargeSourceSet(sources), ctx).getChangeset().getAllResults();
		assertThat(errors).isEmpty();
		for (Result result : results) {
			if (result.getBefore() != null) {
				Files.delete(project.resolve(result.getBefore().getSourcePath()));
			}
			if (result.getAfter() != null) {
				Path file = project.resolve(result.getAfter().getSourcePath());
				Files.createDirectories(file.getParent());
				Files.writeString(file, result.getAfter().printAll());
			}
		}
	}

	private static void assertMigratedSources(Path project) throws IOException {
		for (Path source : files(project, ".java")) {
			assertThat(Files.readString(source)).as(source.toString())
				.doesNotContain("com.amazonaws")
				.doesNotContain("TODO xray-migration");
		}
		assertThat(Files.readString(project.resolve("pom.xml"))).doesNotContain("aws-xray-recorder-sdk")
			.contains("<artifactId>xray-spring-boot-starter</artifactId>");
		assertThat(Files.readString(project.resolve("src/main/resources/application.properties")))
			.contains("xray.sampling.rules-file=classpath:sampling-rules.json");
	}

	private static Path compile(Path project, Path classes) throws IOException {
		Files.createDirectories(classes);
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
				System.getProperty("java.class.path"), "-parameters", "-proc:none", "--release", "17"));
		files(project, ".java").forEach((source) -> arguments.add(source.toString()));
		assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac exit code").isZero();
		copy(project.resolve("src/main/resources"), classes);
		return classes;
	}

	private static Behaviour runLegacy(Path classes, String url) throws Exception {
		try (Service service = Service.start(classes, url, "--xray.enabled=false",
				"--management.tracing.enabled=false")) {
			// the legacy service set its recorder up; it emits to this list instead of
			// UDP
			List<String> documents = new CopyOnWriteArrayList<>();
			AWSXRay.getGlobalRecorder().setEmitter(new Emitter() {

				@Override
				public boolean sendSegment(Segment segment) {
					documents.add(segment.serialize());
					return true;
				}

				@Override
				public boolean sendSubsegment(Subsegment subsegment) {
					documents.add(subsegment.streamSerialize());
					return true;
				}

			});
			Requests requests = service.send();
			JsonNode segment = await(() -> documents.stream()
				.map(LegacyServiceMigrationTests::parse)
				.filter((document) -> document.path("trace_id").asString().equals(requests.orderTrace()))
				.findFirst()
				.orElse(null));
			JsonNode loadOrder = only(segment.path("subsegments"), "load-order");
			JsonNode sql = loadOrder.path("subsegments").path(0);
			boolean pingRecorded = documents.stream().anyMatch((document) -> document.contains(requests.pingTrace()));
			return new Behaviour(values(segment.path("annotations")), values(segment.path("metadata").path("default")),
					segment.path("subsegments").size(), values(loadOrder.path("annotations")), databaseType(sql),
					pingRecorded);
		}
	}

	private static Behaviour runMigrated(Path classes, String url) throws Exception {
		try (Service service = Service.start(classes, url, "--xray.exporter.type=logging",
				"--management.opentelemetry.tracing.export.schedule-delay=50ms",
				"--logging.level.io.github.xrayspring.preview=warn")) {
			LoggingSpanExporter preview = service.context.getBean(LoggingSpanExporter.class);
			Requests requests = service.send();
			// the server span, load-order and its SQL span
			List<JsonNode> documents = await(() -> {
				List<String> found = preview.documents(requests.orderTrace());
				return (found.size() >= 3) ? found.stream().map(LegacyServiceMigrationTests::parse).toList() : null;
			});
			JsonNode segment = documents.stream()
				.filter((document) -> !document.has("parent_id"))
				.findFirst()
				.orElseThrow();
			List<JsonNode> children = documents.stream()
				.filter((document) -> document.path("parent_id").asString().equals(segment.path("id").asString()))
				.toList();
			JsonNode loadOrder = only(json.valueToTree(children), "load-order");
			JsonNode sql = documents.stream()
				.filter((document) -> document.path("parent_id").asString().equals(loadOrder.path("id").asString()))
				.findFirst()
				.orElseThrow();
			return new Behaviour(values(segment.path("annotations")), values(segment.path("metadata").path("default")),
					children.size(), values(loadOrder.path("annotations")), databaseType(sql),
					!preview.documents(requests.pingTrace()).isEmpty());
		}
	}

	// the SDK writes the JDBC product name (PostgreSQL), the starter db.system
	// (postgresql)
	private static String databaseType(JsonNode sql) {
		return sql.path("sql").path("database_type").asString().toLowerCase(Locale.ROOT);
	}

	private static JsonNode only(JsonNode entities, String name) {
		assertThat(entities).hasSize(1);
		assertThat(entities.path(0).path("name").asString()).isEqualTo(name);
		return entities.path(0);
	}

	// annotation and metadata values as JSON text, so that types count
	private static Map<String, String> values(JsonNode object) {
		Map<String, String> values = new TreeMap<>();
		object.properties().forEach((entry) -> values.put(entry.getKey(), entry.getValue().toString()));
		return values;
	}

	private static <T> T await(Supplier<T> condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			T value = condition.get();
			if (value != null) {
				return value;
			}
			Thread.sleep(20);
		}
		return fail("Timed out waiting for the service's documents");
	}

	private static JsonNode parse(String document) {
		return json.readTree(document);
	}

	private static String resource(String name) throws URISyntaxException {
		URL url = LegacyServiceMigrationTests.class.getClassLoader().getResource(name);
		assertThat(url).as(name).isNotNull();
		return url.toURI().getPath();
	}

	private static List<Path> files(Path root, String suffix) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(suffix)).sorted().toList();
		}
	}

	private static Path copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		return to;
	}

	/**
	 * What a service recorded for {@code GET /orders/7} and {@code GET /ping}.
	 *
	 * @param segmentAnnotations the segment's annotations
	 * @param segmentMetadata the segment's default metadata
	 * @param subsegments how many subsegments the segment has
	 * @param subsegmentAnnotations the annotations of the {@code load-order} subsegment
	 * @param sqlDatabaseType the SQL subsegment's {@code sql.database_type} under
	 * {@code load-order}, in lower case
	 * @param pingRecorded whether the ping, which the rules file never samples, was
	 * recorded
	 */
	record Behaviour(Map<String, String> segmentAnnotations, Map<String, String> segmentMetadata, int subsegments,
			Map<String, String> subsegmentAnnotations, String sqlDatabaseType, boolean pingRecorded) {
	}

	/**
	 * The trace IDs of the requests sent to a service.
	 *
	 * @param pingTrace the trace of {@code GET /ping}
	 * @param orderTrace the trace of {@code GET /orders/7}
	 */
	record Requests(String pingTrace, String orderTrace) {
	}

	/**
	 * A compiled service running in this JVM.
	 */
	private static final class Service implements AutoCloseable {

		private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

		private final URLClassLoader classLoader;

		private final ConfigurableApplicationContext context;

		private Service(URLClassLoader classLoader, ConfigurableApplicationContext context) {
			this.classLoader = classLoader;
			this.context = context;
		}

		static Service start(Path classes, String... arguments) throws Exception {
			URLClassLoader classLoader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
					LegacyServiceMigrationTests.class.getClassLoader());
			Thread thread = Thread.currentThread();
			ClassLoader previous = thread.getContextClassLoader();
			thread.setContextClassLoader(classLoader);
			// OpenRewrite brings slf4j-nop: Boot must not insist on configuring Logback
			String loggingSystem = System.setProperty(LOGGING_SYSTEM, "none");
			try {
				Class<?> main = classLoader.loadClass("com.example.orders.OrdersApplication");
				SpringApplication application = new SpringApplication(new DefaultResourceLoader(classLoader), main);
				List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
						"--spring.datasource.username=postgres"));
				args.addAll(List.of(arguments));
				return new Service(classLoader, application.run(args.toArray(String[]::new)));
			}
			finally {
				thread.setContextClassLoader(previous);
				if (loggingSystem != null) {
					System.setProperty(LOGGING_SYSTEM, loggingSystem);
				}
				else {
					System.clearProperty(LOGGING_SYSTEM);
				}
			}
		}

		/**
		 * Sends a ping, then an order lookup, each starting a trace the way a load
		 * balancer does ({@code Root=} only), so that the rules decide.
		 * @return the trace IDs
		 */
		Requests send() {
			String pingTrace = newTraceId();
			String orderTrace = newTraceId();
			assertThat(get("/ping", pingTrace).body()).isEqualTo("pong");
			assertThat(get("/orders/7", orderTrace).body()).contains("seven");
			return new Requests(pingTrace, orderTrace);
		}

		private HttpResponse<String> get(String path, String traceId) {
			int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("X-Amzn-Trace-Id", "Root=" + traceId)
				.build();
			try {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(path).isEqualTo(200);
				return response;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static String newTraceId() {
			byte[] random = new byte[12];
			new SecureRandom().nextBytes(random);
			return "1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(random);
		}

		@Override
		public void close() throws IOException {
			this.context.close();
			this.classLoader.close();
		}

	}

}
