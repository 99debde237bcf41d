package io.github.xrayspring.migration;

import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

import static org.openrewrite.java.Assertions.java;

/**
 * Tests for {@link MigrateAnnotationsAndMetadata}.
 *
 * @author xray-spring-boot-starter team
 */
class MigrateAnnotationsAndMetadataTests implements RewriteTest {

	@Override
	public void defaults(RecipeSpec spec) {
		spec.recipe(new MigrateAnnotationsAndMetadata())
			.parser(JavaParser.fromJavaVersion().classpath("aws-xray-recorder-sdk-core"));
	}

	@Test
	void currentSegmentAndSubsegmentAnnotationsBecomeXRayAnnotate() {
		rewriteRun(java("""
				import com.amazonaws.xray.AWSXRay;

				class Orders {
					void place(String id, int items, boolean gift, Number total) {
						AWSXRay.getCurrentSegment().putAnnotation("order_id", id);
						AWSXRay.getCurrentSubsegment().putAnnotation("items", items);
						AWSXRay.getGlobalRecorder().getCurrentSegment().putAnnotation("gift", gift);
						AWSXRay.getCurrentSegment().putAnnotation("total", total);
					}
				}
				""", """
				import io.github.xrayspring.XRay;

				class Orders {
					void place(String id, int items, boolean gift, Number total) {
						XRay.annotate("order_id", id);
						XRay.annotate("items", items);
						XRay.annotate("gift", gift);
						XRay.annotate("total", total.doubleValue());
					}
				}
				"""));
	}

	@Test
	void metadataBecomesXRayMetadataAndKeepsTheNamespaceInTheKey() {
		rewriteRun(java("""
				import java.util.Map;

				import com.amazonaws.xray.AWSXRay;

				class Orders {
					void place(Map<String, Object> order, String ns) {
						AWSXRay.getCurrentSegment().putMetadata("order", order);
						AWSXRay.getCurrentSubsegment().putMetadata("shop", "order", order);
						AWSXRay.getCurrentSubsegment().putMetadata(ns, "order", order);
					}
				}
				""", """
				import java.util.Map;

				import io.github.xrayspring.XRay;

				class Orders {
					void place(Map<String, Object> order, String ns) {
						XRay.metadata("order", order);
						XRay.metadata("shop.order", order);
						XRay.metadata(ns + "." + "order", order);
					}
				}
				"""));
	}

	@Test
	void optionalFormsBecomePlainCalls() {
		rewriteRun(java("""
				import com.amazonaws.xray.AWSXRay;

				class Orders {
					void place(String id) {
						AWSXRay.getCurrentSegmentOptional().ifPresent(segment -> segment.putAnnotation("order_id", id));
						AWSXRay.getCurrentSubsegmentOptional().ifPresent(subsegment -> {
							subsegment.putAnnotation("step", "reserve");
							subsegment.putMetadata("id", id);
						});
					}
				}
				""", """
				import io.github.xrayspring.XRay;

				class Orders {
					void place(String id) {
						XRay.annotate("order_id", id);
						XRay.annotate("step", "reserve");
						XRay.metadata("id", id);
					}
				}
				"""));
	}

	@Test
	void variablesHoldingTheCurrentSegmentAreRewritten() {
		rewriteRun(java("""
				import com.amazonaws.xray.AWSXRay;
				import com.amazonaws.xray.entities.Segment;

				class Orders {
					void place(String id) {
						Segment segment = AWSXRay.getCurrentSegment();
						segment.putAnnotation("order_id", id);
					}
				}
				""", """
				import com.amazonaws.xray.AWSXRay;
				import com.amazonaws.xray.entities.Segment;
				import io.github.xrayspring.XRay;

				class Orders {
					void place(String id) {
						Segment segment = AWSXRay.getCurrentSegment();
						XRay.annotate("order_id", id);
					}
				}
				"""));
	}

	@Test
	void segmentsPassedInAreLeftForTheMarker() {
		rewriteRun(java("""
				import com.amazonaws.xray.entities.Segment;

				class Orders {
					void place(Segment segment, String id) {
						segment.putAnnotation("order_id", id);
					}
				}
				"""));
	}

}
