package io.github.xrayspring.jdbc.internal;

import io.github.xrayspring.trace.internal.SpanAttributes;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DatabaseInfo}.
 *
 * @author xray-spring-boot-starter team
 */
class DatabaseInfoTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", quoteCharacter = '"',
			textBlock = """
					jdbc:postgresql://db.example.com:5433/shop?user=app&password=s3cret | postgresql | shop | db.example.com | 5433 | app | jdbc:postgresql://db.example.com:5433
					jdbc:postgresql://localhost/shop                                 | postgresql | shop   | localhost       | 5432 | -     | jdbc:postgresql://localhost:5432
					jdbc:postgresql://h1:5432,h2:5433/shop?targetServerType=primary  | postgresql | shop   | h1              | 5432 | -     | jdbc:postgresql://h1:5432
					jdbc:postgresql:shop                                             | postgresql | shop   | localhost       | -    | -     | jdbc:postgresql://localhost
					jdbc:postgresql:///shop                                          | postgresql | shop   | localhost       | 5432 | -     | jdbc:postgresql://localhost:5432
					jdbc:postgresql://[::1]:5432/shop                                | postgresql | shop   | ::1             | 5432 | -     | jdbc:postgresql://[::1]:5432
					jdbc:mysql://root:pw@mysql.internal:3307/orders?useSSL=false     | mysql      | orders | mysql.internal  | 3307 | root  | jdbc:mysql://mysql.internal:3307
					jdbc:mysql:loadbalance://a.example.com,b.example.com/orders      | mysql      | orders | a.example.com   | 3306 | -     | jdbc:mysql://a.example.com:3306
					jdbc:mysql+srv://cluster.example.com/orders                      | mysql      | orders | cluster.example.com | 3306 | - | jdbc:mysql://cluster.example.com:3306
					jdbc:mariadb://maria:3306/app                                    | mariadb    | app    | maria           | 3306 | -     | jdbc:mariadb://maria:3306
					jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1                               | h2         | shop   | localhost       | -    | -     | jdbc:h2://localhost
					jdbc:h2:file:./data/shop;AUTO_SERVER=TRUE                        | h2         | shop   | localhost       | -    | -     | jdbc:h2://localhost
					jdbc:h2:~/test                                                   | h2         | test   | localhost       | -    | -     | jdbc:h2://localhost
					jdbc:h2:tcp://dbhost:9092/~/shop                                 | h2         | shop   | dbhost          | 9092 | -     | jdbc:h2://dbhost:9092
					jdbc:hsqldb:mem:testdb;shutdown=true                             | hsqldb     | testdb | localhost       | -    | -     | jdbc:hsqldb://localhost
					jdbc:hsqldb:hsql://hs:9001/xdb                                   | hsqldb     | xdb    | hs              | 9001 | -     | jdbc:hsqldb://hs:9001
					jdbc:oracle:thin:@ora.example.com:1521:ORCL                      | oracle     | ORCL   | ora.example.com | 1521 | -     | jdbc:oracle://ora.example.com:1521
					jdbc:oracle:thin:scott/tiger@//ora:1522/sales.example.com        | oracle     | sales.example.com | ora  | 1522 | scott | jdbc:oracle://ora:1522
					jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=rac1)(PORT=1530))(CONNECT_DATA=(SERVICE_NAME=orcl))) | oracle | orcl | rac1 | 1530 | - | jdbc:oracle://rac1:1530
					jdbc:sqlserver://sql.example.com:1434;databaseName=crm;user=sa;password=pw | mssql | crm | sql.example.com | 1434 | sa  | jdbc:mssql://sql.example.com:1434
					jdbc:sqlserver://sql\\inst;database=crm                          | mssql      | crm    | sql             | 1433 | -     | jdbc:mssql://sql:1433
					jdbc:jtds:sqlserver://legacy:1433/crm                            | mssql      | crm    | legacy          | 1433 | -     | jdbc:mssql://legacy:1433
					jdbc:p6spy:postgresql://db:5432/shop                             | postgresql | shop   | db              | 5432 | -     | jdbc:postgresql://db:5432
					jdbc:aws-wrapper:postgresql://cluster.rds.amazonaws.com:5432/shop | postgresql | shop  | cluster.rds.amazonaws.com | 5432 | - | jdbc:postgresql://cluster.rds.amazonaws.com:5432
					jdbc:derby://derbyhost:1527/sample                               | other_sql  | sample | derbyhost       | 1527 | -     | jdbc:derby://derbyhost:1527
					jdbc:sqlite:/var/data/app.db                                     | other_sql  | app.db | localhost       | -    | -     | jdbc:sqlite://localhost
					""")
	void parsesUrl(String url, String system, String name, String host, Integer port, String user,
			String connectionString) {
		DatabaseInfo info = DatabaseInfo.parse(url.replace("\\\\", "\\"), null);
		assertThat(info.system().oldName()).isEqualTo(system);
		assertThat(info.name()).isEqualTo(name);
		assertThat(info.host()).isEqualTo(host);
		assertThat(info.port()).isEqualTo((port != null) ? port : -1);
		assertThat(info.user()).isEqualTo(user);
		assertThat(info.connectionString()).isEqualTo(connectionString);
		assertThat(info.attributes().asMap().values()).noneMatch((value) -> value.toString().contains("s3cret")
				|| value.toString().contains("tiger") || value.toString().contains("pw"));
	}

	@Test
	void attributesCarryOldAndStableKeys() {
		Attributes attributes = DatabaseInfo.parse("jdbc:postgresql://db.example.com:5432/shop", "app").attributes();
		assertThat(attributes.get(SpanAttributes.DB_SYSTEM)).isEqualTo("postgresql");
		assertThat(attributes.get(SpanAttributes.DB_SYSTEM_NAME)).isEqualTo("postgresql");
		assertThat(attributes.get(SpanAttributes.DB_NAME)).isEqualTo("shop");
		assertThat(attributes.get(SpanAttributes.DB_NAMESPACE)).isEqualTo("shop");
		assertThat(attributes.get(SpanAttributes.DB_USER)).isEqualTo("app");
		assertThat(attributes.get(SpanAttributes.DB_CONNECTION_STRING))
			.isEqualTo("jdbc:postgresql://db.example.com:5432");
		assertThat(attributes.get(SpanAttributes.SERVER_ADDRESS)).isEqualTo("db.example.com");
		assertThat(attributes.get(SpanAttributes.SERVER_PORT)).isEqualTo(5432L);
		assertThat(attributes.get(SpanAttributes.PEER_SERVICE)).isEqualTo("shop@db.example.com");
	}

	@ParameterizedTest
	@CsvSource({ "jdbc:h2:mem:x, h2database", "jdbc:oracle:thin:@h:1521:x, oracle.db",
			"jdbc:sqlserver://h;databaseName=x, microsoft.sql_server", "jdbc:hsqldb:mem:x, hsqldb",
			"jdbc:mariadb://h/x, mariadb", "jdbc:mysql://h/x, mysql", "jdbc:db2://h:50000/x, other_sql" })
	void stableSystemNames(String url, String stableName) {
		assertThat(DatabaseInfo.parse(url, null).attributes().get(SpanAttributes.DB_SYSTEM_NAME)).isEqualTo(stableName);
	}

	@Test
	void configuredUserWinsOverUrlUser() {
		assertThat(DatabaseInfo.parse("jdbc:postgresql://h/db?user=fromurl", "configured").user())
			.isEqualTo("configured");
	}

	@Test
	void garbageGivesOtherSqlWithoutFailing() {
		for (String url : new String[] { null, "", "jdbc:", "jdbc::", "not a url", "jdbc:postgresql://",
				"jdbc:x:\u0000", "jdbc:oracle:thin:@", "jdbc:mysql://[::1", "jdbc:postgresql://h:99999999/db" }) {
			DatabaseInfo info = DatabaseInfo.parse(url, null);
			assertThat(info.attributes().get(SpanAttributes.DB_SYSTEM)).isNotNull();
			assertThat(info.spanName("SELECT")).isNotBlank();
		}
	}

	@Test
	void spanNameIsOperationAndDatabaseName() {
		DatabaseInfo info = DatabaseInfo.parse("jdbc:postgresql://h/shop", null);
		assertThat(info.spanName("SELECT")).isEqualTo("SELECT shop");
		assertThat(info.spanName("SELECT")).isSameAs(info.spanName("SELECT"));
		assertThat(info.spanName(null)).isEqualTo("shop");
	}

	@Test
	void spanNameWithoutDatabaseNameUsesSystem() {
		assertThat(DatabaseInfo.unknown(null).spanName("SELECT")).isEqualTo("SELECT other_sql");
	}

}
