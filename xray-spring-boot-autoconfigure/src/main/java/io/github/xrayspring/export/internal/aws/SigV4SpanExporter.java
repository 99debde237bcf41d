package io.github.xrayspring.export.internal.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import io.github.xrayspring.export.internal.ExportStatistics;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Sends spans as OTLP/HTTP protobuf to the X-Ray OTLP endpoint, every request signed with
 * SigV4 for the service {@code xray} by the AWS SDK's own signer.
 * <p>
 * A batch larger than X-Ray accepts in one request (5 MB uncompressed, 10,000 spans) is
 * split; a 429, a 5xx or an I/O error is retried with jittered exponential backoff while
 * the timeout of the request leaves room; what still fails is dropped and counted in
 * {@link ExportStatistics}. Everything runs on the exporter's thread and the HTTP
 * client's threads, never on an application thread. The serialization is OpenTelemetry's
 * own OTLP marshaler, the one its OTLP exporters use.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class SigV4SpanExporter implements SpanExporter {

	/** X-Ray's limit on the uncompressed size of one OTLP request. */
	public static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;

	/** X-Ray's limit on the number of spans in one OTLP request. */
	public static final int MAX_SPANS_PER_REQUEST = 10_000;

	static final String SIGNING_NAME = "xray";

	private static final Log logger = LogFactory.getLog(SigV4SpanExporter.class);

	// headers the JDK client sets itself and refuses from callers; it derives the same
	// host (with port) from the URI the signer saw
	private static final Set<String> CLIENT_HEADERS = Set.of("host", "content-length", "connection", "expect",
			"upgrade");

	private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final URI endpoint;

	private final String region;

	private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	private final Clock clock;

	private final Duration timeout;

	private final boolean gzip;

	private final ExportStatistics statistics;

	private final int maxRequestBytes;

	private final int maxSpansPerRequest;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final HttpClient http;

	private final Set<CompletableResultCode> inFlight = ConcurrentHashMap.newKeySet();

	private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

	private volatile boolean shutdown;

	private SigV4SpanExporter(Builder builder) {
		this.endpoint = builder.endpoint;
		this.region = builder.region;
		this.credentials = builder.credentials;
		this.clock = builder.clock;
		this.timeout = builder.timeout;
		this.gzip = builder.gzip;
		this.statistics = builder.statistics;
		this.maxRequestBytes = builder.maxRequestBytes;
		this.maxSpansPerRequest = builder.maxSpansPerRequest;
		this.initialBackoff = builder.initialBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.http = HttpClient.newBuilder().connectTimeout(builder.connectTimeout).build();
	}

	/**
	 * Starts a builder.
	 * @param endpoint the OTLP traces URL
	 * @param region the region to sign for
	 * @param credentials where credentials come from, asked for every request so that
	 * rotated credentials are used
	 * @param statistics where exported and failed spans are counted
	 * @return a builder
	 */
	public static Builder builder(URI endpoint, String region,
			IdentityProvider<? extends AwsCredentialsIdentity> credentials, ExportStatistics statistics) {
		return new Builder(endpoint, region, credentials, statistics);
	}

	/**
	 * Returns the X-Ray OTLP traces endpoint of a region.
	 * @param region the region
	 * @return {@code https://xray.<region>.amazonaws.com/v1/traces}
	 */
	public static URI regionalEndpoint(String region) {
		return URI.create("https://xray." + region + ".amazonaws.com/v1/traces");
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		if (this.shutdown) {
			return CompletableResultCode.ofFailure();
		}
		if (spans.isEmpty()) {
			return CompletableResultCode.ofSuccess();
		}
		List<CompletableResultCode> results = new ArrayList<>();
		for (Chunk chunk : split(new ArrayList<>(spans))) {
			results.add(send(chunk));
		}
		return CompletableResultCode.ofAll(results);
	}

	// one request per chunk: halves until each fits X-Ray's per-request limits; a single
	// span that cannot fit is dropped, as X-Ray would reject the whole request
	List<Chunk> split(List<SpanData> spans) {
		List<Chunk> chunks = new ArrayList<>();
		split(spans, chunks);
		return chunks;
	}

	private void split(List<SpanData> spans, List<Chunk> chunks) {
		if (spans.size() > this.maxSpansPerRequest) {
			splitInHalves(spans, chunks);
			return;
		}
		TraceRequestMarshaler marshaler = TraceRequestMarshaler.create(spans);
		int size = marshaler.getBinarySerializedSize();
		if (size <= this.maxRequestBytes) {
			chunks.add(new Chunk(spans.size(), marshaler, size));
		}
		else if (spans.size() == 1) {
			fail(1, "Span '" + spans.get(0).getName() + "' of " + size + " bytes exceeds the " + this.maxRequestBytes
					+ " bytes X-Ray accepts in one request", null);
		}
		else {
			splitInHalves(spans, chunks);
		}
	}

	private void splitInHalves(List<SpanData> spans, List<Chunk> chunks) {
		int half = spans.size() / 2;
		split(spans.subList(0, half), chunks);
		split(spans.subList(half, spans.size()), chunks);
	}

	// the timeout bounds the network part of one request, retries included; the CPU
	// spent serializing does not eat into it
	private CompletableResultCode send(Chunk chunk) {
		CompletableResultCode result = new CompletableResultCode();
		this.inFlight.add(result);
		result.whenComplete(() -> this.inFlight.remove(result));
		byte[] body;
		try {
			body = body(chunk);
		}
		catch (IOException | RuntimeException ex) {
			fail(chunk.spans(), "Could not serialize spans: " + ex, result);
			return result;
		}
		attempt(body, chunk.spans(), System.nanoTime() + this.timeout.toNanos(), 1, null, result);
		return result;
	}

	private byte[] body(Chunk chunk) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.size());
		if (this.gzip) {
			try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
				chunk.marshaler().writeBinaryTo(zip);
			}
		}
		else {
			chunk.marshaler().writeBinaryTo(out);
		}
		return out.toByteArray();
	}

	// lastAnswer is what the endpoint last answered, kept so that a final attempt cut
	// short
	// by the deadline still reports why the earlier ones failed
	private void attempt(byte[] body, int spans, long deadline, int attempt, @Nullable String lastAnswer,
			CompletableResultCode result) {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			fail(spans, withLastAnswer("Export timed out after " + (attempt - 1) + " attempt(s)", lastAnswer), result);
			return;
		}
		CompletableFuture<? extends AwsCredentialsIdentity> identity;
		try {
			identity = this.credentials.resolveIdentity();
		}
		catch (RuntimeException ex) {
			fail(spans, "No AWS credentials: " + ex.getMessage(), result);
			return;
		}
		identity.thenApply((credentials) -> request(body, credentials, Duration.ofNanos(remaining)))
			.whenComplete((request, ex) -> {
				if (ex != null) {
					fail(spans, "Could not sign the request (no AWS credentials?): " + rootMessage(ex), result);
					return;
				}
				this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
					.whenComplete((response, error) -> handle(response, error, body, spans, deadline, attempt,
							lastAnswer, result));
			});
	}

	private HttpRequest request(byte[] body, AwsCredentialsIdentity credentials, Duration timeout) {
		SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
			.uri(this.endpoint)
			.method(SdkHttpMethod.POST)
			.putHeader("Content-Type", "application/x-protobuf");
		if (this.gzip) {
			unsigned.putHeader("Content-Encoding", "gzip");
		}
		SdkHttpRequest signed = this.signer
			.sign((request) -> request.identity(credentials)
				.request(unsigned.build())
				.payload(ContentStreamProvider.fromByteArrayUnsafe(body))
				.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
				.putProperty(AwsV4HttpSigner.REGION_NAME, this.region)
				.putProperty(HttpSigner.SIGNING_CLOCK, this.clock))
			.request();
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
			.timeout(timeout)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		signed.forEachHeader((name, values) -> {
			if (!CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		return request.build();
	}

	private void handle(@Nullable HttpResponse<String> response, @Nullable Throwable error, byte[] body, int spans,
			long deadline, int attempt, @Nullable String lastAnswer, CompletableResultCode result) {
		String problem;
		String answer = lastAnswer;
		Duration retryAfter = null;
		if (response != null && response.statusCode() / 100 == 2) {
			this.statistics.exported(spans);
			result.succeed();
			return;
		}
		if (response != null) {
			int status = response.statusCode();
			problem = "X-Ray endpoint answered " + status + describeBody(response.body());
			answer = problem;
			if (status != 429 && status < 500) {
				fail(spans, problem, result);
				return;
			}
			retryAfter = retryAfter(response);
		}
		else {
			problem = withLastAnswer("Could not reach the X-Ray endpoint: " + rootMessage(error), lastAnswer);
		}
		Duration backoff = backoff(attempt, retryAfter);
		if (this.shutdown || System.nanoTime() + backoff.toNanos() >= deadline) {
			fail(spans, problem + " (gave up after " + attempt + " attempt(s))", result);
			return;
		}
		String answerSoFar = answer;
		CompletableFuture.delayedExecutor(backoff.toNanos(), TimeUnit.NANOSECONDS)
			.execute(() -> attempt(body, spans, deadline, attempt + 1, answerSoFar, result));
	}

	private static String withLastAnswer(String problem, @Nullable String lastAnswer) {
		return (lastAnswer != null) ? problem + "; before that: " + lastAnswer : problem;
	}

	Duration backoff(int attempt, @Nullable Duration retryAfter) {
		long exponential = this.initialBackoff.toNanos() << Math.min(attempt - 1, 20);
		long capped = Math.min(exponential, this.maxBackoff.toNanos());
		// full jitter on the upper half spreads retries of many instances
		long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
		if (retryAfter != null && retryAfter.toNanos() > jittered) {
			return retryAfter;
		}
		return Duration.ofNanos(jittered);
	}

	private static @Nullable Duration retryAfter(HttpResponse<?> response) {
		String value = response.headers().firstValue("Retry-After").orElse(null);
		if (value == null) {
			return null;
		}
		try {
			return Duration.ofSeconds(Long.parseLong(value.trim()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String describeBody(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String text = body.strip().replaceAll("\\s+", " ");
		return ": " + ((text.length() > 200) ? text.substring(0, 200) + "..." : text);
	}

	private static String rootMessage(@Nullable Throwable error) {
		Throwable root = error;
		while (root != null && root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root != null) ? root.getClass().getSimpleName() + ": " + root.getMessage() : "unknown error";
	}

	private void fail(int spans, String problem, @Nullable CompletableResultCode result) {
		this.statistics.failed(spans, problem);
		long now = System.nanoTime();
		long last = this.lastLogged.get();
		if (now - last >= LOG_INTERVAL_NANOS && this.lastLogged.compareAndSet(last, now)) {
			logger.warn("Dropped " + spans + " span(s) for X-Ray: " + problem
					+ " (further failures are counted, logged at most once a minute)");
		}
		if (result != null) {
			result.fail();
		}
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofAll(List.copyOf(this.inFlight));
	}

	@Override
	public CompletableResultCode shutdown() {
		this.shutdown = true;
		// the default chain holds refresh threads and HTTP clients of its own
		if (this.credentials instanceof SdkAutoCloseable closeable) {
			closeable.close();
		}
		return flush();
	}

	@Override
	public String toString() {
		return "SigV4SpanExporter[endpoint=" + this.endpoint + ", region=" + this.region + "]";
	}

	/**
	 * One request's worth of spans, serialized lazily.
	 *
	 * @param spans number of spans
	 * @param marshaler the OTLP request
	 * @param size uncompressed size in bytes
	 */
	record Chunk(int spans, TraceRequestMarshaler marshaler, int size) {

	}

	/**
	 * Builds a {@link SigV4SpanExporter}.
	 */
	public static final class Builder {

		private final URI endpoint;

		private final String region;

		private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;

		private final ExportStatistics statistics;

		private Clock clock = Clock.systemUTC();

		private Duration timeout = Duration.ofSeconds(10);

		private Duration connectTimeout = Duration.ofSeconds(10);

		private boolean gzip;

		private int maxRequestBytes = MAX_REQUEST_BYTES;

		private int maxSpansPerRequest = MAX_SPANS_PER_REQUEST;

		private Duration initialBackoff = Duration.ofMillis(100);

		private Duration maxBackoff = Duration.ofSeconds(5);

		private Builder(URI endpoint, String region, IdentityProvider<? extends AwsCredentialsIdentity> credentials,
				ExportStatistics statistics) {
			this.endpoint = endpoint;
			this.region = region;
			this.credentials = credentials;
			this.statistics = statistics;
		}

		/**
		 * Sets the time one export may take, retries included.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Sets the connect timeout.
		 * @param connectTimeout the connect timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Sets whether request bodies are gzip-compressed (before signing).
		 * @param gzip whether to compress
		 * @return this builder
		 */
		public Builder gzip(boolean gzip) {
			this.gzip = gzip;
			return this;
		}

		/**
		 * Sets the clock the signature is dated with.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Sets the per-request limits (X-Ray's by default).
		 * @param maxRequestBytes uncompressed bytes per request
		 * @param maxSpansPerRequest spans per request
		 * @return this builder
		 */
		public Builder limits(int maxRequestBytes, int maxSpansPerRequest) {
			this.maxRequestBytes = maxRequestBytes;
			this.maxSpansPerRequest = maxSpansPerRequest;
			return this;
		}

		/**
		 * Sets the first and the longest wait between retries.
		 * @param initial the first wait
		 * @param max the longest wait
		 * @return this builder
		 */
		public Builder backoff(Duration initial, Duration max) {
			this.initialBackoff = initial;
			this.maxBackoff = max;
			return this;
		}

		/**
		 * Builds the exporter.
		 * @return the exporter
		 */
		public SigV4SpanExporter build() {
			return new SigV4SpanExporter(this);
		}

	}

}
