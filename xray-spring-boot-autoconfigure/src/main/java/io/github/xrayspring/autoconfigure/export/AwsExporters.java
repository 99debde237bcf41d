package io.github.xrayspring.autoconfigure.export;

import java.net.URI;
import java.time.Duration;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.export.internal.ExportStatistics;
import io.github.xrayspring.export.internal.aws.AwsDefaults;
import io.github.xrayspring.export.internal.aws.SigV4SpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Builds the {@code aws} exporter from the properties, failing startup with a clear
 * report when the AWS SDK modules or the region are missing. Only this class and
 * {@code export.internal.aws} touch AWS SDK types, and only after the check.
 *
 * @author xray-spring-boot-starter team
 */
final class AwsExporters {

	static final String REGION_PROPERTY = "xray.exporter.aws.region";

	static final String ENDPOINT_PROPERTY = "xray.exporter.aws.endpoint";

	private static final String OTLP_PREFIX = "management.opentelemetry.tracing.export.otlp";

	// one class per artifact the exporter needs: auth (credentials chain, brings the
	// http-auth-aws signer) and regions (region chain)
	private static final String[][] REQUIRED = {
			{ "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider", "auth" },
			{ "software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner", "http-auth-aws" },
			{ "software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain", "regions" } };

	private AwsExporters() {
	}

	static SpanExporter create(XRayProperties.Exporter.Aws aws, Environment environment, ExportStatistics statistics,
			ClassLoader classLoader) {
		requireAwsSdk(classLoader);
		return Factory.create(aws, environment, statistics);
	}

	static void requireAwsSdk(ClassLoader classLoader) {
		StringBuilder missing = new StringBuilder();
		for (String[] required : REQUIRED) {
			if (!ClassUtils.isPresent(required[0], classLoader)) {
				missing.append((missing.length() > 0) ? ", " : "")
					.append("software.amazon.awssdk:")
					.append(required[1]);
			}
		}
		if (missing.length() > 0) {
			throw new AwsExportSetupException(
					"xray.exporter.type=aws signs requests with the AWS SDK for Java v2, but " + missing
							+ " is not on the classpath.",
					"Add the dependencies software.amazon.awssdk:auth and software.amazon.awssdk:regions (versions"
							+ " from software.amazon.awssdk:bom), or choose another xray.exporter.type.");
		}
	}

	// a separate class so that the AWS SDK types it names load only after the check
	private static final class Factory {

		static SpanExporter create(XRayProperties.Exporter.Aws aws, Environment environment,
				ExportStatistics statistics) {
			String region = StringUtils.hasText(aws.getRegion()) ? aws.getRegion() : AwsDefaults.region();
			if (!StringUtils.hasText(region)) {
				throw new AwsExportSetupException(
						"xray.exporter.type=aws needs an AWS region to sign for, and none was found: " + REGION_PROPERTY
								+ " is not set and the AWS SDK's region chain found nothing.",
						"Set " + REGION_PROPERTY
								+ " (or AWS_REGION). It is needed even when xray.exporter.aws.endpoint is set.");
			}
			URI endpoint = endpoint(aws.getEndpoint(), region);
			OtlpTracingProperties otlp = Binder.get(environment).bindOrCreate(OTLP_PREFIX, OtlpTracingProperties.class);
			Duration timeout = otlp.getTimeout();
			return SigV4SpanExporter.builder(endpoint, region, AwsDefaults.credentials(), statistics)
				.timeout(timeout)
				.connectTimeout(otlp.getConnectTimeout())
				.gzip(otlp.getCompression() == OtlpTracingProperties.Compression.GZIP)
				.build();
		}

		private static URI endpoint(@Nullable String endpoint, String region) {
			if (!StringUtils.hasText(endpoint)) {
				return SigV4SpanExporter.regionalEndpoint(region);
			}
			try {
				URI uri = URI.create(endpoint);
				if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
					throw new IllegalArgumentException("not an http(s) URL");
				}
				return uri;
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(ENDPOINT_PROPERTY, endpoint,
						"Must be an http or https URL, such as https://xray.us-east-1.amazonaws.com/v1/traces.");
			}
		}

	}

}
