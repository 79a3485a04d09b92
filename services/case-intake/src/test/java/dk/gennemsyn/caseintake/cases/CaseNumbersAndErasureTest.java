package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.caseintake.IntakeTest;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import dk.gennemsyn.testsupport.TestInfra;

import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class CaseNumbersAndErasureTest extends IntakeTest {

    static final String T = "0573";
    static final String KEY1 = "ZGV2LW9ubHktY2FzZS1udW1iZXIta2V5LTEtMzItYnl0ZXMh";
    static final String KEY2 = "c2Vjb25kLWtleS1mb3Itcm90YXRpb24tdGVzdHMtMzItYnl0ZXMh";
    static final String LOOKUP = "ZGV2LW9ubHktbG9va3VwLXNlY3JldC0zMi1ieXRlcy1sb25nIQ==";

    @Override
    protected Map<String, String> overrides() {
        // Two key versions, the second current: rows encrypted with the first must still be read and rotated.
        return Map.of("gennemsyn.case-numbers.keys", "1:" + KEY1 + ",2:" + KEY2, "gennemsyn.case-numbers.current-key", "2");
    }

    @Test
    void theCaseNumberIsStoredEncryptedRevealedOnlyToStaffWithAPurposeAndEveryRevealIsLogged() {
        var r = post("/intake/api/cases", Map.of("caseType", "anbringelse", "caseNumber", "SAG-2021-777"), T, "projektleder");
        assertThat(r.status()).isEqualTo(201);
        String id = id(r);
        assertThat(r.body()).doesNotContain("SAG-2021-777").contains("\"hasCaseNumber\":true");
        assertThat(sql("select encode(case_no_enc, 'escape') from cases where id = '" + id + "'", rs -> rs.getString(1)).get(0))
                .doesNotContain("SAG-2021-777");
        assertThat(post("/intake/api/cases", Map.of("caseType", "anbringelse", "caseNumber", "sag-2021-777 "), T,
                "projektleder").status()).isEqualTo(409);
        var noPurpose = post("/intake/api/cases/" + id + "/case-number/reveal", Map.of("purpose", ""), T, "validator");
        assertThat(noPurpose.status()).isEqualTo(400);
        var revealed = post("/intake/api/cases/" + id + "/case-number/reveal", Map.of("purpose", "ret fejl i sagen"), T, "validator");
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.body()).contains("SAG-2021-777");
        for (String role : List.of("reviewer", "styregruppe")) {
            assertThat(post("/intake/api/cases/" + id + "/case-number/reveal", Map.of("purpose", "nysgerrig"), T, role)
                    .status()).as(role).isEqualTo(403);
        }
        assertThat(post("/intake/api/cases/" + id + "/case-number/reveal", Map.of("purpose", "x"), "0250", "validator")
                .status()).isEqualTo(404);
        var log = get("/intake/api/cases/" + id + "/access-log", T, "projektleder");
        assertThat(log.body()).contains("\"action\":\"REVEAL\"").contains("\"purpose\":\"ret fejl i sagen\"");
        assertThat(count("select count(*) from access_log_entries where action = 'REVEAL' and case_id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void rotationReEncryptsOldKeyVersionsWithTheCurrentKey() {
        String id = id(post("/intake/api/cases", Map.of("caseType", "forebyggende"), T, "projektleder"));
        CaseNumbers v1 = new CaseNumbers("1:" + KEY1, 1, LOOKUP);
        String hex = HexFormat.of().formatHex(v1.encrypt(T, "GAMMEL-1"));
        String hash = HexFormat.of().formatHex(v1.hash(T, "GAMMEL-1"));
        count("with u as (update cases set case_no_enc = '\\x" + hex + "', case_no_hash = '\\x" + hash
                + "', case_no_key = 1 where id = '" + id + "' returning 1) select count(*) from u");
        assertThat(post("/intake/api/cases/" + id + "/case-number/reveal", Map.of("purpose", "før rotation"), T, "projektleder")
                .body()).contains("GAMMEL-1");
        var rotated = post("/intake/api/cases/case-numbers/rotate", Map.of(), T, "tenant-admin");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body()).contains("\"reEncrypted\":1");
        assertThat(count("select case_no_key from cases where id = '" + id + "'")).isEqualTo(2);
        assertThat(post("/intake/api/cases/" + id + "/case-number/reveal", Map.of("purpose", "efter rotation"), T, "projektleder")
                .body()).contains("GAMMEL-1");
        assertThat(post("/intake/api/cases/lookup", Map.of("caseNumber", "gammel-1"), T, "projektleder").body()).contains(id);
        assertThat(post("/intake/api/cases/case-numbers/rotate", Map.of(), T, "projektleder").status()).isEqualTo(403);
    }

    @Test
    void aClosedReviewsCaseDataIsErasedAfterItsRetentionAndOtherServicesAreTold() {
        String keep = id(post("/intake/api/cases", Map.of("caseType", "anbringelse"), T, "projektleder"));
        String shared = id(post("/intake/api/cases", Map.of("caseType", "anbringelse"), T, "projektleder"));
        assertThat(post("/intake/api/cases/" + keep + "/timeline", Map.of("kind", "afgoerelse", "date", "2020-01-01",
                "note", "Afgørelse truffet"), T, "projektleder").status()).isEqualTo(201);
        String review = id(post("/intake/api/reviews", Map.of("title", "Slettes", "retentionUntil",
                LocalDate.now().minusDays(1).toString()), T, "projektleder"));
        String other = id(post("/intake/api/reviews", Map.of("title", "Lever videre"), T, "projektleder"));
        String forklaede = "Valgt for at se på afgørelsernes begrundelse.";
        post("/intake/api/reviews/" + review + "/cases", Map.of("caseId", keep, "forklaede", forklaede), T, "projektleder");
        post("/intake/api/reviews/" + review + "/cases", Map.of("caseId", shared, "forklaede", forklaede), T, "projektleder");
        post("/intake/api/reviews/" + other + "/cases", Map.of("caseId", shared, "forklaede", forklaede), T, "projektleder");
        assertThat(post("/intake/api/reviews/" + review + "/erase", Map.of(), T, "tenant-admin").status()).isEqualTo(409);
        for (String to : List.of("sampling", "reviewing", "validating", "reporting", "follow_up", "closed")) {
            post("/intake/api/reviews/" + review + "/transitions", Map.of("to", to), T, "projektleder");
        }
        assertThat(post("/intake/api/reviews/" + review + "/erase", Map.of(), T, "projektleder").status()).isEqualTo(403);
        var erased = post("/intake/api/reviews/" + review + "/erase", Map.of(), T, "tenant-admin");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(count("select count(*) from cases where id = '" + keep + "'")).isZero();
        assertThat(count("select count(*) from timeline_events where case_id = '" + keep + "'")).isZero();
        assertThat(count("select count(*) from review_cases where review_id = '" + review + "'")).isZero();
        // Still held by another review: kept.
        assertThat(count("select count(*) from cases where id = '" + shared + "'")).isEqualTo(1);
        // The list's kept total lost the erased case too.
        assertThat(tree(get("/intake/api/cases", T, "projektleder")).get("total").getIntValue())
                .isEqualTo((int) count("select count(*) from cases where tenant = '" + T + "'"));
        assertThat(count("select count(*) from access_log_entries where case_id = '" + keep + "' and action = 'DELETE'")).isEqualTo(1);
        Eventually.await(Duration.ofSeconds(10), "ReviewCaseDataErased", () -> events("ReviewCaseDataErased").stream()
                .anyMatch(e -> {
                    try {
                        var p = ReviewCaseDataErased.parseFrom(e.getPayload());
                        return p.getReviewId().equals(review) && p.getCaseIdsList().equals(List.of(keep));
                    } catch (Exception x) {
                        throw new IllegalStateException(x);
                    }
                }));
        assertThat(post("/intake/api/reviews/" + review + "/erase", Map.of(), T, "tenant-admin").status()).isEqualTo(409);
    }

    /**
     * An import that creates cases holds the municipality's case count (V6) from its insert on, then updates existing
     * cases. An erasure deleting one of those cases must wait for the count before it locks the case, else each waits
     * on the other and PostgreSQL aborts one of them.
     */
    @Test
    void anErasureAndAnImportUpdatingTheSameCaseDoNotDeadlock() throws Exception {
        String gone = id(post("/intake/api/cases", Map.of("caseType", "anbringelse"), T, "projektleder"));
        String review = id(post("/intake/api/reviews", Map.of("title", "Slettes under import", "retentionUntil",
                LocalDate.now().minusDays(1).toString()), T, "projektleder"));
        var added = post("/intake/api/reviews/" + review + "/cases", Map.of("caseId", gone, "forklaede",
                "Valgt for at se på afgørelsernes begrundelse."), T, "projektleder");
        assertThat(added.status()).as(added.body()).isLessThan(300);
        for (String to : List.of("sampling", "reviewing", "validating", "reporting", "follow_up", "closed")) {
            post("/intake/api/reviews/" + review + "/transitions", Map.of("to", to), T, "projektleder");
        }
        String url = getProperties().get("datasources.default.url");
        CompletableFuture<dk.gennemsyn.testsupport.Http.Result> erasure;
        try (Connection importing = TestInfra.adminConnection(url.substring(url.lastIndexOf('/') + 1))) {
            importing.setAutoCommit(false);
            // What the import's insert of new cases holds until it commits.
            importing.createStatement().executeQuery("select n from case_counts where tenant = '" + T + "' for update");
            erasure = CompletableFuture.supplyAsync(() -> post("/intake/api/reviews/" + review + "/erase", Map.of(), T,
                    "tenant-admin"));
            Eventually.await(Duration.ofSeconds(10), "the erasure waiting for a lock", () -> count(
                    "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") > 0);
            // Then the import updates the case the erasure deletes.
            importing.createStatement().executeUpdate("update cases set team = 'Team 9' where id = '" + gone + "'");
            importing.commit();
        }
        var erased = erasure.get(30, TimeUnit.SECONDS);
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(count("select count(*) from cases where id = '" + gone + "'")).isZero();
    }
}
