package io.github.xrayspring.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A DataSource whose connections and statements do nothing, so that a benchmark measures
 * only what wraps them. It hands out the same connection and statement every time.
 *
 * @author xray-spring-boot-starter team
 */
final class JdbcStubs {

	private JdbcStubs() {
	}

	static DataSource dataSource(String url) {
		DatabaseMetaData metaData = stub(DatabaseMetaData.class, (proxy, method, args) -> switch (method.getName()) {
			case "getURL" -> url;
			case "getUserName" -> "app";
			default -> defaultValue(proxy, method.getName(), method.getReturnType());
		});
		PreparedStatement statement = stub(PreparedStatement.class,
				(proxy, method, args) -> defaultValue(proxy, method.getName(), method.getReturnType()));
		Connection connection = stub(Connection.class, (proxy, method, args) -> switch (method.getName()) {
			case "prepareStatement", "createStatement", "prepareCall" -> statement;
			case "getMetaData" -> metaData;
			default -> defaultValue(proxy, method.getName(), method.getReturnType());
		});
		return stub(DataSource.class, (proxy, method, args) -> method.getName().equals("getConnection") ? connection
				: defaultValue(proxy, method.getName(), method.getReturnType()));
	}

	private static <T> T stub(Class<T> type, InvocationHandler handler) {
		return type.cast(Proxy.newProxyInstance(JdbcStubs.class.getClassLoader(), new Class<?>[] { type }, handler));
	}

	private static @Nullable Object defaultValue(Object proxy, String name, Class<?> type) {
		if (name.equals("hashCode")) {
			return System.identityHashCode(proxy);
		}
		if (name.equals("toString")) {
			return "stub";
		}
		if (type == boolean.class) {
			return false;
		}
		if (type == int.class) {
			return 0;
		}
		if (type == long.class) {
			return 0L;
		}
		if (type.isPrimitive() && type != void.class) {
			return (type == double.class) ? 0.0d : (type == float.class) ? 0.0f
					: (type == short.class) ? (short) 0 : (type == byte.class) ? (byte) 0 : '\0';
		}
		return null;
	}

}
