package io.github.xrayspring.jdbc.internal;

import java.util.Locale;

/**
 * The database systems named in span attributes, with the old and the stable
 * semantic-convention values.
 *
 * @author xray-spring-boot-starter team
 * @since 0.1.0
 */
enum DbSystem {

	POSTGRESQL("postgresql", "postgresql", 5432, false),

	MYSQL("mysql", "mysql", 3306, true),

	MARIADB("mariadb", "mariadb", 3306, true),

	H2("h2", "h2database", -1, false),

	HSQLDB("hsqldb", "hsqldb", -1, false),

	ORACLE("oracle", "oracle.db", 1521, false),

	MSSQL("mssql", "microsoft.sql_server", 1433, false),

	OTHER_SQL("other_sql", "other_sql", -1, false);

	private final String oldName;

	private final String stableName;

	private final int defaultPort;

	private final boolean mysqlQuoting;

	DbSystem(String oldName, String stableName, int defaultPort, boolean mysqlQuoting) {
		this.oldName = oldName;
		this.stableName = stableName;
		this.defaultPort = defaultPort;
		this.mysqlQuoting = mysqlQuoting;
	}

	String oldName() {
		return this.oldName;
	}

	String stableName() {
		return this.stableName;
	}

	int defaultPort() {
		return this.defaultPort;
	}

	boolean mysqlQuoting() {
		return this.mysqlQuoting;
	}

	static DbSystem fromSubprotocol(String subprotocol) {
		return switch (subprotocol.toLowerCase(Locale.ROOT)) {
			case "postgresql", "pgsql" -> POSTGRESQL;
			case "mysql" -> MYSQL;
			case "mariadb" -> MARIADB;
			case "h2" -> H2;
			case "hsqldb" -> HSQLDB;
			case "oracle" -> ORACLE;
			case "sqlserver", "jtds" -> MSSQL;
			default -> OTHER_SQL;
		};
	}

}
