package io.github.xrayspring.annotation.internal;

import java.lang.reflect.Method;
import java.util.List;

import io.github.xrayspring.annotation.XRayAnnotate;
import io.github.xrayspring.annotation.XRayAnnotate.Phase;
import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link XRayAnnotateAdvisor} and {@link XRayAnnotateInterceptor}.
 *
 * @author xray-spring-boot-starter team
 */
class XRayAnnotateAdvisorTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final XRayAnnotateAdvisor advisor = new XRayAnnotateAdvisor(new XRayAnnotateHandler());

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
	void shouldAnnotateWhenAnnotationOnInterfaceMethodBehindInterfaceProxy() {
		InventoryService inventory = proxy(new DefaultInventoryService(), false);
		assertThat(AopUtils.isJdkDynamicProxy(inventory)).isTrue();
		Attributes attributes = inSpan(() -> inventory.reserve("sku-1"));
		assertThat(attributes.get(AttributeKey.stringKey("sku"))).isEqualTo("sku-1");
		assertThat(attributes.get(AttributeKey.booleanKey("reserved"))).isTrue();
	}

	@Test
	void shouldAnnotateWhenAnnotationOnInterfaceMethodBehindClassProxy() {
		InventoryService inventory = proxy(new DefaultInventoryService(), true);
		assertThat(AopUtils.isCglibProxy(inventory)).isTrue();
		Attributes attributes = inSpan(() -> inventory.reserve("sku-1"));
		assertThat(attributes.get(AttributeKey.stringKey("sku"))).isEqualTo("sku-1");
		assertThat(attributes.get(AttributeKey.booleanKey("reserved"))).isTrue();
	}

	@Test
	void shouldAnnotateWhenAnnotationOnSuperclassMethod() {
		ExpressOrderController controller = proxy(new ExpressOrderController(), true);
		Attributes attributes = inSpan(() -> controller.show("42"));
		assertThat(attributes.get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
	}

	@Test
	void shouldMatchAnnotatedAndInheritedMethodsOnly() throws NoSuchMethodException {
		assertThat(this.advisor.matches(OrderController.class.getMethod("show", String.class), OrderController.class))
			.isTrue();
		assertThat(this.advisor.matches(OrderController.class.getMethod("place", String.class, int.class),
				OrderController.class))
			.isTrue();
		assertThat(this.advisor.matches(InventoryService.class.getMethod("reserve", String.class),
				DefaultInventoryService.class))
			.isTrue();
		assertThat(this.advisor.matches(DefaultInventoryService.class.getMethod("reserve", String.class),
				DefaultInventoryService.class))
			.isTrue();
		assertThat(this.advisor.matches(OrderController.class.getMethod("plain", String.class), OrderController.class))
			.isFalse();
		assertThat(this.advisor.matches(Object.class.getMethod("toString"), OrderController.class)).isFalse();
	}

	@Test
	void shouldNotProxyClassWithoutAnnotations() {
		assertThat(AopUtils.canApply(this.advisor.getPointcut(), PlainService.class)).isFalse();
		assertThat(AopUtils.canApply(this.advisor.getPointcut(), OrderController.class)).isTrue();
		assertThat(AopUtils.canApply(this.advisor.getPointcut(), DefaultInventoryService.class)).isTrue();
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

	@Test
	void shouldNotCallHandlerWhenSpanIsNotRecording() {
		XRayAnnotateHandler handler = new XRayAnnotateHandler() {

			@Override
			public @Nullable Object invoke(Method method, @Nullable Object target, @Nullable Object[] arguments,
					Invocation invocation) {
				throw new AssertionError("handler called");
			}

		};
		ProxyFactory factory = new ProxyFactory(new OrderController());
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new XRayAnnotateAdvisor(handler));
		OrderController controller = (OrderController) factory.getProxy();
		assertThat(controller.show("42")).isEqualTo("order 42");
		try (SdkTracerProvider unsampled = SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build()) {
			Span span = unsampled.get("test").spanBuilder("request").startSpan();
			try (Scope scope = span.makeCurrent()) {
				assertThat(controller.show("42")).isEqualTo("order 42");
			}
			span.end();
		}
	}

	@SuppressWarnings("unchecked")
	private <T> T proxy(T target, boolean proxyTargetClass) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(proxyTargetClass);
		factory.addAdvisor(this.advisor);
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

	public static class ExpressOrderController extends OrderController {

		@Override
		public String show(String id) {
			return "express " + id;
		}

	}

	public static class PlainService {

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
