package dk.gennemsyn.platform;

import dk.gennemsyn.testsupport.TestInfra;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "java -jar <service>.jar migrate" (the chart's migration Job): migrates both histories as the owner role from the
 * service's own configuration and answers 0, starts no server, and answers 1 when it cannot migrate.
 */
class ServiceMainTest {

    @Test
    void migrateModeMigratesAsTheOwnerAndLeavesTheApplicationRoleItsGrants() throws Exception {
        Map<String, String> props = TestInfra.database("platform-test");
        assertThat(withSystemProperties(props, () -> ServiceMain.migrate(ServiceMainTest.class))).isZero();

        String url = props.get("datasources.default.url");
        String db = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = TestInfra.adminConnection(db); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from flyway_schema_history where success")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the service's own migrations").isPositive();
            }
            try (ResultSet rs = s.executeQuery("select count(*) from platform_schema_history where success")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the platform's migrations").isPositive();
            }
        }
        try (Connection c = DriverManager.getConnection(url, props.get("datasources.default.username"),
                props.get("datasources.default.password")); Statement s = c.createStatement()) {
            // The application role can use the tables it was granted, and owns none of them.
            try (ResultSet rs = s.executeQuery("select count(*) from outbox")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            try (ResultSet rs = s.executeQuery("select count(*) from pg_tables t where t.schemaname = 'public' "
                    + "and t.tableowner = current_user")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
        // Running it again is a no-op that still succeeds (every upgrade runs it).
        assertThat(withSystemProperties(props, () -> ServiceMain.migrate(ServiceMainTest.class))).isZero();
    }

    @Test
    void aMigrationThatCannotRunAnswersExitStatusOne() {
        Map<String, String> props = new HashMap<>(TestInfra.database("platform-test"));
        props.put("gennemsyn.db.owner.username", "no-such-owner");
        assertThat(withSystemProperties(props, () -> ServiceMain.migrate(ServiceMainTest.class))).isEqualTo(1);
    }

    static int withSystemProperties(Map<String, String> props, java.util.function.IntSupplier body) {
        props.forEach(System::setProperty);
        try {
            return body.getAsInt();
        } finally {
            props.keySet().forEach(System::clearProperty);
        }
    }
}
