package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.testsupport.TestInfra;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kept case counts (V6) start from the cases already there, for every municipality, although the migration runs
 * as the owner, whom row-level security on cases otherwise holds to no municipality at all; then the triggers keep
 * them.
 */
class CaseCountMigrationTest {

    @Test
    void existingCasesAreCountedPerMunicipalityAndTheCountsFollowInsertsAndDeletes() throws Exception {
        Map<String, String> db = TestInfra.database("intake-case-count-migration");
        migrate(db, "5");
        String app = db.get("datasources.default.username");
        try (Connection c = TestInfra.adminConnection(app); Statement st = c.createStatement()) {
            insert(st, "0250", 1, 4);
            insert(st, "0330", 1, 2);
        }
        migrate(db, null);
        try (Connection c = TestInfra.adminConnection(app); Statement st = c.createStatement()) {
            assertThat(counts(st)).isEqualTo("0250=4 0330=2");
            insert(st, "0250", 5, 3); // one statement, three cases
            insert(st, "0573", 1, 1);
            st.executeUpdate("delete from cases where tenant = '0330' and alias_no = 1");
            assertThat(counts(st)).isEqualTo("0250=7 0330=1 0573=1");
            assertThat(counts(st)).isEqualTo(actual(st));
        }
    }

    private static void migrate(Map<String, String> db, String target) {
        Map<String, String> placeholders = Map.of("appRole", db.get("datasources.default.username"));
        String url = db.get("datasources.default.url");
        String owner = db.get("gennemsyn.db.owner.username");
        String password = db.get("gennemsyn.db.owner.password");
        Flyway.configure().dataSource(url, owner, password).table("platform_schema_history")
                .locations("classpath:db/platform").placeholders(placeholders).load().migrate();
        var service = Flyway.configure().dataSource(url, owner, password).table("flyway_schema_history")
                .locations("classpath:db/migration").placeholders(placeholders).baselineOnMigrate(true)
                .baselineVersion("0");
        (target == null ? service : service.target(target)).load().migrate();
    }

    private static void insert(Statement st, String tenant, int firstAlias, int cases) throws SQLException {
        st.executeUpdate("insert into cases (id, tenant, alias_no, case_type) select gen_random_uuid(), '" + tenant
                + "', g, 'anbringelse' from generate_series(" + firstAlias + ", " + (firstAlias + cases - 1) + ") g");
    }

    private static String counts(Statement st) throws SQLException {
        return join(st, "select tenant, n from case_counts order by tenant");
    }

    private static String actual(Statement st) throws SQLException {
        return join(st, "select tenant, count(*) from cases group by tenant order by tenant");
    }

    private static String join(Statement st, String query) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                out.append(out.isEmpty() ? "" : " ").append(rs.getString(1)).append('=').append(rs.getLong(2));
            }
        }
        return out.toString();
    }
}
