package io.github.xrayspring.migration;

import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

import static org.openrewrite.java.Assertions.java;
import static org.openrewrite.maven.Assertions.pomXml;
import static org.openrewrite.properties.Assertions.properties;

/**
 * Tests for the composite recipe {@code MigrateFromXRaySdk}, its dependency step, the
 * sampling step and the markers.
 *
 * @author xray-spring-boot-starter team
 */
class MigrateFromXRaySdkTests implements RewriteTest {

	// the build's version, which the recipe's resource is filtered with (set by surefire)
	private static final String STARTER_VERSION = System.getProperty("xray.starter.version", "0.1.0-SNAPSHOT");

	@Override
	public void defaults(RecipeSpec spec) {
		spec.recipeFromResources("io.github.xrayspring.migration.MigrateFromXRaySdk")
			.parser(JavaParser.fromJavaVersion()
				.classpath("aws-xray-recorder-sdk-core", "aws-xray-recorder-sdk-sql", "aws-xray-recorder-sdk-spring"));
	}

	@Test
	void sdkDependenciesBecomeOneStarter() {
		// the starter's POM is in no repository the test can reach: the step must not
		// need it
		rewriteRun(pomXml("""
				<project>
					<modelVersion>4.0.0</modelVersion>
					<groupId>com.example</groupId>
					<artifactId>shop</artifactId>
					<version>1.0</version>
					<dependencies>
						<dependency>
							<groupId>org.slf4j</groupId>
							<artifactId>slf4j-api</artifactId>
							<version>2.0.17</version>
						</dependency>
						<dependency>
							<groupId>com.amazonaws</groupId>
							<artifactId>aws-xray-recorder-sdk-core</artifactId>
							<version>2.21.0</version>
							<exclusions>
								<exclusion>
									<groupId>commons-logging</groupId>
									<artifactId>commons-logging</artifactId>
								</exclusion>
							</exclusions>
						</dependency>
						<dependency>
							<groupId>com.amazonaws</groupId>
							<artifactId>aws-xray-recorder-sdk-apache-http</artifactId>
							<version>2.21.0</version>
						</dependency>
					</dependencies>
				</project>
				""", """
				<project>
					<modelVersion>4.0.0</modelVersion>
					<groupId>com.example</groupId>
					<artifactId>shop</artifactId>
					<version>1.0</version>
					<dependencies>
						<dependency>
							<groupId>org.slf4j</groupId>
							<artifactId>slf4j-api</artifactId>
							<version>2.0.17</version>
						</dependency>
						<dependency>
							<groupId>io.github.xrayspring</groupId>
							<artifactId>xray-spring-boot-starter</artifactId>
							<version>%s</version>
						</dependency>
					</dependencies>
				</project>
				""".formatted(STARTER_VERSION)));
	}

	@Test
	void bomManagedSdkDependenciesBecomeTheStarterWithItsVersion() {
		rewriteRun(pomXml("""
				<project>
					<modelVersion>4.0.0</modelVersion>
					<groupId>com.example</groupId>
					<artifactId>shop</artifactId>
					<version>1.0</version>
					<dependencyManagement>
						<dependencies>
							<dependency>
								<groupId>com.amazonaws</groupId>
								<artifactId>aws-xray-recorder-sdk-bom</artifactId>
								<version>2.21.0</version>
								<type>pom</type>
								<scope>import</scope>
							</dependency>
						</dependencies>
					</dependencyManagement>
					<dependencies>
						<dependency>
							<groupId>com.amazonaws</groupId>
							<artifactId>aws-xray-recorder-sdk-spring</artifactId>
							<scope>test</scope>
						</dependency>
						<dependency>
							<groupId>com.amazonaws</groupId>
							<artifactId>aws-xray-recorder-sdk-core</artifactId>
						</dependency>
					</dependencies>
				</project>
				""", """
				<project>
					<modelVersion>4.0.0</modelVersion>
					<groupId>com.example</groupId>
					<artifactId>shop</artifactId>
					<version>1.0</version>
					<dependencies>
						<dependency>
							<groupId>io.github.xrayspring</groupId>
							<artifactId>xray-spring-boot-starter</artifactId>
							<version>%s</version>
						</dependency>
					</dependencies>
				</project>
				""".formatted(STARTER_VERSION)));
	}

	@Test
	void managedSdkArtifactBecomesTheManagedStarter() {
		rewriteRun(pomXml("""
				<project>
					<modelVersion>4.0.0</modelVersion>
					<groupId>com.example</groupId>
					<artifactId>shop</artifactId>
					<version>1.0</version>
					<dependencyManagement>
						<dependencies>
							<dependency>
								<groupId>com.amazonaws</groupId>
								<artifactId>aws-xray-recorder-sdk-core</artifactId>
								<version>2.21.0</version>
							</dependency>
						</dependencies>
					</dependencyManagement>
					<dependencies>
						<dependency>
							<groupId>com.amazonaws</groupId>
							<artifactId>aws-xray-recorder-sdk-core</artifactId>
						</dependency>
					</dependencies>
				</project>
				""", """
				<project>
					<modelVersion>4.0.0</modelVersion>
					<groupId>com.example</groupId>
					<artifactId>shop</artifactId>
					<version>1.0</version>
					<dependencyManagement>
						<dependencies>
							<dependency>
								<groupId>io.github.xrayspring</groupId>
								<artifactId>xray-spring-boot-starter</artifactId>
								<version>%s</version>
							</dependency>
						</dependencies>
					</dependencyManagement>
					<dependencies>
						<dependency>
							<groupId>io.github.xrayspring</groupId>
							<artifactId>xray-spring-boot-starter</artifactId>
						</dependency>
					</dependencies>
				</project>
				""".formatted(STARTER_VERSION)));
	}

	@Test
	void localizedRulesFileBecomesProperty() {
		rewriteRun(java("""
				package com.example.shop;

				import java.net.URL;

				import com.amazonaws.xray.AWSXRay;
				import com.amazonaws.xray.AWSXRayRecorderBuilder;
				import com.amazonaws.xray.plugins.EC2Plugin;
				import com.amazonaws.xray.strategy.sampling.LocalizedSamplingStrategy;

				class WebConfig {

					static {
						AWSXRayRecorderBuilder builder = AWSXRayRecorderBuilder.standard().withPlugin(new EC2Plugin());
						URL ruleFile = WebConfig.class.getResource("/sampling-rules.json");
						builder.withSamplingStrategy(new LocalizedSamplingStrategy(ruleFile));
						AWSXRay.setGlobalRecorder(builder.build());
					}

				}
				""", """
				package com.example.shop;

				class WebConfig {

				}
				""", (spec) -> spec.path("src/main/java/com/example/shop/WebConfig.java")),
				properties("spring.application.name=shop\n",
						"spring.application.name=shop\nxray.sampling.rules-file=classpath:sampling-rules.json\n",
						(spec) -> spec.path("src/main/resources/application.properties")));
	}

	@Test
	void centralizedStrategyBecomesRemoteSamplingInNewFile() {
		rewriteRun(java("""
				package com.example.shop;

				import com.amazonaws.xray.AWSXRay;
				import com.amazonaws.xray.AWSXRayRecorderBuilder;
				import com.amazonaws.xray.strategy.sampling.CentralizedSamplingStrategy;

				class WebConfig {

					static {
						AWSXRay.setGlobalRecorder(AWSXRayRecorderBuilder.standard()
							.withSamplingStrategy(new CentralizedSamplingStrategy())
							.build());
					}

				}
				""", """
				package com.example.shop;

				class WebConfig {

				}
				""", (spec) -> spec.path("src/main/java/com/example/shop/WebConfig.java")),
				properties(null, "xray.sampling.remote.enabled=true\n",
						(spec) -> spec.path("src/main/resources/application.properties")));
	}

	@Test
	void whatCannotBeRewrittenIsMarked() {
		rewriteRun(java("""
				import com.amazonaws.xray.AWSXRay;
				import com.amazonaws.xray.entities.Segment;
				import com.amazonaws.xray.spring.aop.XRayEnabled;

				@XRayEnabled
				class Orders {
					void place(String user) {
						AWSXRay.getCurrentSegment().setUser(user);
						AWSXRay.getCurrentSegment().putAnnotation("user", user);
					}

					void background(Segment segment) {
						AWSXRay.setTraceEntity(segment);
					}
				}
				""",
				"""
						import com.amazonaws.xray.AWSXRay;
						import com.amazonaws.xray.entities.Segment;
						import io.github.xrayspring.XRay;

						class Orders {
							void place(String user) {
								// TODO xray-migration: Segment has no automatic rewrite; see the migration guide, section "Annotations, metadata and user" (docs/migration.md#annotations-metadata-and-user)
								AWSXRay.getCurrentSegment().setUser(user);
								XRay.annotate("user", user);
							}

							// TODO xray-migration: Segment has no automatic rewrite; see the migration guide, section "Annotations, metadata and user" (docs/migration.md#annotations-metadata-and-user)
							void background(Segment segment) {
								// TODO xray-migration: AWSXRay has no automatic rewrite; see the migration guide, section "Subsegments" (docs/migration.md#subsegments)
								AWSXRay.setTraceEntity(segment);
							}
						}
						"""));
	}

}
