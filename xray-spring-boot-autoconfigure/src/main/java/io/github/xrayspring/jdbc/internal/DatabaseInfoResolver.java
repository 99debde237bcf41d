package io.github.xrayspring.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Finds the database behind a statement: once per DataSource, or once per URL for a
 * routing DataSource. A failed look-up is not cached; a later traced statement retries it
 * at most once per interval.
 *
 * @author xray-spring-boot-starter team
 */
final class DatabaseInfoResolver {

	private static final int MAX_ROUTED_DATABASES = 64;

	private final Supplier<@Nullable DatabaseInfo> configured;

	private final boolean routing;

	private final ConcurrentMap<String, DatabaseInfo> byUrl = new ConcurrentHashMap<>();

	private final long retryNanos;

	private volatile @Nullable DatabaseInfo resolved;

	// While a look-up has failed: when the next one may be tried.
	private volatile long retryAtNanos;

	private volatile boolean failed;

	DatabaseInfoResolver(Supplier<@Nullable DatabaseInfo> configured, boolean routing, long retryNanos) {
		this.configured = configured;
		this.routing = routing;
		this.retryNanos = retryNanos;
	}

	DatabaseInfo resolve(@Nullable Statement statement) {
		if (this.routing) {
			DatabaseInfo info = fromMetadata(statement);
			return (info != null) ? info : DatabaseInfo.unknown(null);
		}
		DatabaseInfo info = this.resolved;
		if (info != null) {
			return info;
		}
		if (this.failed && System.nanoTime() - this.retryAtNanos < 0) {
			return DatabaseInfo.unknown(null);
		}
		info = configured();
		if (info == null) {
			info = fromMetadata(statement);
		}
		if (info == null) {
			// Not cached: a later traced statement asks again, at most once per
			// interval.
			this.retryAtNanos = System.nanoTime() + this.retryNanos;
			this.failed = true;
			return DatabaseInfo.unknown(null);
		}
		this.resolved = info;
		return info;
	}

	private @Nullable DatabaseInfo configured() {
		try {
			return this.configured.get();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private @Nullable DatabaseInfo fromMetadata(@Nullable Statement statement) {
		if (statement == null) {
			return null;
		}
		try {
			Connection connection = statement.getConnection();
			DatabaseMetaData metaData = connection.getMetaData();
			String url = metaData.getURL();
			if (url == null) {
				return null;
			}
			DatabaseInfo cached = this.byUrl.get(url);
			if (cached != null) {
				return cached;
			}
			DatabaseInfo info = DatabaseInfo.parse(url, null);
			if (info.user() == null && readsUserLocally(info.system())) {
				info = DatabaseInfo.parse(url, metaData.getUserName());
			}
			if (this.byUrl.size() < MAX_ROUTED_DATABASES) {
				this.byUrl.put(url, info);
			}
			return info;
		}
		catch (Exception ex) {
			return null;
		}
	}

	// These drivers answer getUserName() from the connection, without a query.
	private static boolean readsUserLocally(DbSystem system) {
		return system == DbSystem.POSTGRESQL || system == DbSystem.H2 || system == DbSystem.HSQLDB;
	}

}
