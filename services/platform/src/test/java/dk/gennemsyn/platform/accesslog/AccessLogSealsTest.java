package dk.gennemsyn.platform.accesslog;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestInfra;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The access log is a hash chain per municipality: any change after the fact is found, and named. */
@MicronautTest(transactional = false)
class AccessLogSealsTest extends ServiceTest {

    static final String A = "0250";
    static final String B = "0330";

    @Inject TenantTx tenantTx;
    @Inject AccessLog accessLog;
    @Inject AccessLogSeals seals;
    @Inject @Client("/") HttpClient http;
    @Inject JsonMapper json;

    @Override
    protected String service() {
        return "platform-test";
    }

    @Override
    protected Map<String, String> overrides() {
        return Map.of("gennemsyn.access-log.seal-interval", "200ms");
    }

    void read(String tenant, String... cases) {
        Caller c = new Caller("user-" + tenant, "Bruger", tenant, List.of("projektleder"), java.util.Optional.empty(),
                java.util.Optional.empty());
        tenantTx.write(tenant, () -> accessLog.recordAll(c, List.of(cases), AccessLog.Action.READ, "sagsgennemgang"));
    }

    long admin(String sql) {
        try (Connection c = TestInfra.adminConnection(getProperties().get("datasources.default.username"));
             var st = c.createStatement()) {
            if (!sql.startsWith("select")) {
                return st.executeUpdate(sql);
            }
            try (var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows not yet in a seal, of one municipality or (null) of all. */
    long unsealed(String tenant) {
        return admin("select count(*) from access_log a where a.seal_seq is null"
                + " and a.id > coalesce((select max(s.range_end) from access_log_seals s where s.tenant = a.tenant), 0)"
                + (tenant == null ? "" : " and a.tenant = '" + tenant + "'"));
    }

    AccessLogSeals.Verification verification(String tenant) throws Exception {
        var r = Http.call(http.toBlocking(), HttpRequest.GET("/api/access-log/verification")
                .bearerAuth(TestTokens.token(tenant, "tenant-admin")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return json.readValue(r.body(), AccessLogSeals.Verification.class);
    }

    @Test
    void rowsAreSealedAndAnyChangeAfterwardsIsNamedByTheVerification() throws Exception {
        for (int i = 0; i < 5; i++) {
            read(A, "a-case-" + i, "a-case-" + i + "-x"); // one row naming both cases
            if (i < 3) {
                read(B, "b-case-" + i);
            }
        }
        Eventually.await(Duration.ofSeconds(10), "sealed", () -> unsealed(null) == 0);
        var intact = verification(A);
        assertThat(intact.intact()).isTrue();
        assertThat(intact.rowsChecked()).isEqualTo(5);
        assertThat(intact.unsealedRows()).isZero();
        assertThat(verification(B).rowsChecked()).as("each municipality its own chain").isEqualTo(3);
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/api/access-log/verification")
                .bearerAuth(TestTokens.token(A, "projektleder"))).status()).isEqualTo(403);

        // Someone with database rights rewrites who read a case: the seal holding that row is reported.
        long victim = admin("select id from access_log where tenant = '" + A + "' and case_ids @> array['a-case-3']");
        admin("update access_log set actor = 'someone-else' where id = " + victim);
        var changed = verification(A);
        assertThat(changed.intact()).isFalse();
        assertThat(changed.brokenFirstRowId()).isLessThanOrEqualTo(victim);
        assertThat(changed.brokenLastRowId()).isGreaterThanOrEqualTo(victim);
        assertThat(verification(B).intact()).as("the other municipality's chain is untouched").isTrue();
        admin("update access_log set actor = 'user-" + A + "' where id = " + victim);
        assertThat(verification(A).intact()).as("restored").isTrue();

        // A removed row is found as well.
        admin("delete from access_log where id = " + victim);
        assertThat(verification(A).intact()).isFalse();
    }

    /**
     * Someone holding the owner's password changes a row and seals the whole chain again: the chain is consistent,
     * but the head the administrator kept from an earlier check is gone, and the check says so.
     */
    @Test
    void aChainSealedAgainAfterAChangeIsFoundByTheHeadPublishedEarlier() throws Exception {
        String t = "0573";
        for (int i = 0; i < 4; i++) {
            read(t, "c-case-" + i);
            Eventually.await(Duration.ofSeconds(10), "sealed", () -> unsealed(t) == 0);
        }
        var before = verification(t);
        assertThat(before.intact()).isTrue();
        assertThat(before.headSeal()).isNotNull();
        assertThat(before.headHash()).hasSize(64);
        var same = verification(t, before.headSeal(), before.headHash());
        assertThat(same.intact()).isTrue();
        assertThat(same.expectedHeadFound()).isTrue();

        admin("update access_log set actor = 'someone-else' where tenant = '" + t + "'");
        admin("delete from access_log_seals where tenant = '" + t + "'");
        admin("update access_log_seal_state set sealed_to = 0, pending_to = null");
        Eventually.await(Duration.ofSeconds(10), "sealed again", () -> unsealed(t) == 0);
        var resealed = verification(t);
        assertThat(resealed.intact()).as("consistent again on its own").isTrue();
        var checked = verification(t, before.headSeal(), before.headHash());
        assertThat(checked.intact()).isFalse();
        assertThat(checked.expectedHeadFound()).isFalse();
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/api/access-log/verification?seal=1")
                .bearerAuth(TestTokens.token(t, "tenant-admin"))).status()).isEqualTo(400);
    }

    AccessLogSeals.Verification verification(String tenant, long seal, String hash) throws Exception {
        var r = Http.call(http.toBlocking(), HttpRequest.GET("/api/access-log/verification?seal=" + seal + "&hash=" + hash)
                .bearerAuth(TestTokens.token(tenant, "tenant-admin")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return json.readValue(r.body(), AccessLogSeals.Verification.class);
    }

    /**
     * A seal covers a range of ids, so a transaction that took its ids and commits later must not find its rows
     * inside a range sealed meanwhile: the ranges after it wait until it has ended, and the chain stays intact.
     */
    @Test
    void rowsOfATransactionStillOpenAreNotOvertakenBySeals() throws Exception {
        String t = "0860";
        var opened = new java.util.concurrent.CountDownLatch(1);
        var finish = new java.util.concurrent.CountDownLatch(1);
        Caller c = new Caller("user-" + t, "Bruger", t, List.of("projektleder"), java.util.Optional.empty(),
                java.util.Optional.empty());
        Thread slow = new Thread(() -> tenantTx.write(t, () -> {
            accessLog.recordAll(c, List.of("slow-1", "slow-2"), AccessLog.Action.READ, "sagsgennemgang");
            opened.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        slow.start();
        opened.await();
        for (String fast : List.of("fast-1", "fast-2", "fast-3")) { // higher ids, committed first
            read(t, fast);
        }
        Thread.sleep(1500); // seven rounds of the sealer
        assertThat(unsealed(t)).as("the later rows wait for the open transaction").isEqualTo(3);
        assertThat(verification(t).intact()).isTrue();

        finish.countDown();
        slow.join();
        Eventually.await(Duration.ofSeconds(10), "sealed", () -> unsealed(t) == 0);
        var after = verification(t);
        assertThat(after.intact()).isTrue();
        assertThat(after.rowsChecked()).isEqualTo(4);
    }

    @Test
    void theApplicationRoleCanNeitherChangeTheLogNorForgeASeal() {
        read(A, "forge-case");
        for (String sql : List.of("update access_log set actor = 'x'", "delete from access_log",
                "insert into access_log (tenant, actor, actor_roles, case_id, action, purpose, seal_seq) "
                        + "values ('0250', 'x', 'x', 'x', 'READ', 'x', 1)",
                "insert into access_log_seals (tenant, seq, row_count, first_id, last_id, hash) values ('0250', 99, 0, 0, 0, '\\x00')",
                "delete from access_log_seals", "update access_log_seal_state set sealed_to = 0")) {
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
