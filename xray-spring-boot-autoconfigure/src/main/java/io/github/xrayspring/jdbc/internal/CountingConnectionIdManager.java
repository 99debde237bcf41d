package io.github.xrayspring.jdbc.internal;

import java.sql.Connection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import net.ttddyy.dsproxy.ConnectionIdManager;

/**
 * Hands out datasource-proxy connection IDs from a counter without tracking open
 * connections, which datasource-proxy's default manager does under a lock on every
 * connection.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
public final class CountingConnectionIdManager implements ConnectionIdManager {

	private final AtomicLong ids = new AtomicLong();

	@Override
	public String getId(Connection connection) {
		return Long.toString(this.ids.incrementAndGet());
	}

	@Override
	public void addClosedId(String closedId) {
	}

	@Override
	public Set<String> getOpenConnectionIds() {
		return Collections.emptySet();
	}

}
