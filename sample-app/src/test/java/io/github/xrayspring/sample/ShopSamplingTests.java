package io.github.xrayspring.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.xrayspring.sampling.internal.SamplingStatistics;
import io.github.xrayspring.testsupport.OtlpReceiver;
import io.github.xrayspring.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of X-Ray sampling: real requests to the shop, sampled server spans
 * counted at an OTLP receiver.
 *
 * @author xray-spring-boot-starter team
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:sampling-${random.uuid};DB_CLOSE_DELAY=-1")
class ShopSamplingTests extends EndToEndTests {

	@Autowired
	private SamplingStatistics statistics;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@Nested
	@TestPropertySource(properties = { "xray.sampling.reservoir-per-second=0", "xray.sampling.fixed-rate=0.2",
			"xray.sampling.max-traces-per-second=10000" })
	class FixedRate {

		@Test
		void sampledFractionIsWithinBinomialBound() throws Exception {
			for (int i = 0; i < 400; i++) {
				assertThat(get("/customers/1").statusCode()).isEqualTo(200);
			}
			long sampled = count(SamplingStatistics.Rule::sampled);
			// the central 99.9% of Binomial(400, 0.2)
			assertThat(sampled).isBetween(55L, 107L);
			assertThat(count(SamplingStatistics.Rule::notSampled)).isEqualTo(400 - sampled);
			assertThat(awaitServerSpans("/customers/1", sampled)).hasSize((int) sampled);
		}

	}

	@Nested
	@TestPropertySource(properties = { "xray.sampling.reservoir-per-second=2", "xray.sampling.fixed-rate=0",
			"xray.sampling.max-traces-per-second=10000" })
	class Reservoir {

		@Test
		void aboutTwoTracesPerSecond() throws Exception {
			long end = System.nanoTime() + Duration.ofMillis(3500).toNanos();
			while (System.nanoTime() < end) {
				get("/customers/2");
			}
			long sampled = count(SamplingStatistics.Rule::sampled);
			Map<Long, Long> perSecond = perSecond(awaitServerSpans("/customers/2", sampled));
			assertThat(perSecond.values()).allMatch((traces) -> traces <= 2);
			// every second the requests ran through from start to end had both
			assertThat(interior(perSecond).values()).isNotEmpty().allMatch((traces) -> traces == 2);
		}

	}

	@Nested
	@TestPropertySource(properties = { "xray.sampling.reservoir-per-second=0", "xray.sampling.fixed-rate=0",
			"xray.sampling.max-traces-per-second=3" })
	class Ceiling {

		@Test
		void ceilingHoldsAgainstSampledHeaders() throws Exception {
			long end = System.nanoTime() + Duration.ofMillis(2500).toNanos();
			int requests = 0;
			while (System.nanoTime() < end) {
				String traceId = IdGenerator.random().generateTraceId();
				get("/customers/3", "X-Amzn-Trace-Id", "Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8)
						+ ";Parent=53995c3f42cd8ad8;Sampled=1");
				requests++;
			}
			SamplingStatistics.Snapshot snapshot = ShopSamplingTests.this.statistics.snapshot();
			assertThat(requests).isGreaterThan(20);
			assertThat(snapshot.parentSampled() + snapshot.ceilingHits()).isEqualTo(requests);
			Map<Long, Long> perSecond = perSecond(awaitServerSpans("/customers/3", snapshot.parentSampled()));
			assertThat(perSecond.values()).allMatch((traces) -> traces <= 3);
			assertThat(interior(perSecond).values()).isNotEmpty().allMatch((traces) -> traces == 3);
		}

	}

	@Nested
	@TestPropertySource(properties = { "xray.sampling.reservoir-per-second=0", "xray.sampling.fixed-rate=0",
			"xray.sampling.rules[0].name=orders", "xray.sampling.rules[0].http-method=get",
			"xray.sampling.rules[0].url-path=/orders/*", "xray.sampling.rules[0].fixed-rate=1",
			"xray.sampling.rules[1].name=local-customers", "xray.sampling.rules[1].host=LOCALHOST",
			"xray.sampling.rules[1].url-path=/customers", "xray.sampling.rules[1].fixed-rate=1",
			"xray.sampling.rules[2].name=health", "xray.sampling.rules[2].url-path=/actuator/*",
			"xray.sampling.rules[2].fixed-rate=1" })
	class Rules {

		@Test
		void urlPathRuleDecidesThroughRealRequest() throws Exception {
			long sampledBefore = sampled("orders");
			get("/orders/1");
			get("/customers/1");
			assertThat(awaitServerSpans("/orders/1", 1)).hasSize(1);
			assertNoServerSpan("/customers/1");
			assertThat(sampled("orders") - sampledBefore).isOne();
		}

		@Test
		void hostRuleIgnoresCaseAndQueryStringIsNotPartOfPath() throws Exception {
			long sampledBefore = sampled("local-customers");
			get("http://localhost:" + ShopSamplingTests.this.port + "/customers?page=1");
			get("http://127.0.0.1:" + ShopSamplingTests.this.port + "/customers?page=2");
			assertThat(awaitServerSpans("/customers", 1)).hasSize(1);
			assertThat(sampled("local-customers") - sampledBefore).isOne();
		}

		@Test
		void actuatorRequestsAreNotSampledEvenWhenRuleMatches() throws Exception {
			assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
			get("/orders/2");
			awaitServerSpans("/orders/2", 1);
			assertNoServerSpan("/actuator/health");
			assertThat(ShopSamplingTests.this.statistics.snapshot().actuatorNotSampled()).isPositive();
		}

		@Test
		void headerWithoutDecisionIsDecidedByRulesUnderItsTraceId() throws Exception {
			get("/orders/3", "X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272799");
			get("/customers/4", "X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a99427279a;Sampled=?");
			assertThat(awaitServerSpans("/orders/3", 1)).singleElement()
				.satisfies((span) -> assertThat(span.traceId()).isEqualTo("5759e988bd862e3fe1be46a994272799"));
			assertNoServerSpan("/customers/4");
		}

		@Test
		void decidedHeaderOverridesRules() throws Exception {
			get("/customers/5", "X-Amzn-Trace-Id",
					"Root=1-5759e988-bd862e3fe1be46a99427279b;Parent=53995c3f42cd8ad8;Sampled=1");
			get("/orders/4", "X-Amzn-Trace-Id",
					"Root=1-5759e988-bd862e3fe1be46a99427279c;Parent=53995c3f42cd8ad8;Sampled=0");
			assertThat(awaitServerSpans("/customers/5", 1)).hasSize(1);
			assertNoServerSpan("/orders/4");
		}

	}

	private long count(Function<SamplingStatistics.Rule, Long> count) {
		return this.statistics.snapshot().rules().stream().mapToLong(count::apply).sum();
	}

	private long sampled(String rule) {
		return this.statistics.snapshot()
			.rules()
			.stream()
			.filter((candidate) -> candidate.name().equals(rule))
			.mapToLong(SamplingStatistics.Rule::sampled)
			.sum();
	}

	private List<ReceivedSpan> awaitServerSpans(String path, long count) {
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> serverSpans(path).size() >= count);
		flush();
		return serverSpans(path);
	}

	private void assertNoServerSpan(String path) {
		flush();
		assertThat(serverSpans(path)).isEmpty();
	}

	private void flush() {
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
	}

	private static Map<Long, Long> perSecond(List<ReceivedSpan> spans) {
		return spans.stream()
			.collect(Collectors.groupingBy((span) -> span.span().getStartTimeUnixNano() / 1_000_000_000L, TreeMap::new,
					Collectors.counting()));
	}

	private static Map<Long, Long> interior(Map<Long, Long> perSecond) {
		TreeMap<Long, Long> seconds = new TreeMap<>(perSecond);
		seconds.pollFirstEntry();
		seconds.pollLastEntry();
		return seconds;
	}

}
