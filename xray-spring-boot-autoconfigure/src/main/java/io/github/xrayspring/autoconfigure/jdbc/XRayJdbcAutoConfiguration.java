package io.github.xrayspring.autoconfigure.jdbc;

import javax.sql.DataSource;

import io.github.xrayspring.autoconfigure.XRayProperties;
import io.github.xrayspring.jdbc.internal.JdbcStatistics;
import io.github.xrayspring.jdbc.internal.NPlusOneSpanProcessor;
import io.opentelemetry.api.OpenTelemetry;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

/**
 * Auto-configuration that records each JDBC statement as an X-Ray SQL subsegment by
 * wrapping every DataSource bean with datasource-proxy.
 * <p>
 * The wrapper is applied after Spring Boot's own lazy-connection proxy, so that it sees
 * the statements the application runs, and it still unwraps to the connection pool.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ DataSource.class, ProxyDataSourceBuilder.class })
@ConditionalOnBooleanProperty(name = "xray.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "xray.jdbc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(XRayProperties.class)
public final class XRayJdbcAutoConfiguration {

	// DataSource is in the JDK and datasource-proxy ships with the starter: without a
	// DataSource bean there is nothing to count. Ordered after Boot's
	// DataSourceAutoConfiguration, so that its DataSource is seen here.
	@Bean
	@ConditionalOnBean(DataSource.class)
	@ConditionalOnMissingBean
	JdbcStatistics xrayJdbcStatistics() {
		return new JdbcStatistics();
	}

	@Bean
	@ConditionalOnBean(DataSource.class)
	@ConditionalOnMissingBean
	NPlusOneSpanProcessor xrayNPlusOneSpanProcessor(XRayProperties properties, JdbcStatistics statistics) {
		return new NPlusOneSpanProcessor(properties.getJdbc().getNPlusOneThreshold(), statistics);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static XRayDataSourceBeanPostProcessor xrayDataSourceBeanPostProcessor(ObjectProvider<XRayProperties> properties,
			ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<NPlusOneSpanProcessor> nPlusOne,
			ObjectProvider<JdbcStatistics> statistics, ObjectProvider<ProxyDataSourceBuilderCustomizer> customizers) {
		return new XRayDataSourceBeanPostProcessor(properties, openTelemetry, nPlusOne, statistics, customizers);
	}

}
