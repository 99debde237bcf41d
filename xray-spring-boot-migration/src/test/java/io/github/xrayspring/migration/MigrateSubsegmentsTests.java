package io.github.xrayspring.migration;

import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

import static org.openrewrite.java.Assertions.java;

/**
 * Tests for {@link MigrateSubsegments}.
 *
 * @author xray-spring-boot-starter team
 */
class MigrateSubsegmentsTests implements RewriteTest {

	@Override
	public void defaults(RecipeSpec spec) {
		spec.recipes(new MigrateAnnotationsAndMetadata(), new MigrateSubsegments())
			.parser(JavaParser.fromJavaVersion().classpath("aws-xray-recorder-sdk-core"));
	}

	@Test
	void createSubsegmentBecomesXRaySubsegment() {
		rewriteRun(java("""
				import com.amazonaws.xray.AWSXRay;

				class Prices {
					int price(String sku) {
						AWSXRay.createSubsegment("audit", () -> System.out.println(sku));
						AWSXRay.createSubsegment("tag", (subsegment) -> {
							subsegment.putAnnotation("sku", sku);
						});
						return AWSXRay.createSubsegment("lookup", () -> sku.length());
					}
				}
				""", """
				import io.github.xrayspring.XRay;

				class Prices {
					int price(String sku) {
						XRay.subsegment("audit", () -> System.out.println(sku));
						XRay.subsegment("tag", () -> {
							XRay.annotate("sku", sku);
						});
						return XRay.subsegment("lookup", () -> sku.length());
					}
				}
				"""));
	}

	@Test
	void beginAndEndInTryFinallyBecomeXRaySubsegment() {
		rewriteRun(java("""
				import com.amazonaws.xray.AWSXRay;
				import com.amazonaws.xray.entities.Subsegment;

				class Prices {
					void refresh(String sku) {
						Subsegment subsegment = AWSXRay.beginSubsegment("refresh");
						try {
							subsegment.putAnnotation("sku", sku);
							System.out.println(sku);
						}
						catch (RuntimeException ex) {
							subsegment.addException(ex);
							throw ex;
						}
						finally {
							AWSXRay.endSubsegment();
						}
					}
				}
				""", """
				import io.github.xrayspring.XRay;

				class Prices {
					void refresh(String sku) {
						XRay.subsegment("refresh", () -> {
							XRay.annotate("sku", sku);
							System.out.println(sku);
						});
					}
				}
				"""));
	}

	@Test
	void checkedExceptionsUseTheCheckedHelper() {
		rewriteRun(java("""
				import java.io.IOException;
				import java.nio.file.Files;
				import java.nio.file.Path;

				import com.amazonaws.xray.AWSXRay;

				class Prices {
					void load(Path file) throws IOException {
						AWSXRay.beginSubsegment("load");
						try {
							Files.readAllBytes(file);
						}
						finally {
							AWSXRay.endSubsegment();
						}
					}
				}
				""", """
				import java.io.IOException;
				import java.nio.file.Files;
				import java.nio.file.Path;

				import io.github.xrayspring.XRay;

				class Prices {
					void load(Path file) throws IOException {
						XRay.subsegmentChecked("load", () -> {
							Files.readAllBytes(file);
						});
					}
				}
				"""));
	}

	@Test
	void tryBlockThatReturnsIsMarked() {
		rewriteRun(java("""
				import com.amazonaws.xray.AWSXRay;

				class Prices {
					int price(String sku) {
						AWSXRay.beginSubsegment("price");
						try {
							return sku.length();
						}
						finally {
							AWSXRay.endSubsegment();
						}
					}
				}
				""",
				"""
						import com.amazonaws.xray.AWSXRay;

						class Prices {
							int price(String sku) {
								// TODO xray-migration: the subsegment's work returns from the method; see the migration guide, section "Subsegments" (docs/migration.md#subsegments)
								AWSXRay.beginSubsegment("price");
								try {
									return sku.length();
								}
								finally {
									AWSXRay.endSubsegment();
								}
							}
						}
						"""));
	}

	@Test
	void tryBlockThatAssignsAnOuterLocalIsMarked() {
		rewriteRun(java("""
				import com.amazonaws.xray.AWSXRay;

				class Prices {
					int price(String sku) {
						int price = 0;
						AWSXRay.beginSubsegment("price");
						try {
							price = sku.length();
						}
						finally {
							AWSXRay.endSubsegment();
						}
						return price;
					}
				}
				""",
				"""
						import com.amazonaws.xray.AWSXRay;

						class Prices {
							int price(String sku) {
								int price = 0;
								// TODO xray-migration: the subsegment's work assigns the local variable 'price'; see the migration guide, section "Subsegments" (docs/migration.md#subsegments)
								AWSXRay.beginSubsegment("price");
								try {
									price = sku.length();
								}
								finally {
									AWSXRay.endSubsegment();
								}
								return price;
							}
						}
						"""));
	}

}
