package dk.gennemsyn.platform.accesslog;

import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.TestInfra;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database sealed the V7 way (each row marked with its seal) moves to range seals (V10) without a break: the old
 * seals still verify, the rows written but not sealed before the migration are sealed the new way, and a change to
 * either kind of row is still found.
 */
class AccessLogSealMigrationTest {

    @Test
    void markedSealsStillVerifyAndTheChainGoesOnWithRanges() throws Exception {
        Map<String, String> db = TestInfra.database("platform-seal-migration");
        migrate(db, "9");
        String name = db.get("datasources.default.username");
        try (Connection c = TestInfra.adminConnection(name); Statement st = c.createStatement()) {
            write(st, "0250", 4);
            write(st, "0330", 2);
            assertThat(number(st, "select seal_access_log()")).as("sealed the V7 way").isEqualTo(6);
            write(st, "0250", 3); // written, not yet sealed, when the migration runs
        }
        migrate(db, null);
        try (Connection c = TestInfra.adminConnection(name); Statement st = c.createStatement()) {
            assertThat(verify(st, "0250")).isEqualTo("1 4 null 3");
            write(st, "0250", 2);
            write(st, "0330", 1);
            Eventually.await(Duration.ofSeconds(10), "sealed by range", () -> {
                number(st, "select seal_access_log()");
                return verify(st, "0250").equals("2 9 null 0") && verify(st, "0330").equals("2 3 null 0");
            });
            assertThat(number(st, "select count(*) from access_log_seals where range_end is not null")).isEqualTo(2);

            long oldRow = number(st, "select min(id) from access_log where tenant = '0250'");
            st.executeUpdate("update access_log set purpose = 'changed' where id = " + oldRow);
            assertThat(verify(st, "0250")).as("a changed row of a V7 seal").startsWith("0 0 1 ");
            st.executeUpdate("update access_log set purpose = 'sagsgennemgang' where id = " + oldRow);
            long newRow = number(st, "select max(id) from access_log where tenant = '0250'");
            st.executeUpdate("delete from access_log where id = " + newRow);
            assertThat(verify(st, "0250")).as("a removed row of a range seal").startsWith("1 4 2 ");
            assertThat(verify(st, "0330")).isEqualTo("2 3 null 0");
        }
    }

    private static void migrate(Map<String, String> db, String target) {
        var config = Flyway.configure()
                .dataSource(db.get("datasources.default.url"), db.get("gennemsyn.db.owner.username"),
                        db.get("gennemsyn.db.owner.password"))
                .table("platform_schema_history")
                .locations("classpath:db/platform")
                .placeholders(Map.of("appRole", db.get("datasources.default.username")));
        (target == null ? config : config.target(target)).load().migrate();
    }

    private static void write(Statement st, String tenant, int rows) throws SQLException {
        st.executeUpdate("insert into access_log (tenant, actor, actor_roles, case_id, action, purpose) "
                + "select '" + tenant + "', 'user', 'projektleder', 'case-' || g, 'READ', 'sagsgennemgang' "
                + "from generate_series(1, " + rows + ") g");
    }

    /** seals, rows checked, first broken seal, unsealed rows. */
    private static String verify(Statement st, String tenant) {
        try (ResultSet rs = st.executeQuery("select * from verify_access_log('" + tenant + "')")) {
            rs.next();
            return rs.getLong("seals") + " " + rs.getLong("rows_checked") + " " + rs.getObject("broken_seq") + " "
                    + rs.getLong("unsealed");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long number(Statement st, String sql) {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
