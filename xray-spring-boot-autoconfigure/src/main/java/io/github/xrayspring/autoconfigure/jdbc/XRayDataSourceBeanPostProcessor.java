package io.github.xrayspring.autoconfigure.jdbc;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.jdbc.internal.CountingConnectionIdManager;
import io.github.xrayspring.jdbc.internal.DatabaseInfo;
import io.github.xrayspring.jdbc.internal.JdbcStatistics;
import io.github.xrayspring.jdbc.internal.JdbcTracingOptions;
import io.github.xrayspring.jdbc.internal.NPlusOneSpanProcessor;
import io.github.xrayspring.jdbc.internal.XRayDataSource;
import io.github.xrayspring.jdbc.internal.XRayQueryExecutionListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import net.ttddyy.dsproxy.listener.ChainListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.AbstractDriverBasedDataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.util.ClassUtils;

/**
 * Wraps each {@link DataSource} bean with a datasource-proxy {@link ProxyDataSource} that
 * records statements as spans, behind an {@link XRayDataSource} that uses the proxy only
 * while a sampled span is current. Collaborators are resolved when the first DataSource
 * is wrapped, and nothing here opens a connection.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
class XRayDataSourceBeanPostProcessor implements BeanPostProcessor, Ordered {

	/**
	 * The instrumentation scope of the SQL spans.
	 */
	static final String INSTRUMENTATION_SCOPE = "io.github.xrayspring.jdbc";

	// After Spring Boot's lazy-connection proxy (order 0), so that the query proxy is the
	// outermost wrapper.
	static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	// Spring Boot's JDBC module brings Spring's JDBC support with it.
	private static final boolean BOOT_JDBC_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.jdbc.DataSourceUnwrapper",
			XRayDataSourceBeanPostProcessor.class.getClassLoader());

	private static final boolean HIKARI_PRESENT = BOOT_JDBC_PRESENT && ClassUtils
		.isPresent("com.zaxxer.hikari.HikariDataSource", XRayDataSourceBeanPostProcessor.class.getClassLoader());

	private final ObjectProvider<XRayProperties> properties;

	private final ObjectProvider<OpenTelemetry> openTelemetry;

	private final ObjectProvider<NPlusOneSpanProcessor> nPlusOne;

	private final ObjectProvider<JdbcStatistics> statistics;

	private final ObjectProvider<ProxyDataSourceBuilderCustomizer> customizers;

	XRayDataSourceBeanPostProcessor(ObjectProvider<XRayProperties> properties,
			ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<NPlusOneSpanProcessor> nPlusOne,
			ObjectProvider<JdbcStatistics> statistics, ObjectProvider<ProxyDataSourceBuilderCustomizer> customizers) {
		this.properties = properties;
		this.openTelemetry = openTelemetry;
		this.nPlusOne = nPlusOne;
		this.statistics = statistics;
		this.customizers = customizers;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof DataSource dataSource) || ScopedProxyUtils.isScopedTarget(beanName)) {
			return bean;
		}
		XRayProperties.Jdbc jdbc = this.properties.getObject().getJdbc();
		if (jdbc.getExcludedDataSourceBeanNames().contains(beanName)) {
			return bean;
		}
		if (isWrapped(dataSource)) {
			return bean;
		}
		ProxyDataSource existing = findProxyDataSource(dataSource);
		if (existing != null) {
			addListenerIfMissing(existing, dataSource, jdbc);
			return bean;
		}
		if (dataSource instanceof ProxyJdbcObject) {
			return bean;
		}
		ProxyDataSourceBuilder builder = ProxyDataSourceBuilder.create(beanName, dataSource)
			.connectionIdManager(new CountingConnectionIdManager())
			.listener(listener(dataSource, jdbc));
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder, beanName));
		return new XRayDataSource(builder.build());
	}

	private void addListenerIfMissing(ProxyDataSource proxy, DataSource dataSource, XRayProperties.Jdbc jdbc) {
		ChainListener chain = proxy.getProxyConfig().getQueryListener();
		for (QueryExecutionListener listener : chain.getListeners()) {
			if (listener instanceof XRayQueryExecutionListener) {
				return;
			}
		}
		proxy.addListener(listener(dataSource, jdbc));
	}

	private XRayQueryExecutionListener listener(DataSource dataSource, XRayProperties.Jdbc jdbc) {
		JdbcTracingOptions options = new JdbcTracingOptions(jdbc.isSanitize(), jdbc.isCaptureParameters(),
				jdbc.getMaxStatementLength(), jdbc.getSlowQueryThreshold(), jdbc.getAttributeKeys().isOld(),
				jdbc.getAttributeKeys().isStable());
		return new XRayQueryExecutionListener(this::tracer, options, this.nPlusOne.getIfAvailable(),
				this.statistics.getIfAvailable(JdbcStatistics::new), () -> configuredDatabase(dataSource),
				isRouting(dataSource));
	}

	private Tracer tracer() {
		return this.openTelemetry.getIfAvailable(OpenTelemetry::noop).getTracer(INSTRUMENTATION_SCOPE);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	// Also finds the wrapper behind a DelegatingDataSource bean over a wrapped bean.
	private static boolean isWrapped(DataSource dataSource) {
		return dataSource instanceof XRayDataSource
				|| (BOOT_JDBC_PRESENT && DataSourceUnwrapper.unwrap(dataSource, XRayDataSource.class) != null);
	}

	private static @Nullable ProxyDataSource findProxyDataSource(DataSource dataSource) {
		if (dataSource instanceof ProxyDataSource proxy) {
			return proxy;
		}
		return BOOT_JDBC_PRESENT ? DataSourceUnwrapper.unwrap(dataSource, ProxyDataSource.class) : null;
	}

	private static boolean isRouting(DataSource dataSource) {
		return BOOT_JDBC_PRESENT && DataSourceUnwrapper.unwrap(dataSource, AbstractRoutingDataSource.class) != null;
	}

	// Reads the URL and user the pool was configured with; never opens a connection.
	static @Nullable DatabaseInfo configuredDatabase(DataSource dataSource) {
		if (HIKARI_PRESENT) {
			HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
					HikariDataSource.class);
			if (hikari != null && hikari.getJdbcUrl() != null) {
				return DatabaseInfo.parse(hikari.getJdbcUrl(), hikari.getUsername());
			}
		}
		if (BOOT_JDBC_PRESENT) {
			AbstractDriverBasedDataSource driverBased = DataSourceUnwrapper.unwrap(dataSource,
					AbstractDriverBasedDataSource.class);
			if (driverBased != null && driverBased.getUrl() != null) {
				return DatabaseInfo.parse(driverBased.getUrl(), driverBased.getUsername());
			}
		}
		return null;
	}

}
