package io.github.xrayspring.jdbc.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.opentelemetry.api.trace.Span;
import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.JdbcProxyFactory;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.transform.ParameterTransformer;
import net.ttddyy.dsproxy.transform.QueryTransformer;

/**
 * A DataSource that records statements only when a sampled span is current as the
 * statement is created, so that unsampled work pays next to nothing. Its connections wrap
 * the target's own and route each statement ({@link Route}): the target's own statement
 * without a sampled span; the starter's {@link XRayStatement} or
 * {@link XRayPreparedStatement}, which report to the query listener without
 * datasource-proxy's JDK proxies, under one; datasource-proxy for calls and whenever the
 * proxy does more than record spans. A connection obtained before the span (a transaction
 * begun before a listener's observation, a connection held across requests) still has its
 * statements traced. When the proxy has another listener, a method listener, or a query
 * or parameter transformer, every connection is datasource-proxy's, as before.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class XRayDataSource implements DataSource, Closeable {

	private final ProxyDataSource proxy;

	/**
	 * Creates a DataSource over a datasource-proxy DataSource.
	 * @param proxy the proxy, whose target serves the connections that are not traced
	 */
	public XRayDataSource(ProxyDataSource proxy) {
		this.proxy = proxy;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return onlyRecordsSpans() ? new XRayConnection(this.proxy.getDataSource().getConnection(), this)
				: this.proxy.getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return onlyRecordsSpans()
				? new XRayConnection(this.proxy.getDataSource().getConnection(username, password), this)
				: this.proxy.getConnection(username, password);
	}

	/**
	 * Where a statement created now goes. Asked by {@link XRayConnection} for each
	 * statement; the proxy's listeners are read again each time, since one can be added
	 * while a connection is held.
	 * @return the route of the statement
	 */
	Route route() {
		ProxyConfig config = this.proxy.getProxyConfig();
		if (!onlyRecordsSpans(config)) {
			return Route.PROXY;
		}
		if (!XRayQueryExecutionListener.isTraced(Span.current().getSpanContext())) {
			return Route.TARGET;
		}
		return (listener(config).capturesParameters() || config.getResultSetProxyLogicFactory() != null
				|| config.getGeneratedKeysProxyLogicFactory() != null
				|| config.getJdbcProxyFactory() != JdbcProxyFactory.DEFAULT) ? Route.PROXY : Route.DIRECT;
	}

	/**
	 * The starter's query listener, the proxy's only one while statements take the
	 * {@link Route#DIRECT} route.
	 * @return the listener
	 */
	XRayQueryExecutionListener listener() {
		return listener(this.proxy.getProxyConfig());
	}

	private static XRayQueryExecutionListener listener(ProxyConfig config) {
		return (XRayQueryExecutionListener) config.getQueryListener().getListeners().get(0);
	}

	/**
	 * Wraps a connection of the target in datasource-proxy, as
	 * {@link ProxyDataSource#getConnection()} does for the connections it obtains, with
	 * the proxy's configuration, so that the listeners and the connection-ID manager are
	 * the same. The proxy's method listeners are not told of a {@code getConnection}
	 * here: the connection was obtained earlier, and a proxy with method listeners hands
	 * out its own connections anyway.
	 * @param target the target's connection
	 * @return datasource-proxy's connection over it
	 * @throws SQLException if the isolation level, when configured to be retrieved,
	 * cannot be read
	 */
	Connection proxy(Connection target) throws SQLException {
		ProxyConfig config = this.proxy.getProxyConfig();
		ConnectionInfo info = new ConnectionInfo();
		info.setConnectionId(config.getConnectionIdManager().getId(target));
		info.setDataSourceName(config.getDataSourceName());
		if (config.isRetrieveIsolationLevel()) {
			info.setIsolationLevel(target.getTransactionIsolation());
		}
		return config.getJdbcProxyFactory().createConnection(target, info, config);
	}

	// Read on every connection and statement, since listeners can be added to the proxy
	// after startup.
	private boolean onlyRecordsSpans() {
		return onlyRecordsSpans(this.proxy.getProxyConfig());
	}

	private static boolean onlyRecordsSpans(ProxyConfig config) {
		List<QueryExecutionListener> listeners = config.getQueryListener().getListeners();
		return listeners.size() == 1 && listeners.get(0) instanceof XRayQueryExecutionListener
				&& config.getMethodListener().getListeners().isEmpty()
				&& config.getQueryTransformer() == QueryTransformer.DEFAULT
				&& config.getParameterTransformer() == ParameterTransformer.DEFAULT;
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return this.proxy.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		this.proxy.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		this.proxy.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.proxy.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.proxy.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return iface.isInstance(this) ? iface.cast(this) : this.proxy.unwrap(iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		return iface.isInstance(this) || this.proxy.isWrapperFor(iface);
	}

	/**
	 * Closes the target DataSource, as the proxy does, so that a pool bean wrapped by the
	 * starter is still closed with the application context.
	 * @throws IOException if the target fails to close
	 */
	@Override
	public void close() throws IOException {
		this.proxy.close();
	}

	/**
	 * Where a statement goes.
	 */
	enum Route {

		/**
		 * Straight to the target: no sampled span is current.
		 */
		TARGET,

		/**
		 * To the starter's statement wrapper, which tells the query listener of each
		 * execution without datasource-proxy's JDBC proxies.
		 */
		DIRECT,

		/**
		 * Through datasource-proxy: it does more than record spans, or bind parameters
		 * are captured.
		 */
		PROXY

	}

}
