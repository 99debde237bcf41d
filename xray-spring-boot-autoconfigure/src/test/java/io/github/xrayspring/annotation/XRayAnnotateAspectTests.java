package io.github.xrayspring.annotation;

import java.util.List;

import io.github.xrayspring.annotation.XRayAnnotate.Phase;
import io.github.xrayspring.trace.XRayAnnotations;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.aop.support.AopUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link XRayAnnotateAspect}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayAnnotateAspectTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final XRayAnnotateAspect aspect = new XRayAnnotateAspect(new XRayAnnotateHandler());

	@AfterEach
	void closeTracerProvider() {
		this.tracerProvider.close();
	}

	@Test
	void shouldAnnotateWhenAnnotationOnClassMethodBehindClassProxy() {
		OrderController controller = proxy(new OrderController(), true);
		assertThat(AopUtils.isCglibProxy(controller)).isTrue();
		Attributes attributes = inSpan(() -> controller.show("42"));
		assertThat(attributes.get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
	}

	@Test
	void shouldAnnotateEveryRepeatedAnnotation() {
		OrderController controller = proxy(new OrderController(), true);
		Attributes attributes = inSpan(() -> controller.place("42", 3));
		assertThat(attributes.get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
		assertThat(attributes.get(AttributeKey.longKey("quantity"))).isEqualTo(3L);
		assertThat(attributes.get(AttributeKey.stringKey("status"))).isEqualTo("placed");
		assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).containsExactly("order_id", "quantity", "status");
	}

	@Test
	void shouldAnnotateWhenAnnotationOnImplementationBehindInterfaceProxy() {
		PaymentService payments = proxy(new AnnotatedPaymentService(), false);
		assertThat(AopUtils.isJdkDynamicProxy(payments)).isTrue();
		Attributes attributes = inSpan(() -> payments.pay("c-1", 20));
		assertThat(attributes.get(AttributeKey.stringKey("customer"))).isEqualTo("c-1");
		assertThat(attributes.get(AttributeKey.longKey("amount"))).isEqualTo(20L);
	}

	@Test
	void shouldAnnotateWhenAnnotationOnClassMethodBehindClassProxyOfInterfaceImplementation() {
		PaymentService payments = proxy(new AnnotatedPaymentService(), true);
		assertThat(AopUtils.isCglibProxy(payments)).isTrue();
		Attributes attributes = inSpan(() -> payments.pay("c-1", 20));
		assertThat(attributes.get(AttributeKey.stringKey("customer"))).isEqualTo("c-1");
	}

	@Test
	void shouldNotSeeAnnotationOnInterfaceMethodWithEitherProxy() {
		InventoryService jdkProxy = proxy(new DefaultInventoryService(), false);
		InventoryService classProxy = proxy(new DefaultInventoryService(), true);
		assertThat(inSpan(() -> jdkProxy.reserve("sku-1")).get(XRayAnnotations.ANNOTATIONS)).isNull();
		assertThat(inSpan(() -> classProxy.reserve("sku-1")).get(XRayAnnotations.ANNOTATIONS)).isNull();
	}

	@Test
	void shouldRecordAnnotationsWithoutResultAndRethrowWhenMethodThrows() {
		OrderController controller = proxy(new OrderController(), true);
		Attributes attributes = inSpan(
				() -> assertThatIllegalArgumentException().isThrownBy(() -> controller.cancel("42"))
					.withMessage("already shipped"));
		assertThat(attributes.get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
		assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).containsExactly("order_id");
	}

	@Test
	void shouldLeaveMethodsWithoutAnnotationAlone() {
		OrderController controller = proxy(new OrderController(), true);
		Attributes attributes = inSpan(() -> assertThat(controller.plain("42")).isEqualTo("42"));
		assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).isNull();
	}

	@Test
	void shouldCallMethodWithoutSpan() {
		OrderController controller = proxy(new OrderController(), true);
		assertThat(controller.show("42")).isEqualTo("order 42");
	}

	@SuppressWarnings("unchecked")
	private <T> T proxy(T target, boolean proxyTargetClass) {
		AspectJProxyFactory factory = new AspectJProxyFactory(target);
		factory.setProxyTargetClass(proxyTargetClass);
		factory.addAspect(this.aspect);
		return (T) factory.getProxy();
	}

	private Attributes inSpan(Runnable action) {
		Span span = this.tracerProvider.get("test").spanBuilder("request").startSpan();
		try (Scope scope = span.makeCurrent()) {
			action.run();
		}
		finally {
			span.end();
		}
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).hasSize(1);
		this.exporter.reset();
		return spans.get(0).getAttributes();
	}

	public static class OrderController {

		@XRayAnnotate(key = "order.id", value = "#id")
		public String show(String id) {
			return "order " + id;
		}

		@XRayAnnotate(key = "order_id", value = "#orderId", when = Phase.BEFORE)
		@XRayAnnotate(key = "quantity", value = "#quantity", when = Phase.BEFORE)
		@XRayAnnotate(key = "status", value = "#result")
		public String place(String orderId, int quantity) {
			return "placed";
		}

		@XRayAnnotate(key = "order_id", value = "#orderId")
		@XRayAnnotate(key = "status", value = "#result")
		public String cancel(String orderId) {
			throw new IllegalArgumentException("already shipped");
		}

		public String plain(String id) {
			return id;
		}

	}

	public interface PaymentService {

		void pay(String customerId, long amount);

	}

	public static class AnnotatedPaymentService implements PaymentService {

		@Override
		@XRayAnnotate(key = "customer", value = "#customerId")
		@XRayAnnotate(key = "amount", value = "#amount")
		public void pay(String customerId, long amount) {
		}

	}

	public interface InventoryService {

		@XRayAnnotate(key = "sku", value = "#sku", when = Phase.BEFORE)
		@XRayAnnotate(key = "reserved", value = "#result")
		boolean reserve(String sku);

	}

	public static class DefaultInventoryService implements InventoryService {

		@Override
		public boolean reserve(String sku) {
			return true;
		}

	}

}
