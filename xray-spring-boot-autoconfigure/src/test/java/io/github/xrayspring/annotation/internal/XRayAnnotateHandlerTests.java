package io.github.xrayspring.annotation.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link XRayAnnotateHandler}.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class XRayAnnotateHandlerTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final XRayAnnotateHandler handler = new XRayAnnotateHandler();

	private final Orders orders = new Orders();

	@AfterEach
	void closeTracerProvider() {
		this.tracerProvider.close();
	}

	@Test
	void recordsParameterByNameBeforeTheCall() {
		Attributes attributes = inSpan(() -> call("place", "42", new Customer("gold", null)));
		assertThat(attributes.get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
		assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).contains("order_id");
	}

	@Test
	void recordsNestedPropertiesOfRecordsAndJavaBeans() {
		Attributes attributes = inSpan(() -> call("place", "42", new Customer("gold", new Address("Berlin"))));
		assertThat(attributes.get(AttributeKey.stringKey("tier"))).isEqualTo("gold");
		assertThat(attributes.get(AttributeKey.stringKey("city"))).isEqualTo("Berlin");
	}

	@Test
	void recordsResultAfterTheCall() {
		Attributes attributes = inSpan(() -> call("total", "42"));
		assertThat(attributes.get(AttributeKey.doubleKey("total"))).isEqualTo(12.5);
		assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).containsExactly("order_id", "total");
	}

	@Test
	void keepsValueTypesThatXRayIndexes() {
		Attributes attributes = inSpan(() -> call("types", 7, 8L, (short) 9, (byte) 10, BigInteger.TWO, 1.5f, 2.5d,
				new BigDecimal("3.25"), true, Tier.GOLD, List.of("a", "b"), new StringBuilder("text")));
		assertThat(attributes.get(AttributeKey.longKey("int"))).isEqualTo(7L);
		assertThat(attributes.get(AttributeKey.longKey("long"))).isEqualTo(8L);
		assertThat(attributes.get(AttributeKey.longKey("short"))).isEqualTo(9L);
		assertThat(attributes.get(AttributeKey.longKey("byte"))).isEqualTo(10L);
		assertThat(attributes.get(AttributeKey.longKey("big_integer"))).isEqualTo(2L);
		assertThat(attributes.get(AttributeKey.doubleKey("float"))).isEqualTo(1.5);
		assertThat(attributes.get(AttributeKey.doubleKey("double"))).isEqualTo(2.5);
		assertThat(attributes.get(AttributeKey.doubleKey("big_decimal"))).isEqualTo(3.25);
		assertThat(attributes.get(AttributeKey.booleanKey("boolean"))).isTrue();
		assertThat(attributes.get(AttributeKey.stringKey("enum"))).isEqualTo("GOLD");
		assertThat(attributes.get(AttributeKey.stringKey("other"))).isEqualTo("[a, b]");
		assertThat(attributes.get(AttributeKey.stringKey("char_sequence"))).isEqualTo("text");
	}

	@Test
	void recordsBigIntegerBeyondLongAsString() {
		BigInteger huge = BigInteger.TWO.pow(70);
		Attributes attributes = inSpan(() -> call("types", 7, 8L, (short) 9, (byte) 10, huge, 1.5f, 2.5d,
				BigDecimal.ONE, true, Tier.GOLD, List.of(), "text"));
		assertThat(attributes.get(AttributeKey.stringKey("big_integer"))).isEqualTo(huge.toString());
	}

	@Test
	void unwrapsOptionalResult() {
		Attributes attributes = inSpan(() -> call("find", "42"));
		assertThat(attributes.get(AttributeKey.stringKey("found"))).isEqualTo("order-42");
	}

	@Test
	void recordsAnnotationsWithoutResultWhenTheMethodThrows() {
		Attributes attributes = inSpan(() -> assertThatIllegalStateException().isThrownBy(() -> call("fail", "42"))
			.withMessage("out of stock"));
		assertThat(attributes.get(AttributeKey.stringKey("before"))).isEqualTo("42");
		assertThat(attributes.get(AttributeKey.stringKey("after"))).isEqualTo("42");
		assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).containsExactlyInAnyOrder("before", "after");
	}

	@Test
	void takesBeforeValueBeforeTheMethodChangesIt() {
		Attributes attributes = inSpan(() -> call("drain", new Basket(3)));
		assertThat(attributes.get(AttributeKey.longKey("items_before"))).isEqualTo(3L);
		assertThat(attributes.get(AttributeKey.longKey("items_after"))).isZero();
	}

	@Test
	void bindsParametersByPosition() {
		Attributes attributes = inSpan(() -> call("positional", "a", "b"));
		assertThat(attributes.get(AttributeKey.stringKey("first"))).isEqualTo("a");
		assertThat(attributes.get(AttributeKey.stringKey("second"))).isEqualTo("b");
	}

	@Test
	void skipsNullValueAndWarnsOnce(CapturedOutput output) {
		Attributes first = inSpan(() -> call("place", null, new Customer("gold", null)));
		inSpan(() -> call("place", null, new Customer("gold", null)));
		assertThat(first.get(AttributeKey.stringKey("order_id"))).isNull();
		assertThat(first.get(AttributeKey.stringKey("tier"))).isEqualTo("gold");
		assertThat(output).containsOnlyOnce("@XRayAnnotate(key = \"order.id\", value = \"#orderId\") on "
				+ Orders.class.getName() + ".place(String, Customer) recorded nothing: the value is null");
	}

	@Test
	void skipsFailingExpressionAndWarnsOnceWithoutFailingTheCall(CapturedOutput output) {
		Attributes attributes = inSpan(() -> assertThat(call("place", "42", null)).isEqualTo("placed 42"));
		inSpan(() -> call("place", "43", null));
		assertThat(attributes.get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
		assertThat(attributes.get(AttributeKey.stringKey("tier"))).isNull();
		assertThat(output).containsOnlyOnce("value = \"#customer.tier\") on " + Orders.class.getName()
				+ ".place(String, Customer) recorded nothing");
	}

	@Test
	void disablesInvalidExpressionAndKeepsItsSiblings(CapturedOutput output) {
		Attributes attributes = inSpan(() -> call("partlyInvalid", "42"));
		inSpan(() -> call("partlyInvalid", "43"));
		assertThat(attributes.get(AttributeKey.stringKey("good"))).isEqualTo("42");
		assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).containsExactly("good");
		assertThat(output).containsOnlyOnce("ERROR")
			.contains("@XRayAnnotate(key = \"bad\", value = \"T(java.lang.Runtime).getRuntime()\") on "
					+ Orders.class.getName()
					+ ".partlyInvalid(String) is disabled: type references T(...) are not allowed");
	}

	@Test
	void reportsResultInBeforePhase(CapturedOutput output) {
		prepare("resultBefore");
		assertThat(output).contains("resultBefore(String) is disabled: #result is only available with when = AFTER");
	}

	@Test
	void reportsResultOfVoidMethod(CapturedOutput output) {
		prepare("voidResult");
		assertThat(output).contains("voidResult(String) is disabled: #result is used but the method returns void");
	}

	@Test
	void reportsUnknownParameter(CapturedOutput output) {
		prepare("unknownParameter");
		assertThat(output).contains("unknownParameter(String) is disabled: #orderld is not a parameter of the method; "
				+ "its parameters are [orderId]");
	}

	@Test
	void reportsEmptyKey(CapturedOutput output) {
		prepare("emptyKey");
		assertThat(output).contains("emptyKey(String) is disabled: the key is empty");
	}

	@Test
	void reportsExpressionThatDoesNotParse(CapturedOutput output) {
		prepare("unparsable");
		assertThat(output).contains("value = \"#orderId +\") on " + Orders.class.getName()
				+ ".unparsable(String) is disabled: the expression does not parse");
	}

	@Test
	void parsesEachMethodOnce() {
		Method method = method(Orders.class, "place");
		assertThat(this.handler.prepare(method, Orders.class)).isSameAs(this.handler.prepare(method, Orders.class));
		assertThat(this.handler.prepare(method, Orders.class).size()).isEqualTo(3);
	}

	@Test
	void recordsNothingWithoutCurrentSpan() throws Throwable {
		assertThat(call("place", "42", null)).isEqualTo("placed 42");
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
	}

	@Test
	void recordsNothingAndParsesNothingWhenTheSpanIsNotSampled(CapturedOutput output) throws Throwable {
		try (SdkTracerProvider unsampled = SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build()) {
			Span span = unsampled.get("test").spanBuilder("request").startSpan();
			try (Scope scope = span.makeCurrent()) {
				assertThat(call("partlyInvalid", "42")).isEqualTo("ok");
			}
			span.end();
		}
		assertThat(output).doesNotContain("ERROR");
	}

	@Test
	void recordsAnnotationsInheritedFromInterfaceMethodWithItsParameterNames() {
		CheckoutService checkout = new DefaultCheckoutService();
		for (Method method : List.of(method(CheckoutService.class, "checkout"),
				method(DefaultCheckoutService.class, "checkout"))) {
			Attributes attributes = inSpan(() -> this.handler.invoke(method, checkout, new Object[] { "c-1" },
					() -> checkout.checkout("c-1")));
			assertThat(attributes.get(AttributeKey.stringKey("cart"))).isEqualTo("c-1");
			assertThat(attributes.get(AttributeKey.booleanKey("done"))).isTrue();
		}
	}

	@Test
	void recordsAnnotationsInheritedFromSuperclassMethod() {
		Orders orders = new ExpressOrders();
		Method method = method(Orders.class, "total");
		Attributes attributes = inSpan(
				() -> this.handler.invoke(method, orders, new Object[] { "42" }, () -> orders.total("42")));
		assertThat(attributes.get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
		assertThat(attributes.get(AttributeKey.doubleKey("total"))).isEqualTo(1.5);
	}

	@Test
	void ownAnnotationsReplaceInheritedOnes() {
		CheckoutService checkout = new AnnotatedCheckoutService();
		Method method = method(CheckoutService.class, "checkout");
		Attributes attributes = inSpan(
				() -> this.handler.invoke(method, checkout, new Object[] { "c-1" }, () -> checkout.checkout("c-1")));
		assertThat(attributes.get(AttributeKey.stringKey("basket"))).isEqualTo("c-1");
		assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).containsExactly("basket");
	}

	@Test
	void parsesInheritedAnnotationsOnceForEveryImplementation(CapturedOutput output) {
		Method method = method(ShippingService.class, "ship");
		assertThat(this.handler.prepare(method, FastShipping.class))
			.isSameAs(this.handler.prepare(method, SlowShipping.class));
		assertThat(this.handler.prepare(method(SlowShipping.class, "ship"), SlowShipping.class).size()).isOne();
		assertThat(output).containsOnlyOnce("ERROR")
			.contains("@XRayAnnotate(key = \"bad\", value = \"new String('x')\") on " + ShippingService.class.getName()
					+ ".ship(String) is disabled: constructors (new) are not allowed");
	}

	@Test
	void recordsNothingForMethodWithoutAnnotations() {
		Attributes attributes = inSpan(() -> this.handler.invoke(Object.class.getMethod("toString"), this.orders,
				new Object[0], this.orders::toString));
		assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).isNull();
	}

	@Test
	void readsMapEntriesAndListElements() {
		Attributes attributes = inSpan(() -> call("lookup", Map.of("region", "eu"), List.of("first", "second")));
		assertThat(attributes.get(AttributeKey.stringKey("region"))).isEqualTo("eu");
		assertThat(attributes.get(AttributeKey.stringKey("second"))).isEqualTo("second");
	}

	@Test
	void expressionsThatThrowOrRecurseNeverFailTheCall() {
		Attributes attributes = inSpan(() -> assertThat(call("hostile", new Hostile())).isEqualTo("served"));
		assertThat(attributes.get(AttributeKey.stringKey("kept"))).isEqualTo("yes");
		assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).containsExactly("kept");
	}

	@Test
	void recordsControllerAnnotationsOnTheSegmentBelowOtherObservations() throws Throwable {
		OrderController controller = new OrderController();
		Method method = method(OrderController.class, "show");
		Checkout service = new Checkout();
		Method serviceMethod = method(Checkout.class, "pay");
		Span server = this.tracerProvider.get("test").spanBuilder("GET /orders/{id}").startSpan();
		XRayAnnotateHandler handler = new XRayAnnotateHandler(() -> server);
		try (Scope outer = server.makeCurrent()) {
			Span security = this.tracerProvider.get("test").spanBuilder("secured request").startSpan();
			try (Scope scope = security.makeCurrent()) {
				handler.invoke(method, controller, new Object[] { "42" }, () -> controller.show("42"));
				handler.invoke(serviceMethod, service, new Object[] { "card" }, () -> {
					service.pay("card");
					return null;
				});
			}
			security.end();
		}
		server.end();
		Map<String, Attributes> spans = new HashMap<>();
		this.exporter.getFinishedSpanItems().forEach((span) -> spans.put(span.getName(), span.getAttributes()));
		assertThat(spans.get("GET /orders/{id}").get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
		assertThat(spans.get("GET /orders/{id}").get(XRayAnnotations.ANNOTATIONS)).containsExactly("order_id");
		assertThat(spans.get("secured request").get(AttributeKey.stringKey("payment"))).isEqualTo("card");
		assertThat(spans.get("secured request").get(XRayAnnotations.ANNOTATIONS)).containsExactly("payment");
	}

	@Test
	void recordsControllerAnnotationsOnTheCurrentSpanWithoutSegment() {
		OrderController controller = new OrderController();
		Method method = method(OrderController.class, "show");
		Attributes attributes = inSpan(
				() -> this.handler.invoke(method, controller, new Object[] { "7" }, () -> controller.show("7")));
		assertThat(attributes.get(AttributeKey.stringKey("order_id"))).isEqualTo("7");
	}

	private @Nullable Object call(String name, @Nullable Object... arguments) throws Throwable {
		Method method = method(Orders.class, name);
		return this.handler.invoke(method, this.orders, arguments, () -> {
			try {
				return method.invoke(this.orders, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		});
	}

	private void prepare(String name) {
		this.handler.prepare(method(Orders.class, name), Orders.class);
	}

	private static Method method(Class<?> type, String name) {
		return Arrays.stream(ReflectionUtils.getDeclaredMethods(type))
			.filter((candidate) -> candidate.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private Attributes inSpan(ThrowingRunnable action) {
		Span span = this.tracerProvider.get("test").spanBuilder("request").startSpan();
		try (Scope scope = span.makeCurrent()) {
			action.run();
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			span.end();
		}
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		this.exporter.reset();
		return spans.get(0).getAttributes();
	}

	@FunctionalInterface
	interface ThrowingRunnable {

		void run() throws Throwable;

	}

	enum Tier {

		GOLD

	}

	record Customer(String tier, @Nullable Address address) {

	}

	static class Address {

		private final String city;

		Address(String city) {
			this.city = city;
		}

		public String getCity() {
			return this.city;
		}

	}

	static class Basket {

		private int items;

		Basket(int items) {
			this.items = items;
		}

		public int getItems() {
			return this.items;
		}

		void drain() {
			this.items = 0;
		}

	}

	@RestController
	static class OrderController {

		@XRayAnnotate(key = "order_id", value = "#id")
		String show(String id) {
			return "order " + id;
		}

	}

	static class Checkout {

		@XRayAnnotate(key = "payment", value = "#method")
		void pay(String method) {
		}

	}

	interface CheckoutService {

		@XRayAnnotate(key = "cart", value = "#cartId", when = Phase.BEFORE)
		@XRayAnnotate(key = "done", value = "#result")
		boolean checkout(String cartId);

	}

	static class DefaultCheckoutService implements CheckoutService {

		@Override
		public boolean checkout(String id) {
			return true;
		}

	}

	static class AnnotatedCheckoutService implements CheckoutService {

		@Override
		@XRayAnnotate(key = "basket", value = "#id")
		public boolean checkout(String id) {
			return true;
		}

	}

	interface ShippingService {

		@XRayAnnotate(key = "bad", value = "new String('x')")
		@XRayAnnotate(key = "parcel", value = "#parcelId")
		void ship(String parcelId);

	}

	static class FastShipping implements ShippingService {

		@Override
		public void ship(String parcelId) {
		}

	}

	static class SlowShipping implements ShippingService {

		@Override
		public void ship(String parcelId) {
		}

	}

	static class ExpressOrders extends Orders {

		@Override
		BigDecimal total(String orderId) {
			return new BigDecimal("1.5");
		}

	}

	static class Orders {

		@XRayAnnotate(key = "throws", value = "#h.fail()", when = Phase.BEFORE)
		@XRayAnnotate(key = "recurses", value = "#h.recurse(0)")
		@XRayAnnotate(key = "bad_to_string", value = "#h")
		@XRayAnnotate(key = "recursive_to_string", value = "#h.self()")
		@XRayAnnotate(key = "kept", value = "'yes'")
		String hostile(Hostile h) {
			return "served";
		}

		@XRayAnnotate(key = "order.id", value = "#orderId", when = Phase.BEFORE)
		@XRayAnnotate(key = "tier", value = "#customer.tier")
		@XRayAnnotate(key = "city", value = "#customer.address.city")
		String place(String orderId, Customer customer) {
			return "placed " + orderId;
		}

		@XRayAnnotate(key = "order_id", value = "#orderId", when = Phase.BEFORE)
		@XRayAnnotate(key = "total", value = "#result")
		BigDecimal total(String orderId) {
			return new BigDecimal("12.5");
		}

		@XRayAnnotate(key = "int", value = "#i")
		@XRayAnnotate(key = "long", value = "#l")
		@XRayAnnotate(key = "short", value = "#s")
		@XRayAnnotate(key = "byte", value = "#b")
		@XRayAnnotate(key = "big_integer", value = "#bi")
		@XRayAnnotate(key = "float", value = "#f")
		@XRayAnnotate(key = "double", value = "#d")
		@XRayAnnotate(key = "big_decimal", value = "#bd")
		@XRayAnnotate(key = "boolean", value = "#bool")
		@XRayAnnotate(key = "enum", value = "#tier")
		@XRayAnnotate(key = "other", value = "#other")
		@XRayAnnotate(key = "char_sequence", value = "#text")
		void types(int i, long l, short s, byte b, BigInteger bi, float f, double d, BigDecimal bd, boolean bool,
				Tier tier, Object other, CharSequence text) {
		}

		@XRayAnnotate(key = "found", value = "#result")
		Optional<String> find(String orderId) {
			return Optional.of("order-" + orderId);
		}

		@XRayAnnotate(key = "before", value = "#orderId", when = Phase.BEFORE)
		@XRayAnnotate(key = "after", value = "#orderId")
		@XRayAnnotate(key = "result", value = "#result")
		String fail(String orderId) {
			throw new IllegalStateException("out of stock");
		}

		@XRayAnnotate(key = "items_before", value = "#basket.items", when = Phase.BEFORE)
		@XRayAnnotate(key = "items_after", value = "#basket.items")
		void drain(Basket basket) {
			basket.drain();
		}

		@XRayAnnotate(key = "first", value = "#p0")
		@XRayAnnotate(key = "second", value = "#a1")
		void positional(String one, String two) {
		}

		@XRayAnnotate(key = "bad", value = "T(java.lang.Runtime).getRuntime()")
		@XRayAnnotate(key = "good", value = "#orderId")
		String partlyInvalid(String orderId) {
			return "ok";
		}

		@XRayAnnotate(key = "result", value = "#result", when = Phase.BEFORE)
		String resultBefore(String orderId) {
			return orderId;
		}

		@XRayAnnotate(key = "result", value = "#result")
		void voidResult(String orderId) {
		}

		@XRayAnnotate(key = "order", value = "#orderld")
		void unknownParameter(String orderId) {
		}

		@XRayAnnotate(key = " ", value = "#orderId")
		void emptyKey(String orderId) {
		}

		@XRayAnnotate(key = "order", value = "#orderId +")
		void unparsable(String orderId) {
		}

		@XRayAnnotate(key = "region", value = "#headers['region']")
		@XRayAnnotate(key = "second", value = "#items[1]")
		void lookup(Map<String, String> headers, List<String> items) {
		}

	}

	static class Hostile {

		public String fail() {
			throw new IllegalStateException("expression failed");
		}

		public int recurse(int depth) {
			return recurse(depth + 1) + 1;
		}

		public Object self() {
			return new Object() {
				@Override
				public String toString() {
					return toString() + "!";
				}
			};
		}

		@Override
		public String toString() {
			throw new IllegalStateException("no text");
		}

	}

}
