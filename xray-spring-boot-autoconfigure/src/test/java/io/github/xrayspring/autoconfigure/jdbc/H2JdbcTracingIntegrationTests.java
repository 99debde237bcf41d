package io.github.xrayspring.autoconfigure.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Statements against an in-memory H2 database.
 *
 * @author xray-spring-boot-starter team
 */
class H2JdbcTracingIntegrationTests extends AbstractJdbcTracingIntegrationTests {

	@Override
	protected String[] dataSourceProperties() {
		return new String[] { "spring.datasource.url=jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1",
				"spring.datasource.username=sa" };
	}

	@Override
	protected String slowStatement() {
		return "CALL SLEEP_MILLIS(300)";
	}

	@Override
	protected String dbSystem() {
		return "h2";
	}

	@Override
	protected boolean expectsSqlBlock() {
		return false;
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
			statement.execute("INSERT INTO customers SELECT x, 'customer ' || x FROM SYSTEM_RANGE(1, 20)");
			statement.execute("CREATE ALIAS IF NOT EXISTS SLEEP_MILLIS FOR 'java.lang.Thread.sleep(long)'");
		}
	}

}
