package io.github.xrayspring.jdbc;

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
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.transform.ParameterTransformer;
import net.ttddyy.dsproxy.transform.QueryTransformer;

/**
 * A DataSource that hands out datasource-proxy connections while a sampled span is
 * current and the target's own connections otherwise, so that unsampled work pays nothing
 * for the proxy. The choice is made when a connection is obtained: a connection obtained
 * while no sampled span is current stays untraced for its lifetime. When the proxy does
 * more than record spans (another listener, a method listener, a query or parameter
 * transformer), every connection is proxied.
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
		return proxied() ? this.proxy.getConnection() : this.proxy.getDataSource().getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return proxied() ? this.proxy.getConnection(username, password)
				: this.proxy.getDataSource().getConnection(username, password);
	}

	// Decided per connection: one obtained with no sampled span current stays untraced.
	private boolean proxied() {
		return XRayQueryExecutionListener.isTraced(Span.current().getSpanContext()) || !onlyRecordsSpans();
	}

	// Read on every connection, since listeners can be added to the proxy after startup.
	private boolean onlyRecordsSpans() {
		ProxyConfig config = this.proxy.getProxyConfig();
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

}
