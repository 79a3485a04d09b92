package dk.gennemsyn.platform.db;

import dk.gennemsyn.platform.probe.Probes;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Row-level security holds even for queries that forget the tenant filter. */
@MicronautTest(transactional = false)
class TenancyTest extends ServiceTest {

    static final String A = "0250";
    static final String B = "0330";

    @Inject TenantTx tenantTx;
    @Inject Probes probes;
    @Inject TransactionOperations<Connection> tx;
    @Inject @Client("/") HttpClient http;

    @Override
    protected String service() {
        return "platform-test";
    }

    @BeforeAll
    void rows() {
        tenantTx.write(A, () -> probes.insert(A, "a-1"));
        tenantTx.write(A, () -> probes.insert(A, "a-2"));
        tenantTx.write(B, () -> probes.insert(B, "b-1"));
    }

    @Test
    void aTenantSeesOnlyItsOwnRowsThroughAQueryWithoutTenantFilter() {
        assertThat(tenantTx.read(A, probes::names)).containsExactly("a-1", "a-2");
        assertThat(tenantTx.read(B, probes::names)).containsExactly("b-1");
    }

    @Test
    void withNoTenantSetNothingIsVisible() {
        List<String> names = tx.executeRead(status -> probes.names());
        assertThat(names).isEmpty();
    }

    @Test
    void theTenantDoesNotLeakToTheNextTransactionOnAPooledConnection() {
        tenantTx.read(A, probes::names);
        for (int i = 0; i < 20; i++) { // the pool hands out the same connections again
            List<String> names = tx.executeRead(status -> probes.names());
            assertThat(names).isEmpty();
        }
    }

    @Test
    void aRowCannotBeWrittenForAnotherTenant() {
        assertThatThrownBy(() -> tenantTx.write(A, () -> probes.insert(B, "smuggled")))
                .hasStackTraceContaining("row-level security");
        assertThat(tenantTx.read(B, probes::names)).doesNotContain("smuggled");
    }

    @Test
    void aTenantNamedInAHeaderOrCookieIsIgnored() {
        var request = HttpRequest.GET("/probes")
                .bearerAuth(TestTokens.token(A, "projektleder"))
                .header("X-Tenant", B).header("Tenant", B).header("X-Kommunekode", B)
                .cookie(Cookie.of("tenant", B));
        var result = Http.call(http.toBlocking(), request);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("a-1").doesNotContain("b-1");

        var who = Http.call(http.toBlocking(), HttpRequest.GET("/probes/whoami?tenant=" + B)
                .bearerAuth(TestTokens.token(A, "projektleder")).header("X-Tenant", B));
        assertThat(who.body()).contains("\"tenant\":\"0250\"").doesNotContain(B);
    }

    @Test
    void theApplicationRoleOwnsNoTableIsNoSuperuserAndEveryTenantTableHasForcedRls() throws SQLException {
        dk.gennemsyn.testsupport.DatabaseCatalog.assertEnforced(getProperties(), List.of("probe", "probe_received", "access_log"));
    }

    @Test
    void theAccessLogIsAppendOnlyForTheApplicationRole() {
        tenantTx.write(A, () -> {
            try (var ps = tenantTx.connection().prepareStatement("insert into access_log (tenant, actor, actor_roles, "
                    + "case_id, action, purpose) values ('0250', 'u', 'reviewer', 'case-1', 'READ', 'test')")) {
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        for (String sql : List.of("update access_log set actor = 'someone else'", "delete from access_log",
                "truncate access_log")) {
            assertThatThrownBy(() -> tenantTx.write(A, () -> {
                try (var st = tenantTx.connection().createStatement()) {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            })).as(sql).hasStackTraceContaining("permission denied");
        }
    }
}
