package io.github.xrayspring.sample;

import java.io.IOException;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code aws} profile: a {@link DynamoDbClient} against a loopback
 * {@link DynamoDbStandIn}, so that the preview shows {@code aws} subsegments without an
 * AWS account. Region and credentials are fixed dummies; nothing leaves the machine.
 *
 * @author xray-spring-boot-starter team
 */
@Configuration(proxyBeanMethods = false)
@Profile("aws")
class AwsDemoConfiguration {

	static final String STOCK_TABLE = "stock";

	@Bean(destroyMethod = "close")
	DynamoDbStandIn dynamoDbStandIn() throws IOException {
		DynamoDbStandIn standIn = DynamoDbStandIn.start();
		standIn.createTable(STOCK_TABLE, "sku");
		// the table's existing data, stored without AWS calls so that startup prints no
		// segments
		Map.of("BOOK-001", 12, "PEN-042", 0, "LAMP-007", 3, "BOOK-002", 5, "MUG-001", 40)
			.forEach((sku, quantity) -> standIn.seed(STOCK_TABLE,
					"{\"sku\":{\"S\":\"" + sku + "\"},\"quantity\":{\"N\":\"" + quantity + "\"}}"));
		return standIn;
	}

	@Bean(destroyMethod = "close")
	DynamoDbClient dynamoDbClient(DynamoDbStandIn standIn) {
		return DynamoDbClient.builder()
			.endpointOverride(standIn.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")))
			.httpClient(UrlConnectionHttpClient.create())
			.build();
	}

}
