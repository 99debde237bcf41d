package io.github.xrayspring.benchmarks;

import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

import io.github.xrayspring.annotation.XRayAnnotate;
import io.github.xrayspring.annotation.internal.XRayAnnotateAdvisor;
import io.github.xrayspring.annotation.internal.XRayAnnotateHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.aop.framework.ProxyFactory;

/**
 * Cost of one {@code @XRayAnnotate} call whose expression is already parsed: through a
 * class proxy built like Boot's auto-proxy creator builds it, and through the handler
 * alone, with the current span sampled, not sampled, or absent, against a plain call.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class XRayAnnotateBenchmark {

	@Param({ "sampled", "unsampled", "none" })
	private String span;

	private final OrderService target = new OrderService();

	private final XRayAnnotateHandler handler = new XRayAnnotateHandler();

	private final Order order = new Order("42", new Customer("gold"));

	private OrderService proxy;

	private SdkTracerProvider tracerProvider;

	private io.opentelemetry.context.Scope scope;

	@Setup(Level.Trial)
	public void setUp() {
		ProxyFactory factory = new ProxyFactory(this.target);
		factory.setProxyTargetClass(true);
		factory.setPreFiltered(true);
		factory.addAdvisor(new XRayAnnotateAdvisor(this.handler));
		this.proxy = (OrderService) factory.getProxy();
		this.tracerProvider = SdkTracerProvider.builder()
			.setSampler(this.span.equals("sampled") ? Sampler.alwaysOn() : Sampler.alwaysOff())
			.build();
		Span current = this.tracerProvider.get("benchmark").spanBuilder("request").startSpan();
		this.scope = this.span.equals("none") ? io.opentelemetry.context.Scope.noop() : current.makeCurrent();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.scope.close();
		this.tracerProvider.close();
	}

	@Benchmark
	public String plainCall() {
		return this.target.place(this.order);
	}

	@Benchmark
	public String throughProxy() {
		return this.proxy.place(this.order);
	}

	@Benchmark
	public Object throughHandler() throws Throwable {
		Object[] arguments = { this.order };
		return this.handler.invoke(OrderService.PLACE, this.target, arguments,
				() -> this.target.place((Order) arguments[0]));
	}

	/**
	 * The annotated bean.
	 */
	public static class OrderService {

		static final Method PLACE;

		static {
			try {
				PLACE = OrderService.class.getMethod("place", Order.class);
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@XRayAnnotate(key = "customer_tier", value = "#order.customer.tier")
		public String place(Order order) {
			return order.id();
		}

	}

	/**
	 * An order.
	 *
	 * @param id the ID
	 * @param customer the customer
	 */
	public record Order(String id, Customer customer) {

	}

	/**
	 * A customer.
	 *
	 * @param tier the tier
	 */
	public record Customer(String tier) {

	}

}
