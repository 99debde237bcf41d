package io.github.xrayspring.autoconfigure.jdbc;

import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Callback to customize the datasource-proxy {@link ProxyDataSourceBuilder} that wraps a
 * DataSource bean, for example to add a listener or query logging. Customizers run in
 * {@link org.springframework.core.annotation.Order order}, after the X-Ray listener has
 * been added.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProxyDataSourceBuilderCustomizer {

	/**
	 * Customizes the builder for one DataSource bean.
	 * @param builder the builder
	 * @param beanName the name of the DataSource bean
	 */
	void customize(ProxyDataSourceBuilder builder, String beanName);

}
