package io.github.xrayspring.autoconfigure.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Statements against a real PostgreSQL server, started on a free loopback port.
 *
 * @author xray-spring-boot-starter team
 */
class PostgreSqlJdbcTracingIntegrationTests extends AbstractJdbcTracingIntegrationTests {

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void startPostgres() throws IOException, SQLException {
		postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE shop");
		}
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Override
	protected String[] dataSourceProperties() {
		return new String[] { "spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/shop",
				"spring.datasource.username=postgres", "spring.datasource.password=secret" };
	}

	@Override
	protected String slowStatement() {
		return "SELECT pg_sleep(0.3)";
	}

	@Override
	protected String dbSystem() {
		return "postgresql";
	}

	@Override
	protected boolean expectsSqlBlock() {
		return true;
	}

	@Override
	protected String peerService() {
		return "shop@localhost";
	}

	@Override
	protected void createSchema(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS customers");
			statement.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50))");
			statement.execute("INSERT INTO customers SELECT i, 'customer ' || i FROM generate_series(1, 20) i");
		}
	}

}
