package io.github.xrayspring.export.internal.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import io.github.xrayspring.export.internal.ExportStatistics;
import io.github.xrayspring.testing.LoopbackHttpServer;
import io.github.xrayspring.testing.LoopbackHttpServer.Request;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SigV4SpanExporter} against a loopback stand-in for the X-Ray OTLP
 * endpoint.
 *
 * @author xray-spring-boot-starter team
 */
class SigV4SpanExporterTests {

	private static final String ACCESS_KEY = "AKIDEXAMPLEACCESSKEY";

	private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";

	private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:15:30Z"), ZoneOffset.UTC);

	private final ExportStatistics statistics = new ExportStatistics();

	private final AwsCredentialsProvider credentials = StaticCredentialsProvider
		.create(AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN));

	private LoopbackHttpServer xray;

	@BeforeEach
	void startStandIn() throws IOException {
		this.xray = LoopbackHttpServer.start();
	}

	@AfterEach
	void stopStandIn() {
		this.xray.close();
	}

	@Test
	void signsEveryRequestAsTheSdkSignerDoesForFixedCredentialsAndClock() throws Exception {
		SigV4SpanExporter exporter = builder().clock(CLOCK).build();
		List<SpanData> spans = spans(3, 10);
		assertThat(exporter.export(spans).join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
		Request received = this.xray.requests().get(0);
		assertThat(received.method()).isEqualTo("POST");
		assertThat(received.uri().getPath()).isEqualTo("/v1/traces");
		assertThat(received.header("Content-Type")).isEqualTo("application/x-protobuf");
		assertThat(received.header("X-Amz-Security-Token")).isEqualTo(SESSION_TOKEN);
		assertThat(received.header("X-Amz-Date")).isEqualTo("20261125T101530Z");
		String authorization = received.header("Authorization");
		assertThat(authorization).startsWith(
				"AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20261125/eu-west-1/xray/aws4_request, SignedHeaders=");
		assertThat(authorization).doesNotContain(SECRET_KEY);
		// recompute with the SDK's signer from what the stand-in received
		SdkHttpRequest resigned = AwsV4HttpSigner.create()
			.sign((request) -> request.identity(this.credentials.resolveCredentials())
				.request(SdkHttpRequest.builder()
					.uri(URI.create(this.xray.url("/v1/traces")))
					.method(SdkHttpMethod.POST)
					.putHeader("Content-Type", received.header("Content-Type"))
					.build())
				.payload(ContentStreamProvider.fromByteArray(received.body()))
				.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "xray")
				.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
				.putProperty(HttpSigner.SIGNING_CLOCK, CLOCK))
			.request();
		assertThat(authorization).isEqualTo(resigned.firstMatchingHeader("Authorization").orElseThrow());
		// a body that differs by one byte gives another signature: the payload is signed
		byte[] tampered = received.body().clone();
		tampered[tampered.length - 1] ^= 1;
		SdkHttpRequest tamperedSignature = AwsV4HttpSigner.create()
			.sign((request) -> request.identity(this.credentials.resolveCredentials())
				.request(SdkHttpRequest.builder()
					.uri(URI.create(this.xray.url("/v1/traces")))
					.method(SdkHttpMethod.POST)
					.putHeader("Content-Type", "application/x-protobuf")
					.build())
				.payload(ContentStreamProvider.fromByteArray(tampered))
				.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "xray")
				.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
				.putProperty(HttpSigner.SIGNING_CLOCK, CLOCK))
			.request();
		assertThat(tamperedSignature.firstMatchingHeader("Authorization")).isNotEqualTo(Optional.of(authorization));
		ExportTraceServiceRequest otlp = ExportTraceServiceRequest.parseFrom(received.body());
		assertThat(otlp.getResourceSpans(0).getScopeSpans(0).getSpansList()).hasSize(3);
		assertThat(this.statistics.getExported()).isEqualTo(3);
		assertThat(this.statistics.getFailed()).isZero();
	}

	@Test
	void gzipBodyIsCompressedBeforeSigning() throws Exception {
		SigV4SpanExporter exporter = builder().clock(CLOCK).gzip(true).build();
		assertThat(exporter.export(spans(2, 10)).join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
		Request received = this.xray.requests().get(0);
		assertThat(received.header("Content-Encoding")).isEqualTo("gzip");
		SdkHttpRequest resigned = AwsV4HttpSigner.create()
			.sign((request) -> request.identity(this.credentials.resolveCredentials())
				.request(SdkHttpRequest.builder()
					.uri(URI.create(this.xray.url("/v1/traces")))
					.method(SdkHttpMethod.POST)
					.putHeader("Content-Type", "application/x-protobuf")
					.putHeader("Content-Encoding", "gzip")
					.build())
				.payload(ContentStreamProvider.fromByteArray(received.body()))
				.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "xray")
				.putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
				.putProperty(HttpSigner.SIGNING_CLOCK, CLOCK))
			.request();
		assertThat(received.header("Authorization"))
			.isEqualTo(resigned.firstMatchingHeader("Authorization").orElseThrow());
		byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(received.body())).readAllBytes();
		assertThat(ExportTraceServiceRequest.parseFrom(unzipped).getResourceSpans(0).getScopeSpans(0).getSpansCount())
			.isEqualTo(2);
	}

	@Test
	void rotatedCredentialsAreAskedForOnEveryRequest() throws Exception {
		List<String> keys = new ArrayList<>();
		IdentityProvider<AwsCredentialsIdentity> rotating = new IdentityProvider<>() {

			@Override
			public Class<AwsCredentialsIdentity> identityType() {
				return AwsCredentialsIdentity.class;
			}

			@Override
			public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
				String key = "AKIDROTATED" + keys.size();
				keys.add(key);
				return CompletableFuture.completedFuture(AwsCredentialsIdentity.create(key, SECRET_KEY));
			}

		};
		SigV4SpanExporter exporter = SigV4SpanExporter
			.builder(URI.create(this.xray.url("/v1/traces")), "eu-west-1", rotating, this.statistics)
			.build();
		exporter.export(spans(1, 10)).join(5, TimeUnit.SECONDS);
		exporter.export(spans(1, 10)).join(5, TimeUnit.SECONDS);
		assertThat(this.xray.requests()).extracting((request) -> request.header("Authorization"))
			.satisfiesExactly((first) -> assertThat(first).contains("Credential=AKIDROTATED0/"),
					(second) -> assertThat(second).contains("Credential=AKIDROTATED1/"));
	}

	@Test
	void batchOverTheRequestSizeLimitIsSplitIntoRequestsThatFit() throws Exception {
		int limit = 4_000;
		SigV4SpanExporter exporter = builder().limits(limit, 10_000).build();
		List<SpanData> spans = spans(40, 500);
		assertThat(exporter.export(spans).join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
		List<Request> requests = this.xray.requests();
		assertThat(requests).hasSizeGreaterThan(1);
		List<String> received = new ArrayList<>();
		for (Request request : requests) {
			assertThat(request.body().length).isLessThanOrEqualTo(limit);
			ExportTraceServiceRequest.parseFrom(request.body())
				.getResourceSpans(0)
				.getScopeSpans(0)
				.getSpansList()
				.forEach((span) -> received.add(span.getName()));
		}
		assertThat(received).containsExactlyInAnyOrderElementsOf(spans.stream().map(SpanData::getName).toList());
		assertThat(this.statistics.getExported()).isEqualTo(40);
	}

	@Test
	void batchOverTheSpanCountLimitIsSplit() throws Exception {
		SigV4SpanExporter exporter = builder().limits(SigV4SpanExporter.MAX_REQUEST_BYTES, 7).build();
		assertThat(exporter.export(spans(20, 10)).join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(this.xray.requests()).hasSize(4)
			.allSatisfy((request) -> assertThat(ExportTraceServiceRequest.parseFrom(request.body())
				.getResourceSpans(0)
				.getScopeSpans(0)
				.getSpansCount()).isLessThanOrEqualTo(7));
		assertThat(this.statistics.getExported()).isEqualTo(20);
	}

	@Test
	void spanTooLargeForAnyRequestIsDroppedAndCountedWhileTheOthersGo() throws Exception {
		SigV4SpanExporter exporter = builder().limits(3_000, 10_000).build();
		List<SpanData> spans = new ArrayList<>(spans(3, 10));
		spans.add(span("huge", 5_000));
		exporter.export(spans).join(5, TimeUnit.SECONDS);
		assertThat(this.statistics.getExported()).isEqualTo(3);
		assertThat(this.statistics.getFailed()).isEqualTo(1);
		assertThat(this.statistics.getLastError().message()).contains("'huge'").contains("exceeds");
	}

	@Test
	void throttledRequestIsRetriedAndThenAccepted() throws Exception {
		this.xray.enqueue(429);
		SigV4SpanExporter exporter = builder().backoff(Duration.ofMillis(20), Duration.ofMillis(100)).build();
		CompletableResultCode result = exporter.export(spans(5, 10)).join(5, TimeUnit.SECONDS);
		assertThat(result.isSuccess()).isTrue();
		List<Request> requests = this.xray.requests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
		assertThat(this.statistics.getExported()).isEqualTo(5);
		assertThat(this.statistics.getFailed()).isZero();
	}

	@Test
	void serverErrorsAreRetriedWithGrowingBackoff() throws Exception {
		this.xray.enqueue(503).enqueue(500).enqueue(502);
		SigV4SpanExporter exporter = builder().backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
		assertThat(exporter.export(spans(1, 10)).join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(this.xray.requests()).hasSize(4);
		assertThat(exporter.backoff(1, null)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
		assertThat(exporter.backoff(3, null)).isBetween(Duration.ofMillis(40), Duration.ofMillis(80));
		assertThat(exporter.backoff(10, null)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
		assertThat(exporter.backoff(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void clientErrorIsNotRetriedAndIsReportedWithoutCredentials() throws Exception {
		this.xray.enqueue(LoopbackHttpServer.Response.json(403,
				"{\"message\":\"The security token included in the request is invalid.\"}"));
		SigV4SpanExporter exporter = builder().build();
		assertThat(exporter.export(spans(2, 10)).join(5, TimeUnit.SECONDS).isSuccess()).isFalse();
		assertThat(this.xray.requests()).hasSize(1);
		assertThat(this.statistics.getFailed()).isEqualTo(2);
		assertThat(this.statistics.getLastError().message()).contains("403").contains("security token");
		assertThat(this.statistics.getLastError().message() + exporter + this.statistics).doesNotContain(SECRET_KEY)
			.doesNotContain(SESSION_TOKEN);
	}

	@Test
	void endpointThatKeepsFailingDropsAndCountsWithinTheTimeoutWithoutBlockingTheCaller() throws Exception {
		this.xray.handler((request) -> new LoopbackHttpServer.Response(503, Map.of(), new byte[0]));
		SigV4SpanExporter exporter = builder().timeout(Duration.ofMillis(800))
			.backoff(Duration.ofMillis(50), Duration.ofMillis(200))
			.build();
		long start = System.nanoTime();
		CompletableResultCode result = exporter.export(spans(10, 10));
		long exportReturned = System.nanoTime() - start;
		assertThat(result.join(5, TimeUnit.SECONDS).isSuccess()).isFalse();
		long done = System.nanoTime() - start;
		assertThat(Duration.ofNanos(exportReturned)).isLessThan(Duration.ofMillis(300));
		assertThat(Duration.ofNanos(done)).isLessThan(Duration.ofMillis(2_500));
		assertThat(this.xray.requests()).hasSizeGreaterThan(1);
		assertThat(this.statistics.getFailed()).isEqualTo(10);
		assertThat(this.statistics.getExported()).isZero();
		assertThat(this.statistics.getLastError().message()).contains("503").contains("gave up");
	}

	@Test
	void finalAttemptCutShortByTheTimeoutStillReportsWhatTheEndpointAnswered() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		this.xray.handler((request) -> {
			if (calls.incrementAndGet() > 1) {
				sleep(Duration.ofSeconds(2));
			}
			return new LoopbackHttpServer.Response(503, Map.of(), "{\"message\":\"slow down\"}".getBytes());
		});
		SigV4SpanExporter exporter = builder().timeout(Duration.ofMillis(500))
			.backoff(Duration.ofMillis(10), Duration.ofMillis(20))
			.build();
		assertThat(exporter.export(spans(3, 10)).join(5, TimeUnit.SECONDS).isSuccess()).isFalse();
		assertThat(this.statistics.getFailed()).isEqualTo(3);
		// the client reports the cut-short attempt as timed out or as a connection it
		// closed
		assertThat(this.statistics.getLastError().message()).containsAnyOf("timed out", "closed")
			.contains("before that: X-Ray endpoint answered 503")
			.contains("slow down");
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void unreachableEndpointFailsAndCounts() throws Exception {
		String url = this.xray.url("/v1/traces");
		this.xray.close();
		SigV4SpanExporter exporter = SigV4SpanExporter
			.builder(URI.create(url), "eu-west-1", this.credentials, this.statistics)
			.timeout(Duration.ofMillis(400))
			.backoff(Duration.ofMillis(50), Duration.ofMillis(100))
			.build();
		assertThat(exporter.export(spans(2, 10)).join(5, TimeUnit.SECONDS).isSuccess()).isFalse();
		assertThat(this.statistics.getFailed()).isEqualTo(2);
		// which of the two the last error names depends on whether the retries or the
		// timeout ran out first
		assertThat(this.statistics.getLastError().message()).containsAnyOf("Could not reach", "timed out");
	}

	@Test
	void missingCredentialsFailTheExportWithoutSending() throws Exception {
		IdentityProvider<AwsCredentialsIdentity> none = new IdentityProvider<>() {

			@Override
			public Class<AwsCredentialsIdentity> identityType() {
				return AwsCredentialsIdentity.class;
			}

			@Override
			public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
				return CompletableFuture.failedFuture(new IllegalStateException("Unable to load credentials"));
			}

		};
		SigV4SpanExporter exporter = SigV4SpanExporter
			.builder(URI.create(this.xray.url("/v1/traces")), "eu-west-1", none, this.statistics)
			.build();
		assertThat(exporter.export(spans(1, 10)).join(5, TimeUnit.SECONDS).isSuccess()).isFalse();
		assertThat(this.xray.requests()).isEmpty();
		assertThat(this.statistics.getLastError().message()).contains("Unable to load credentials");
	}

	@Test
	void regionalEndpointFollowsTheDocumentedForm() {
		assertThat(SigV4SpanExporter.regionalEndpoint("ap-southeast-2"))
			.hasToString("https://xray.ap-southeast-2.amazonaws.com/v1/traces");
	}

	private SigV4SpanExporter.Builder builder() {
		return SigV4SpanExporter.builder(URI.create(this.xray.url("/v1/traces")), "eu-west-1", this.credentials,
				this.statistics);
	}

	private static List<SpanData> spans(int count, int attributeLength) {
		List<SpanData> spans = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			spans.add(span("span-" + i, attributeLength));
		}
		return spans;
	}

	private static SpanData span(String name, int attributeLength) {
		long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
		return TestSpanData.builder()
			.setName(name)
			.setKind(SpanKind.SERVER)
			.setSpanContext(SpanContext.create("5759e988bd862e3fe1be46a994272793",
					String.format("%016x", name.hashCode() & 0xffffffffL | 1L << 40), TraceFlags.getSampled(),
					TraceState.getDefault()))
			.setStartEpochNanos(now)
			.setEndEpochNanos(now + 1_000_000)
			.setHasEnded(true)
			.setStatus(StatusData.unset())
			.setAttributes(Attributes.of(AttributeKey.stringKey("payload"), "x".repeat(attributeLength)))
			.setTotalAttributeCount(1)
			.build();
	}

}
