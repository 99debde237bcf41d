package io.github.xrayspring.export.internal.aws;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The AWS SDK's default chains, the only place the exporter's wiring touches them.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class AwsDefaults {

	private AwsDefaults() {
	}

	/**
	 * Returns the region from the AWS SDK's default region chain (AWS_REGION, the
	 * {@code aws.region} system property, the profile file, the instance metadata).
	 * @return the region, or {@code null} when the chain finds none
	 */
	public static @Nullable String region() {
		try {
			return new DefaultAwsRegionProviderChain().getRegion().id();
		}
		catch (SdkClientException ex) {
			return null;
		}
	}

	/**
	 * Returns the AWS SDK's default credentials chain (environment, system properties,
	 * web identity, profiles, container and instance roles), which refreshes rotating
	 * credentials itself.
	 * @return a new provider, closed with the exporter
	 */
	public static AwsCredentialsProvider credentials() {
		return DefaultCredentialsProvider.builder().build();
	}

}
