package io.github.xrayspring.autoconfigure.awssdk;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.xrayspring.autoconfigure.export.XRayExportAutoConfiguration;
import io.github.xrayspring.autoconfigure.tracing.XRayTracingAutoConfiguration;
import io.github.xrayspring.awssdk.internal.XRayAwsSdkInterceptor;
import io.github.xrayspring.testing.LoopbackHttpServer;
import io.github.xrayspring.testing.LoopbackHttpServer.Response;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link XRayAwsSdkAutoConfiguration}: AWS SDK clients built by hand against
 * loopback stand-ins for DynamoDB, S3 and SQS, seen through the local X-Ray preview.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class XRayAwsSdkAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class,
				XRayTracingAutoConfiguration.class, XRayExportAutoConfiguration.class,
				XRayAwsSdkAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0", "xray.exporter.type=logging",
				"spring.application.name=orders");

	private LoopbackHttpServer aws;

	@BeforeEach
	void startStandIn() throws IOException {
		this.aws = LoopbackHttpServer.start();
	}

	@AfterEach
	void stopStandIn() {
		this.aws.close();
	}

	@Test
	void dynamoDbCallIsAnAwsSubsegmentNamedAfterTheServiceWithTheTable(CapturedOutput output) {
		this.aws.handler((request) -> new Response(200,
				Map.of("Content-Type", "application/x-amz-json-1.0", "x-amzn-RequestId", "REQ-DYNAMO-1"),
				"{\"Item\":{\"id\":{\"S\":\"42\"}}}".getBytes(StandardCharsets.UTF_8)));
		this.contextRunner.run((context) -> {
			DynamoDbClient dynamo = DynamoDbClient.builder()
				.endpointOverride(URI.create(this.aws.url("/")))
				.region(Region.EU_WEST_1)
				.credentialsProvider(credentials())
				.httpClient(UrlConnectionHttpClient.create())
				.build();
			String traceId = inServerSpan(context.getBean(Tracer.class), () -> dynamo
				.getItem((get) -> get.tableName("orders").key(Map.of("id", AttributeValue.fromS("42")))));
			context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
			String subsegment = documentNamed(output, "\"name\":\"DynamoDb\"");
			assertThat(subsegment).contains("\"namespace\":\"aws\"")
				.contains("\"type\":\"subsegment\"")
				.contains("\"operation\":\"GetItem\"")
				.contains("\"region\":\"eu-west-1\"")
				.contains("\"table_name\":\"orders\"")
				.contains("\"request_id\":\"REQ-DYNAMO-1\"")
				.contains(traceId.substring(8));
			// the call itself carries the trace onwards in X-Ray's header
			assertThat(this.aws.requests().get(0).header("X-Amzn-Trace-Id")).contains(traceId.substring(8));
		});
	}

	@Test
	void s3CallCarriesTheBucket(CapturedOutput output) {
		this.aws.handler((request) -> new Response(200, Map.of("ETag", "\"abc\"", "Content-Length", "0"), new byte[0]));
		this.contextRunner.run((context) -> {
			S3Client s3 = S3Client.builder()
				.endpointOverride(URI.create(this.aws.url("/")))
				.forcePathStyle(true)
				.region(Region.EU_WEST_1)
				.credentialsProvider(credentials())
				.httpClient(UrlConnectionHttpClient.create())
				.build();
			inServerSpan(context.getBean(Tracer.class),
					() -> s3.headObject((head) -> head.bucket("invoices").key("a.pdf")));
			context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
			assertThat(documentNamed(output, "\"name\":\"S3\"")).contains("\"namespace\":\"aws\"")
				.contains("\"operation\":\"HeadObject\"")
				.contains("invoices");
		});
	}

	@Test
	void sqsMessageSentCarriesTheAwsTraceHeaderAndTheQueueUrl(CapturedOutput output) {
		this.aws.handler(XRayAwsSdkAutoConfigurationTests::sqsSendMessage);
		this.contextRunner.run((context) -> {
			SqsClient sqs = SqsClient.builder()
				.endpointOverride(URI.create(this.aws.url("/")))
				.region(Region.EU_WEST_1)
				.credentialsProvider(credentials())
				.httpClient(UrlConnectionHttpClient.create())
				.build();
			String queueUrl = this.aws.url("/123456789012/orders");
			String traceId = inServerSpan(context.getBean(Tracer.class),
					() -> sqs.sendMessage((send) -> send.queueUrl(queueUrl).messageBody("order 42")));
			context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
			Map<String, Object> sent = JsonParserFactory.getJsonParser()
				.parseMap(this.aws.requests().get(0).bodyText());
			assertThat(sent).extractingByKey("MessageSystemAttributes")
				.asString()
				.contains("AWSTraceHeader")
				.contains("Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8))
				.contains("Sampled=1");
			assertThat(documentNamed(output, "\"name\":\"Sqs\"")).contains("\"namespace\":\"aws\"")
				.contains("\"operation\":\"SendMessage\"")
				.contains("\"queue_url\":\"" + queueUrl + "\"");
		});
	}

	@Test
	void receivedMessageContinuesItsTraceThroughTheWrappedSqsClient(CapturedOutput output) {
		String header = "Root=1-5759e988-bd862e3fe1be46a9942727b1;Parent=53995c3f42cd8ad8;Sampled=1";
		this.aws.handler((request) -> Response.json(200,
				"{\"Messages\":[{\"MessageId\":\"m-1\",\"ReceiptHandle\":\"r-1\",\"Body\":\"order 42\","
						+ "\"MD5OfBody\":\"" + md5("order 42") + "\",\"Attributes\":{\"AWSTraceHeader\":\"" + header
						+ "\"}}]}"));
		this.contextRunner.run((context) -> {
			// the opt-in a consumer makes: its own AwsSdkTelemetry on the application's
			// OpenTelemetry
			SqsClient sqs = AwsSdkTelemetry.create(context.getBean(OpenTelemetry.class))
				.wrap(SqsClient.builder()
					.endpointOverride(URI.create(this.aws.url("/")))
					.region(Region.EU_WEST_1)
					.credentialsProvider(credentials())
					.httpClient(UrlConnectionHttpClient.create())
					.build());
			String queueUrl = this.aws.url("/123456789012/orders");
			// iterating the messages runs each in a span continuing the sender's trace
			List<String> traceIds = new ArrayList<>();
			sqs.receiveMessage((receive) -> receive.queueUrl(queueUrl))
				.messages()
				.forEach((message) -> traceIds.add(Span.current().getSpanContext().getTraceId()));
			assertThat(traceIds).containsExactly("5759e988bd862e3fe1be46a9942727b1");
			context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
			assertThat(this.aws.requests().get(0).bodyText()).contains("AWSTraceHeader");
			assertThat(documentNamed(output, "\"messaging.operation\":\"process\""))
				.contains("{\"trace_id\":\"1-5759e988-bd862e3fe1be46a9942727b1\"")
				.contains("\"parent_id\":\"53995c3f42cd8ad8\"")
				.contains("\"name\":\"Sqs\"");
		});
	}

	@Test
	void throttledCallShowsAsThrottle(CapturedOutput output) {
		this.aws.handler((request) -> Response.json(429,
				"{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\",\"message\":\"Rate exceeded\"}"));
		this.contextRunner.run((context) -> {
			DynamoDbClient dynamo = DynamoDbClient.builder()
				.endpointOverride(URI.create(this.aws.url("/")))
				.region(Region.EU_WEST_1)
				.credentialsProvider(credentials())
				.httpClient(UrlConnectionHttpClient.create())
				.overrideConfiguration((client) -> client.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build();
			assertThatExceptionOfType(SdkServiceException.class)
				.isThrownBy(() -> inServerSpan(context.getBean(Tracer.class),
						() -> dynamo
							.getItem((get) -> get.tableName("orders").key(Map.of("id", AttributeValue.fromS("42"))))))
				.satisfies((ex) -> assertThat(ex.isThrottlingException()).isTrue());
			context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
			assertThat(documentNamed(output, "\"name\":\"DynamoDb\"")).contains("\"throttle\":true")
				.contains("\"error\":true")
				.contains("\"status\":429");
		});
	}

	@Test
	void throttlingErrorAnsweredWith400ShowsAsThrottleAndOther4xxAsError(CapturedOutput output) {
		this.aws.enqueue(Response.json(400,
				"{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\",\"message\":\"Slow down\"}"));
		this.aws.enqueue(Response.json(400,
				"{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"No table\"}"));
		this.contextRunner.run((context) -> {
			DynamoDbClient dynamo = DynamoDbClient.builder()
				.endpointOverride(URI.create(this.aws.url("/")))
				.region(Region.EU_WEST_1)
				.credentialsProvider(credentials())
				.httpClient(UrlConnectionHttpClient.create())
				.overrideConfiguration((client) -> client.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build();
			Tracer tracer = context.getBean(Tracer.class);
			assertThatExceptionOfType(SdkServiceException.class)
				.isThrownBy(() -> inServerSpan(tracer, () -> dynamo.getItem((get) -> get.tableName("hot"))));
			assertThatExceptionOfType(SdkServiceException.class)
				.isThrownBy(() -> inServerSpan(tracer, () -> dynamo.getItem((get) -> get.tableName("missing"))));
			context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
			assertThat(documentNamed(output, "\"table_name\":\"hot\"")).contains("\"throttle\":true")
				.contains("\"error\":true")
				.contains("\"fault\":false");
			assertThat(documentNamed(output, "\"table_name\":\"missing\"")).contains("\"throttle\":false")
				.contains("\"error\":true")
				.contains("\"status\":400");
		});
	}

	@Test
	void serverErrorShowsAsFault(CapturedOutput output) {
		this.aws.handler((request) -> Response.json(500,
				"{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"Oops\"}"));
		this.contextRunner.run((context) -> {
			DynamoDbClient dynamo = DynamoDbClient.builder()
				.endpointOverride(URI.create(this.aws.url("/")))
				.region(Region.EU_WEST_1)
				.credentialsProvider(credentials())
				.httpClient(UrlConnectionHttpClient.create())
				.overrideConfiguration((client) -> client.retryStrategy(AwsRetryStrategy.doNotRetry()))
				.build();
			assertThatExceptionOfType(SdkServiceException.class)
				.isThrownBy(() -> inServerSpan(context.getBean(Tracer.class),
						() -> dynamo.getItem((get) -> get.tableName("orders"))));
			context.getBean(SdkTracerProvider.class).forceFlush().join(5, TimeUnit.SECONDS);
			assertThat(documentNamed(output, "\"name\":\"DynamoDb\"")).contains("\"fault\":true")
				.contains("\"error\":false")
				.contains("\"status\":500");
		});
	}

	@Test
	void disabledLeavesClientsUntraced() {
		this.contextRunner.withPropertyValues("xray.aws-sdk.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(XRayAwsSdkAutoConfiguration.AwsSdkInstrumentation.class);
			assertThat(XRayAwsSdkInterceptor.isInstalled()).isFalse();
			this.aws.handler((request) -> Response.json(200, "{}"));
			DynamoDbClient dynamo = DynamoDbClient.builder()
				.endpointOverride(URI.create(this.aws.url("/")))
				.region(Region.EU_WEST_1)
				.credentialsProvider(credentials())
				.httpClient(UrlConnectionHttpClient.create())
				.build();
			inServerSpan(context.getBean(Tracer.class), () -> dynamo.getItem((get) -> get.tableName("orders")));
			assertThat(this.aws.requests().get(0).header("X-Amzn-Trace-Id")).isNull();
		});
	}

	@Test
	void closingTheContextUninstalls() {
		this.contextRunner.run((context) -> assertThat(XRayAwsSdkInterceptor.isInstalled()).isTrue());
		assertThat(XRayAwsSdkInterceptor.isInstalled()).isFalse();
	}

	private static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTANDIN", "standInSecret"));
	}

	private static String inServerSpan(Tracer tracer, Runnable call) {
		Span server = tracer.spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).startSpan();
		try (Scope scope = server.makeCurrent()) {
			call.run();
		}
		finally {
			server.end();
		}
		return server.getSpanContext().getTraceId();
	}

	private static String documentNamed(CapturedOutput output, String name) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains(name) && line.contains("\"namespace\":\"aws\""))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No aws subsegment " + name + " in:\n" + output.getAll()));
	}

	private static Response sqsSendMessage(LoopbackHttpServer.Request request) {
		Map<String, Object> body = JsonParserFactory.getJsonParser().parseMap(request.bodyText());
		String md5 = md5((String) body.get("MessageBody"));
		return Response.of(200, "application/x-amz-json-1.0",
				"{\"MessageId\":\"5fea7756-0ea4-451a-a703-a558b933e274\",\"MD5OfMessageBody\":\"" + md5 + "\"}");
	}

	private static String md5(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
			return String.format("%032x", new BigInteger(1, digest));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
