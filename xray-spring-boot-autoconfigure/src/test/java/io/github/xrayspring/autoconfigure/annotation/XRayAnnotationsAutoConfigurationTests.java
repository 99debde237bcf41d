package io.github.xrayspring.autoconfigure.annotation;

import java.util.List;

import io.github.xrayspring.annotation.XRayAnnotate;
import io.github.xrayspring.annotation.XRayAnnotate.Phase;
import io.github.xrayspring.annotation.internal.XRayAnnotateAdvisor;
import io.github.xrayspring.annotation.internal.XRayAnnotateHandler;
import io.github.xrayspring.annotation.internal.XRayAnnotateValidator;
import io.github.xrayspring.autoconfigure.export.XRayExportAutoConfiguration;
import io.github.xrayspring.autoconfigure.ops.XRayOpsAutoConfiguration;
import io.github.xrayspring.autoconfigure.tracing.XRayTracingAutoConfiguration;
import io.github.xrayspring.export.internal.XRayAnnotationPromoter;
import io.github.xrayspring.trace.internal.XRayAnnotations;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.aspectj.weaver.Advice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.aop.aspectj.annotation.AnnotationAwareAspectJAutoProxyCreator;
import org.springframework.aop.framework.autoproxy.InfrastructureAdvisorAutoProxyCreator;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayAnnotationsAutoConfiguration}.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class XRayAnnotationsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, XRayAnnotationsAutoConfiguration.class,
				XRayExportAutoConfiguration.class, XRayOpsAutoConfiguration.class));

	@Test
	void shouldSupplyBeansInNonWebApplication() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(XRayAnnotationPromoter.class)
			.hasBean("xrayAnnotationLocalRootTracker")
			.hasSingleBean(XRayAnnotateHandler.class)
			.hasSingleBean(XRayAnnotateAdvisor.class)
			.hasSingleBean(XRayAnnotateValidator.class)
			.hasSingleBean(MeterBinder.class)
			.doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void shouldAnnotateCurrentSpanFromAnyBean() {
		this.contextRunner.withUserConfiguration(OrderServiceConfiguration.class).run((context) -> {
			OrderService orders = context.getBean(OrderService.class);
			assertThat(AopUtils.isAopProxy(orders)).isTrue();
			Attributes attributes = inSpan(() -> orders.place("42"));
			assertThat(attributes.get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
			assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).containsExactly("order_id");
		});
	}

	@Test
	void shouldAnnotateThroughInterfaceProxy() {
		this.contextRunner.withUserConfiguration(PaymentServiceConfiguration.class)
			.withPropertyValues("spring.aop.proxy-target-class=false")
			.run((context) -> {
				PaymentService payments = context.getBean(PaymentService.class);
				assertThat(AopUtils.isJdkDynamicProxy(payments)).isTrue();
				Attributes attributes = inSpan(() -> payments.pay("c-7"));
				assertThat(attributes.get(AttributeKey.stringKey("customer"))).isEqualTo("c-7");
			});
	}

	@Test
	void shouldDoNothingWhenXRayIsDisabled() {
		this.contextRunner.withPropertyValues("xray.enabled=false")
			.withUserConfiguration(OrderServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(XRayAnnotationPromoter.class)
					.doesNotHaveBean(XRayAnnotateAdvisor.class)
					.doesNotHaveBean(MeterBinder.class);
				assertThat(AopUtils.isAopProxy(context.getBean(OrderService.class))).isFalse();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "xray.annotations.xray-annotate.enabled", "xray.web.annotate.enabled" })
	void shouldNotSupplyAdvisorWhenAnnotateIsDisabled(String property) {
		this.contextRunner.withPropertyValues(property + "=false")
			.run((context) -> assertThat(context).hasSingleBean(XRayAnnotationPromoter.class)
				.doesNotHaveBean(XRayAnnotateHandler.class)
				.doesNotHaveBean(XRayAnnotateAdvisor.class)
				.doesNotHaveBean(XRayAnnotateValidator.class));
	}

	@Test
	void shouldSupplyAdvisorWhenEitherNameSaysTrue() {
		this.contextRunner
			.withPropertyValues("xray.annotations.xray-annotate.enabled=true", "xray.web.annotate.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(XRayAnnotateAdvisor.class));
	}

	@Test
	void shouldAnnotateThroughClassProxyWithoutAspectJ() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Advice.class))
			.withUserConfiguration(OrderServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(XRayAnnotateAdvisor.class)
					.hasSingleBean(XRayAnnotateValidator.class)
					.hasSingleBean(InfrastructureAdvisorAutoProxyCreator.class)
					.doesNotHaveBean(AnnotationAwareAspectJAutoProxyCreator.class);
				OrderService orders = context.getBean(OrderService.class);
				assertThat(AopUtils.isCglibProxy(orders)).isTrue();
				Attributes attributes = inSpan(() -> orders.place("42"));
				assertThat(attributes.get(AttributeKey.stringKey("order_id"))).isEqualTo("42");
			});
	}

	@Test
	void shouldAnnotateFromInterfaceMethodThroughInterfaceAndClassProxies() {
		for (String proxyTargetClass : List.of("false", "true")) {
			this.contextRunner.withUserConfiguration(InterfaceAnnotatedConfiguration.class)
				.withPropertyValues("spring.aop.proxy-target-class=" + proxyTargetClass)
				.run((context) -> {
					AnnotatedInterface bean = context.getBean(AnnotatedInterface.class);
					assertThat(AopUtils.isCglibProxy(bean)).isEqualTo(Boolean.parseBoolean(proxyTargetClass));
					assertThat(AopUtils.isJdkDynamicProxy(bean)).isNotEqualTo(Boolean.parseBoolean(proxyTargetClass));
					Attributes attributes = inSpan(() -> bean.call("v-1"));
					assertThat(attributes.get(AttributeKey.stringKey("value"))).isEqualTo("v-1");
					assertThat(attributes.get(AttributeKey.stringKey("result"))).isEqualTo("v-1");
				});
		}
	}

	@Test
	void shouldNotProxyBeansWithoutAnnotations() {
		this.contextRunner.withUserConfiguration(PlainServiceConfiguration.class)
			.run((context) -> assertThat(AopUtils.isAopProxy(context.getBean(PlainService.class))).isFalse());
	}

	@Test
	void shouldNotCreateBeansTooEarlyForOtherPostProcessors(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(PostProcessorConfiguration.class, OrderServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(AopUtils.isAopProxy(context.getBean(OrderService.class))).isTrue();
				assertThat(output).doesNotContain("is not eligible for getting processed by all BeanPostProcessors");
			});
	}

	@Test
	void shouldNotSupplyMeterBinderWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(XRayAnnotationPromoter.class)
				.doesNotHaveBean(MeterBinder.class));
	}

	@Test
	void shouldBackOffForUserBeans() {
		this.contextRunner.withUserConfiguration(UserBeansConfiguration.class)
			.run((context) -> assertThat(context).getBean(XRayAnnotationPromoter.class)
				.isSameAs(context.getBean("myPromoter"))
				.satisfies((promoter) -> assertThat(context).getBean(XRayAnnotateHandler.class)
					.isSameAs(context.getBean("myHandler"))));
	}

	@Test
	void shouldReportInvalidExpressionAtStartupWithoutFailing(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(InvalidExpressionConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).containsOnlyOnce("@XRayAnnotate(key = \"runtime\", value = \"T(java.lang.Runtime)\") on "
					+ InvalidExpressionService.class.getName()
					+ ".run(String) is disabled: type references T(...) are not allowed");
			Attributes attributes = inSpan(() -> context.getBean(InvalidExpressionService.class).run("x"));
			assertThat(attributes.get(XRayAnnotations.ANNOTATIONS)).containsExactly("good");
			assertThat(output).containsOnlyOnce("T(java.lang.Runtime)");
		});
	}

	@Test
	void shouldCheckLazyBeansWithoutCreatingThem(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(LazyServiceConfiguration.class).run((context) -> {
			assertThat(output).contains("@XRayAnnotate(key = \"bad\", value = \"new java.io.File('x')\") on "
					+ InvalidExpressionService.class.getName() + ".later(String) is disabled");
			assertThat(context.getBeanFactory().containsSingleton("lazyService")).isFalse();
		});
	}

	@Test
	void shouldReportInvalidExpressionOnInterfaceMethodAtStartup(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(InterfaceAnnotatedConfiguration.class).run((context) -> {
			assertThat(output).containsOnlyOnce("@XRayAnnotate(key = \"bad\", value = \"T(java.lang.Runtime)\") on "
					+ AnnotatedInterface.class.getName() + ".call(String) is disabled");
			assertThat(output).doesNotContain("WARN");
		});
	}

	@Test
	void shouldPromoteConfiguredAttributes() {
		this.contextRunner.withPropertyValues("xray.annotations.attributes=http.route,tenant").run((context) -> {
			Attributes attributes = Attributes.builder().put("http.route", "/orders").put("tenant", "acme").build();
			SpanData promoted = context.getBean(XRayAnnotationPromoter.class)
				.promote(span(attributes, Attributes.empty()));
			assertThat(promoted.getAttributes().get(XRayAnnotations.ANNOTATIONS)).containsExactly("http_route",
					"tenant");
		});
	}

	@Test
	void shouldPromoteThroughTheExporterDecorator() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(XRayTracingAutoConfiguration.class))
			.withUserConfiguration(InMemoryExporterConfiguration.class)
			.withPropertyValues("xray.annotations.attributes=http.route")
			.run((context) -> {
				SpanData span = span(Attributes.of(AttributeKey.stringKey("http.route"), "/orders"),
						Attributes.empty());
				context.getBean(SpanExporters.class).list().forEach((exporter) -> exporter.export(List.of(span)));
				SpanData exported = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems().get(0);
				assertThat(exported.getAttributes().get(XRayAnnotations.ANNOTATIONS)).containsExactly("http_route");
			});
	}

	@Test
	void shouldRegisterAnnotationMeters() {
		this.contextRunner.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(MeterBinder.class).bindTo(registry);
			context.getBean(XRayAnnotationPromoter.class)
				.promote(span(Attributes.of(AttributeKey.stringKey("k"), "v"),
						Attributes.of(XRayAnnotations.ANNOTATIONS, List.of("k"))));
			assertThat(registry.get("xray.annotations.promoted").functionCounter().count()).isOne();
			assertThat(registry.get("xray.annotations.dropped").functionCounter().count()).isZero();
		});
	}

	private static Attributes inSpan(Runnable action) {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			Span span = tracerProvider.get("test").spanBuilder("request").startSpan();
			try (Scope scope = span.makeCurrent()) {
				action.run();
			}
			finally {
				span.end();
			}
			return exporter.getFinishedSpanItems().get(0).getAttributes();
		}
	}

	private static SpanData span(Attributes attributes, Attributes more) {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build()) {
			tracerProvider.get("test")
				.spanBuilder("span")
				.setAllAttributes(attributes)
				.setAllAttributes(more)
				.startSpan()
				.end();
			return exporter.getFinishedSpanItems().get(0);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderServiceConfiguration {

		@Bean
		OrderService orderService() {
			return new OrderService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PaymentServiceConfiguration {

		@Bean
		PaymentService paymentService() {
			return new DefaultPaymentService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		@Bean
		XRayAnnotationPromoter myPromoter() {
			return new XRayAnnotationPromoter();
		}

		@Bean
		XRayAnnotateHandler myHandler() {
			return new XRayAnnotateHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InvalidExpressionConfiguration {

		@Bean
		InvalidExpressionService invalidExpressionService() {
			return new InvalidExpressionService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LazyServiceConfiguration {

		@Bean
		@Lazy
		InvalidExpressionService lazyService() {
			return new InvalidExpressionService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterfaceAnnotatedConfiguration {

		@Bean
		AnnotatedInterface annotatedInterface() {
			return new InheritingImplementation();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainServiceConfiguration {

		@Bean
		PlainService plainService() {
			return new PlainService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PostProcessorConfiguration {

		@Bean
		static BeanPostProcessor plainPostProcessor() {
			return new BeanPostProcessor() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InMemoryExporterConfiguration {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

	public static class OrderService {

		@XRayAnnotate(key = "order.id", value = "#orderId")
		public String place(String orderId) {
			return orderId;
		}

	}

	public static class PlainService {

		public String plain(String value) {
			return value;
		}

	}

	public interface PaymentService {

		void pay(String customerId);

	}

	public static class DefaultPaymentService implements PaymentService {

		@Override
		@XRayAnnotate(key = "customer", value = "#customerId")
		public void pay(String customerId) {
		}

	}

	public static class InvalidExpressionService {

		@XRayAnnotate(key = "runtime", value = "T(java.lang.Runtime)")
		@XRayAnnotate(key = "good", value = "#name")
		public String run(String name) {
			return name;
		}

		@XRayAnnotate(key = "bad", value = "new java.io.File('x')")
		public void later(String name) {
		}

	}

	public interface AnnotatedInterface {

		@XRayAnnotate(key = "value", value = "#value", when = Phase.BEFORE)
		@XRayAnnotate(key = "result", value = "#result")
		@XRayAnnotate(key = "bad", value = "T(java.lang.Runtime)")
		String call(String value);

	}

	public static class InheritingImplementation implements AnnotatedInterface {

		@Override
		public String call(String value) {
			return value;
		}

	}

}
