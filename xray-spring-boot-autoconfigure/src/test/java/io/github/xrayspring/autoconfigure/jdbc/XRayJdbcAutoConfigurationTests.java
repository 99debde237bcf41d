package io.github.xrayspring.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.github.xrayspring.jdbc.internal.JdbcStatistics;
import io.github.xrayspring.jdbc.internal.NPlusOneSpanProcessor;
import io.github.xrayspring.jdbc.internal.XRayDataSource;
import io.github.xrayspring.jdbc.internal.XRayQueryExecutionListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link XRayJdbcAutoConfiguration}.
 *
 * @author xray-spring-boot-starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class XRayJdbcAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, XRayJdbcAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	@Test
	void wrapsAutoConfiguredDataSourceAndStillUnwrapsToHikari() {
		this.contextRunner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(XRayDataSource.class);
			assertThat(listeners(dataSource)).hasAtLeastOneElementOfType(XRayQueryExecutionListener.class);
			HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
					HikariDataSource.class);
			assertThat(hikari).isNotNull();
			assertThat(dataSource.unwrap(HikariDataSource.class)).isSameAs(hikari);
			assertThat(context).hasSingleBean(NPlusOneSpanProcessor.class).hasSingleBean(JdbcStatistics.class);
			assertThat(context.getBeansOfType(SpanProcessor.class)).hasSize(1);
		});
	}

	@Test
	void wrapsOutsideSpringBootsLazyConnectionProxy() {
		this.contextRunner.withPropertyValues("spring.datasource.connection-fetch=lazy").run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isInstanceOf(XRayDataSource.class);
			assertThat(dataSource.unwrap(ProxyDataSource.class).getDataSource())
				.isInstanceOf(LazyConnectionDataSourceProxy.class);
			assertThat(DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class, HikariDataSource.class))
				.isNotNull();
		});
	}

	@Test
	void openingNoConnectionAtStartup() {
		this.contextRunner.run((context) -> {
			HikariDataSource hikari = DataSourceUnwrapper.unwrap(context.getBean(DataSource.class),
					HikariConfigMXBean.class, HikariDataSource.class);
			assertThat(hikari).isNotNull();
			assertThat(hikari.isRunning()).isFalse();
		});
	}

	@Test
	void wrapsEachOfSeveralDataSources() {
		this.contextRunner.withUserConfiguration(TwoDataSourcesConfiguration.class).run((context) -> {
			Map<String, DataSource> dataSources = context.getBeansOfType(DataSource.class);
			assertThat(dataSources).containsOnlyKeys("first", "second");
			assertThat(dataSources.values())
				.allSatisfy((dataSource) -> assertThat(dataSource).isInstanceOf(XRayDataSource.class));
			assertThat(listeners(dataSources.get("first")))
				.doesNotContainAnyElementsOf(listeners(dataSources.get("second")));
		});
	}

	@Test
	void leavesExcludedDataSourcesAlone() {
		this.contextRunner.withUserConfiguration(TwoDataSourcesConfiguration.class)
			.withPropertyValues("xray.jdbc.excluded-data-source-bean-names=second")
			.run((context) -> {
				assertThat(context.getBean("first")).isInstanceOf(XRayDataSource.class);
				assertThat(context.getBean("second")).isInstanceOf(HikariDataSource.class);
			});
	}

	@Test
	void leavesScopedTargetsAloneAndWrapsTheScopedProxy() {
		this.contextRunner.withUserConfiguration(ScopedDataSourceConfiguration.class).run((context) -> {
			assertThat(context.getBean("scopedTarget.dataSource")).isInstanceOf(HikariDataSource.class);
			assertThat(context.getBean("dataSource")).isInstanceOf(XRayDataSource.class);
		});
	}

	@Test
	void neverWrapsTwiceButAddsItsListenerToAnExistingProxy() {
		this.contextRunner.withUserConfiguration(ProxiedDataSourceConfiguration.class).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).isSameAs(context.getBean(ProxiedDataSourceConfiguration.class).proxy);
			assertThat(((ProxyDataSource) dataSource).getDataSource()).isInstanceOf(HikariDataSource.class);
			assertThat(listeners(dataSource)).filteredOn(XRayQueryExecutionListener.class::isInstance).hasSize(1);
		});
	}

	@Test
	void routingDataSourceRecordsTheDatabaseOfEachTarget() {
		this.contextRunner.withUserConfiguration(RoutingDataSourceConfiguration.class, TracingConfiguration.class)
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				assertThat(dataSource).isInstanceOf(XRayDataSource.class);
				OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
				Span request = openTelemetry.getTracer("test").spanBuilder("request").startSpan();
				try (Scope scope = request.makeCurrent()) {
					for (String key : List.of("alpha", "beta")) {
						RoutingDataSourceConfiguration.key.set(key);
						execute(dataSource, "SELECT 1");
					}
				}
				request.end();
				assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems())
					.filteredOn((span) -> !span.getName().equals("request"))
					.extracting((span) -> span.getAttributes().get(AttributeKey.stringKey("db.name")))
					.containsExactly("alpha", "beta");
			});
	}

	@Test
	void statementsBecomeSpansWithTheApplicationsOpenTelemetry() {
		this.contextRunner.withUserConfiguration(TracingConfiguration.class).run((context) -> {
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			Span request = openTelemetry.getTracer("test").spanBuilder("request").startSpan();
			try (Scope scope = request.makeCurrent()) {
				execute(context.getBean(DataSource.class), "SELECT 1");
			}
			request.end();
			List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
			assertThat(spans).extracting(SpanData::getName).hasSize(2).first().asString().startsWith("SELECT ");
			assertThat(spans.get(0).getInstrumentationScopeInfo().getName()).isEqualTo("io.github.xrayspring.jdbc");
			assertThat(spans.get(0).getAttributes().get(AttributeKey.stringKey("db.system"))).isEqualTo("h2");
			assertThat(context.getBean(JdbcStatistics.class).statements()).isOne();
		});
	}

	@Test
	void customizersRunInOrderAfterTheListenerIsAdded() {
		this.contextRunner.withUserConfiguration(CustomizersConfiguration.class).run((context) -> {
			assertThat(context.getBean(CustomizersConfiguration.class).calls).containsExactly("first:dataSource",
					"second:dataSource");
			assertThat(listeners(context.getBean(DataSource.class)))
				.hasAtLeastOneElementOfType(XRayQueryExecutionListener.class)
				.contains(CustomizersConfiguration.LISTENER);
		});
	}

	@Test
	void statementsAreTracedOnlyUnderASampledSpan() {
		this.contextRunner.withUserConfiguration(TracingConfiguration.class).run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			try (Connection connection = dataSource.getConnection()) {
				assertThat(connection).isNotInstanceOf(ProxyJdbcObject.class);
				try (Statement statement = connection.createStatement()) {
					assertThat(statement).isNotInstanceOf(ProxyJdbcObject.class);
				}
				Span request = context.getBean(OpenTelemetry.class)
					.getTracer("test")
					.spanBuilder("request")
					.startSpan();
				try (Scope scope = request.makeCurrent(); Statement statement = connection.createStatement()) {
					// the starter's own wrapper: the proxy records nothing but spans
					assertThat(statement.getClass().getSimpleName()).isEqualTo("XRayStatement");
					assertThat(statement.getConnection()).isSameAs(connection);
				}
				request.end();
			}
		});
	}

	@Test
	void transactionOpenedUnderTheRequestSpanIsTracedThroughTheLazyConnectionProxy() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataSourceTransactionManagerAutoConfiguration.class,
					JdbcClientAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
			.withUserConfiguration(TracingConfiguration.class)
			.withPropertyValues("spring.datasource.connection-fetch=lazy")
			.run((context) -> {
				TransactionTemplate transaction = new TransactionTemplate(
						context.getBean(PlatformTransactionManager.class));
				JdbcClient jdbc = context.getBean(JdbcClient.class);
				transaction.executeWithoutResult((status) -> jdbc.sql("SELECT 1").query(Integer.class).single());
				Span request = context.getBean(OpenTelemetry.class)
					.getTracer("test")
					.spanBuilder("request")
					.startSpan();
				try (Scope scope = request.makeCurrent()) {
					transaction.executeWithoutResult((status) -> {
						jdbc.sql("SELECT 2").query(Integer.class).single();
						jdbc.sql("SELECT 3").query(Integer.class).single();
					});
					jdbc.sql("SELECT 4").query(Integer.class).single();
				}
				request.end();
				assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems())
					.filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
					.extracting((span) -> span.getAttributes().get(AttributeKey.stringKey("db.statement")))
					.containsExactly("SELECT ?", "SELECT ?", "SELECT ?");
			});
	}

	@Test
	void customizerListenersSeeStatementsThatAreNotTraced() {
		this.contextRunner.withUserConfiguration(CountingCustomizerConfiguration.class).run((context) -> {
			execute(context.getBean(DataSource.class), "SELECT 1");
			assertThat(context.getBean(CountingCustomizerConfiguration.class).statements).hasValue(1);
		});
	}

	@Test
	void neverWrapsADataSourceOverAWrappedOne() {
		this.contextRunner.withUserConfiguration(DelegatingDataSourceConfiguration.class).run((context) -> {
			DelegatingDataSource delegating = context.getBean("delegating", DelegatingDataSource.class);
			assertThat(delegating.getTargetDataSource()).isSameAs(context.getBean("first"))
				.isInstanceOf(XRayDataSource.class);
		});
	}

	@Test
	void closingTheContextClosesThePool() {
		AtomicReference<HikariDataSource> hikari = new AtomicReference<>();
		this.contextRunner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			execute(dataSource, "SELECT 1");
			hikari.set(dataSource.unwrap(HikariDataSource.class));
			assertThat(hikari.get().isClosed()).isFalse();
		});
		assertThat(hikari.get().isClosed()).isTrue();
	}

	@Test
	void hikariMetricsKeepWorking() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourcePoolMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				// Without the metrics auto-configuration, binders are bound by hand.
				context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
				execute(context.getBean(DataSource.class), "SELECT 1");
				assertThat(context.getBean(MeterRegistry.class).find("hikaricp.connections").gauge()).isNotNull();
				assertThat(context.getBean(MeterRegistry.class).find("jdbc.connections.max").gauge()).isNotNull();
			});
	}

	@Test
	void wrappingCausesNoEarlyBeanInitialization(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(TracingConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("not eligible for getting processed by all BeanPostProcessors");
		});
	}

	@Test
	void wrapsDataSourceOfAppWithoutSpringJdbc() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(XRayJdbcAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.jdbc", "org.springframework.jdbc"))
			.withBean(DataSource.class, () -> new org.h2.jdbcx.JdbcDataSource())
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(XRayDataSourceBeanPostProcessor.class);
				assertThat(context.getBean(DataSource.class)).isInstanceOf(XRayDataSource.class);
			});
	}

	@Test
	void appWithoutDataSourceGetsNoNPlusOneProcessorNorStatistics() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(XRayJdbcAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(NPlusOneSpanProcessor.class)
					.doesNotHaveBean(JdbcStatistics.class)
					.hasSingleBean(XRayDataSourceBeanPostProcessor.class);
			});
	}

	@Test
	void autoConfiguredDataSourceGetsNPlusOneProcessorAndStatistics() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(NPlusOneSpanProcessor.class)
			.hasSingleBean(JdbcStatistics.class));
	}

	@Test
	void backsOffWithoutDatasourceProxy() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("net.ttddyy.dsproxy")).run((context) -> {
			assertThat(context).doesNotHaveBean(XRayDataSourceBeanPostProcessor.class);
			assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
		});
	}

	@Test
	void backsOffWhenJdbcTracingIsDisabled() {
		this.contextRunner.withPropertyValues("xray.jdbc.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(XRayDataSourceBeanPostProcessor.class)
				.doesNotHaveBean(NPlusOneSpanProcessor.class);
			assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
		});
	}

	@Test
	void backsOffWhenTheStarterIsDisabled() {
		this.contextRunner.withPropertyValues("xray.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(XRayDataSourceBeanPostProcessor.class);
			assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
		});
	}

	@Test
	void userNPlusOneProcessorWins() {
		this.contextRunner
			.withBean(NPlusOneSpanProcessor.class, () -> new NPlusOneSpanProcessor(99, new JdbcStatistics()))
			.run((context) -> assertThat(context).hasSingleBean(NPlusOneSpanProcessor.class));
	}

	@Test
	void badNPlusOneThresholdFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("xray.jdbc.n-plus-one-threshold=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("xray.jdbc.n-plus-one-threshold"));
	}

	@Test
	void negativeSlowQueryThresholdFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("xray.jdbc.slow-query-threshold=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("xray.jdbc.slow-query-threshold"));
	}

	@Test
	void badMaxStatementLengthFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("xray.jdbc.max-statement-length=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("xray.jdbc.max-statement-length"));
	}

	private static List<QueryExecutionListener> listeners(DataSource dataSource) throws SQLException {
		return dataSource.unwrap(ProxyDataSource.class).getProxyConfig().getQueryListener().getListeners();
	}

	private static void execute(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static HikariDataSource h2(String name) {
		return DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
			.username("sa")
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSourcesConfiguration {

		@Bean
		HikariDataSource first() {
			return h2("first");
		}

		@Bean
		HikariDataSource second() {
			return h2("second");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DelegatingDataSourceConfiguration {

		@Bean
		HikariDataSource first() {
			return h2("first");
		}

		@Bean
		DelegatingDataSource delegating(@Qualifier("first") DataSource first) {
			return new DelegatingDataSource(first);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScopedDataSourceConfiguration {

		@Bean
		@org.springframework.context.annotation.Scope(scopeName = "prototype", proxyMode = ScopedProxyMode.INTERFACES)
		DataSource dataSource() {
			return h2("scoped");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProxiedDataSourceConfiguration {

		final ProxyDataSource proxy = ProxyDataSourceBuilder.create(h2("proxied")).name("mine").build();

		@Bean
		DataSource dataSource() {
			return this.proxy;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RoutingDataSourceConfiguration {

		static final ThreadLocal<String> key = new ThreadLocal<>();

		@Bean
		DataSource dataSource() {
			AbstractRoutingDataSource routing = new AbstractRoutingDataSource() {

				@Override
				protected Object determineCurrentLookupKey() {
					return key.get();
				}

			};
			routing.setTargetDataSources(Map.of("alpha", h2("alpha"), "beta", h2("beta")));
			routing.afterPropertiesSet();
			return routing;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TracingConfiguration {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		OpenTelemetry openTelemetry(InMemorySpanExporter exporter, NPlusOneSpanProcessor nPlusOne) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(SdkTracerProvider.builder()
					.addSpanProcessor(nPlusOne)
					.addSpanProcessor(SimpleSpanProcessor.create(exporter))
					.build())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingCustomizerConfiguration {

		final AtomicInteger statements = new AtomicInteger();

		@Bean
		ProxyDataSourceBuilderCustomizer counting() {
			return (builder, beanName) -> builder.afterQuery((execInfo, queries) -> this.statements.incrementAndGet());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		static final QueryExecutionListener LISTENER = new QueryExecutionListener() {

			@Override
			public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
			}

			@Override
			public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
			}

		};

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		ProxyDataSourceBuilderCustomizer second() {
			return (builder, beanName) -> this.calls.add("second:" + beanName);
		}

		@Bean
		@Order(1)
		ProxyDataSourceBuilderCustomizer first() {
			return (builder, beanName) -> {
				this.calls.add("first:" + beanName);
				builder.listener(LISTENER);
			};
		}

	}

}
