package dk.gennemsyn.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What PostgreSQL itself must enforce in every service's database (docs/security.md, "Tenancy"): every table with
 * a tenant column has row-level security enabled, forced and with a policy (except the backbone's own tables,
 * which serve all tenants and hold no page data); the application role owns nothing, is not superuser and cannot
 * bypass RLS; only the service's own roles may connect.
 */
public final class DatabaseCatalog {

    /** Tables with a tenant column that are deliberately not tenant-scoped (docs/architecture.md). */
    static final List<String> NOT_TENANT_SCOPED = List.of("outbox", "inbox", "known_tenants");

    private DatabaseCatalog() {
    }

    /**
     * {@code mustInclude}: tables the check must have found (so a query that finds nothing cannot pass);
     * {@code sharedOnPurpose}: the service's own tables with a tenant column that are deliberately readable across
     * tenants (each documented in docs/architecture.md).
     */
    public static void assertEnforced(Map<String, String> contextProperties, Collection<String> mustInclude,
                                      String... sharedOnPurpose) throws SQLException {
        String appRole = contextProperties.get("datasources.default.username");
        String db = appRole; // test databases are named like their application role (TestInfra.database)
        try (Connection c = TestInfra.adminConnection(db); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select rolsuper, rolbypassrls from pg_roles where rolname = '" + appRole + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("application role is superuser").isFalse();
                assertThat(rs.getBoolean(2)).as("application role bypasses RLS").isFalse();
            }
            try (ResultSet rs = s.executeQuery("select count(*) from pg_class c join pg_roles r on r.oid = c.relowner "
                    + "where r.rolname = '" + appRole + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("relations owned by the application role").isZero();
            }
            List<String> unprotected = new ArrayList<>();
            List<String> tenantTables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    select c.relname, c.relrowsecurity, c.relforcerowsecurity,
                           exists (select 1 from pg_policy p where p.polrelid = c.oid)
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = 'public' and c.relkind in ('r', 'p')
                      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant'
                                  and not a.attisdropped)""")) {
                while (rs.next()) {
                    if (NOT_TENANT_SCOPED.contains(rs.getString(1)) || List.of(sharedOnPurpose).contains(rs.getString(1))) {
                        continue;
                    }
                    tenantTables.add(rs.getString(1));
                    if (!rs.getBoolean(2) || !rs.getBoolean(3) || !rs.getBoolean(4)) {
                        unprotected.add(rs.getString(1));
                    }
                }
            }
            assertThat(tenantTables).containsAll(mustInclude);
            assertThat(unprotected).as("tenant tables without forced RLS and a policy").isEmpty();
            try (ResultSet rs = s.executeQuery("select has_database_privilege('public', current_database(), 'CONNECT'), "
                    + "has_database_privilege('" + appRole + "', current_database(), 'CONNECT')")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("PUBLIC may connect to the service's database").isFalse();
                assertThat(rs.getBoolean(2)).as("the application role may connect").isTrue();
            }
        }
        // Another service's application role is refused at the door.
        Map<String, String> stranger = TestInfra.database("stranger");
        String url = contextProperties.get("datasources.default.url");
        assertThatThrownBy(() -> DriverManager.getConnection(url, stranger.get("datasources.default.username"),
                stranger.get("datasources.default.password")).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }
}
