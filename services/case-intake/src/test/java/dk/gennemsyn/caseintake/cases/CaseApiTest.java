package dk.gennemsyn.caseintake.cases;

import dk.gennemsyn.caseintake.IntakeTest;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.platform.v1.Envelope;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class CaseApiTest extends IntakeTest {

    static final String HALSNAES = "0250";
    static final String VARDE = "0573";

    Http.Result register(String tenant, String role, String caseType) {
        return Http.call(http.toBlocking(), HttpRequest.POST("/intake/api/cases", "{\"caseType\":\"" + caseType + "\"}")
                .contentType(MediaType.APPLICATION_JSON).bearerAuth(TestTokens.token(tenant, role)));
    }

    @Test
    void theListsTotalIsTheMunicipalitysNumberOfCasesFilteredOrNot() {
        String roskilde = "0265";
        String holbaek = "0316";
        for (String type : List.of("anbringelse", "anbringelse", "forebyggende")) {
            assertThat(register(roskilde, "projektleder", type).status()).isEqualTo(201);
        }
        assertThat(register(holbaek, "projektleder", "anbringelse").status()).isEqualTo(201);
        // Unfiltered: the kept count (V6), one municipality's only, on every page.
        var first = tree(get("/intake/api/cases?size=2", roskilde, "projektleder"));
        assertThat(first.get("total").getIntValue()).isEqualTo(3);
        assertThat(first.get("items").size()).isEqualTo(2);
        var second = tree(get("/intake/api/cases?size=2&page=1", roskilde, "projektleder"));
        assertThat(second.get("total").getIntValue()).isEqualTo(3);
        assertThat(second.get("items").size()).isEqualTo(1);
        assertThat(tree(get("/intake/api/cases", holbaek, "projektleder")).get("total").getIntValue()).isEqualTo(1);
        // Filtered: counted.
        assertThat(tree(get("/intake/api/cases?caseType=anbringelse", roskilde, "projektleder")).get("total").getIntValue())
                .isEqualTo(2);
        assertThat(count("select n from case_counts where tenant = '" + roskilde + "'")).isEqualTo(3);
    }

    @Test
    void registeringACaseGivesAStableAliasPerTenantAndPublishesItsFirstVersion() throws Exception {
        // Municipalities no other test here uses, so the alias numbers are known.
        String kobenhavn = "0101";
        String frederiksberg = "0147";
        var first = register(kobenhavn, "projektleder", "anbringelse");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers().get("Location")).startsWith("/intake/api/cases/");
        assertThat(first.body()).contains("\"alias\":\"Sag 1\"").contains("\"caseType\":\"anbringelse\"");
        assertThat(register(kobenhavn, "tenant-admin", "forebyggende").body()).contains("\"alias\":\"Sag 2\"");
        var later = register(frederiksberg, "projektleder", "forebyggende");
        assertThat(later.body()).contains("\"alias\":\"Sag 1\"");

        String caseId = id(first);
        // The later registration's event seen: the first case's events, relayed before it in order, are all here.
        Eventually.await(Duration.ofSeconds(10), "CaseUpdated for the later case",
                () -> published.stream().anyMatch(e -> e.getAggregateId().equals(id(later))));
        // One event for the registration: the case's first version, whole.
        List<Envelope> events = published.stream().filter(x -> x.getAggregateId().equals(caseId)).toList();
        assertThat(events).hasSize(1);
        Envelope e = events.get(0);
        assertThat(e.getEventType()).isEqualTo("gennemsyn.caseintake.v1.CaseUpdated");
        assertThat(e.getTenant()).isEqualTo(kobenhavn);
        assertThat(e.getProducer()).isEqualTo("case-intake");
        CaseUpdated payload = CaseUpdated.parseFrom(e.getPayload());
        assertThat(payload.getCaseId()).isEqualTo(caseId);
        assertThat(payload.getAlias()).isEqualTo("Sag 1");
        assertThat(payload.getCaseType()).isEqualTo("anbringelse");
        assertThat(payload.getVersion()).isZero();
    }

    /** Cases with ten new caseworkers registered at the same moment: ten different pseudonyms, no error. */
    @Test
    void caseworkerPseudonymsAllocatedAtTheSameTimeAreAllDifferent() throws Exception {
        String tenant = "0159"; // Gladsaxe: used by this test only
        int n = 10;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var results = new java.util.ArrayList<java.util.concurrent.Future<Http.Result>>();
            for (int i = 0; i < n; i++) {
                int k = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return Http.call(http.toBlocking(), HttpRequest.POST("/intake/api/cases",
                                    "{\"caseType\":\"forebyggende\",\"caseworker\":\"Medarbejder " + k + "\"}")
                            .contentType(MediaType.APPLICATION_JSON).bearerAuth(TestTokens.token(tenant, "projektleder")));
                }));
            }
            start.countDown();
            for (var f : results) {
                assertThat(f.get().status()).as(f.get().body()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sql("select caseworker from cases where tenant = '" + tenant + "'", rs -> rs.getString(1)))
                .hasSize(n).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, n)
                        .mapToObj(i -> "Rådgiver " + i).toList());
    }

    @Test
    void theCaseListIsPagedByAliasAndBadPagingIsAClearError() {
        String tenant = "0157"; // Gentofte: used by this test only
        for (int i = 0; i < 5; i++) {
            register(tenant, "projektleder", "forebyggende");
        }
        var second = Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases?page=1&size=2")
                .bearerAuth(TestTokens.token(tenant, "projektleder")));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).contains("\"page\":1").contains("\"size\":2").contains("\"total\":5")
                .contains("\"alias\":\"Sag 3\"").contains("\"alias\":\"Sag 4\"")
                .doesNotContain("\"alias\":\"Sag 2\"").doesNotContain("\"alias\":\"Sag 5\"");
        var last = Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases?page=2&size=2")
                .bearerAuth(TestTokens.token(tenant, "projektleder")));
        assertThat(last.body()).contains("\"alias\":\"Sag 5\"").doesNotContain("\"alias\":\"Sag 4\"");
        var pastTheEnd = Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases?page=3&size=2")
                .bearerAuth(TestTokens.token(tenant, "projektleder")));
        assertThat(pastTheEnd.status()).isEqualTo(200);
        assertThat(pastTheEnd.body()).contains("\"total\":5").doesNotContain("\"alias\"");
        var tooBig = Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases?size=5000")
                .bearerAuth(TestTokens.token(tenant, "projektleder")));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body()).contains("\"field\":\"size\"").contains("mellem 1 og 200");
        var negative = Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases?page=-1")
                .bearerAuth(TestTokens.token(tenant, "projektleder")));
        assertThat(negative.body()).contains("\"field\":\"page\"");
    }

    @Test
    void anUnknownCaseTypeIsAClearDanishErrorAndNothingIsStored() {
        var r = register(HALSNAES, "projektleder", "ukendt");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"field\":\"caseType\"").contains("Ukendt sagstype");
        var blank = register(HALSNAES, "projektleder", "");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("\"field\":\"caseType\"");
    }

    @Test
    void onlyTheProjectLeaderOrAdminRegistersAndReviewersCannotListEveryCase() {
        assertThat(register(HALSNAES, "tovholder", "anbringelse").status()).isEqualTo(403);
        assertThat(register(HALSNAES, "reviewer", "anbringelse").status()).isEqualTo(403);
        var list = Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases")
                .bearerAuth(TestTokens.token(HALSNAES, "reviewer")));
        // A reviewer who is a member of no review sees no case at all.
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("\"total\":0");
    }

    @Test
    void anotherMunicipalityCannotReadTheCase() {
        String caseId = id(register(HALSNAES, "projektleder", "handicap"));
        var own = Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases/" + caseId)
                .bearerAuth(TestTokens.token(HALSNAES, "validator")));
        assertThat(own.status()).isEqualTo(200);
        var other = Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases/" + caseId)
                .bearerAuth(TestTokens.token(VARDE, "validator")));
        assertThat(other.status()).isEqualTo(404);
        var list = Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases")
                .bearerAuth(TestTokens.token(VARDE, "projektleder")));
        assertThat(list.body()).doesNotContain(caseId);
    }

    @Test
    void everyReadIsLoggedAndTheCaseExtractShowsWhoSawItAndWhy() {
        String caseId = id(register(HALSNAES, "projektleder", "efterværn"));
        Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases/" + caseId + "?purpose=validering")
                .bearerAuth(TestTokens.token(HALSNAES, "validator")));
        var extract = Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases/" + caseId + "/access-log")
                .bearerAuth(TestTokens.token(HALSNAES, "projektleder")));
        assertThat(extract.status()).isEqualTo(200);
        assertThat(extract.body()).contains("\"action\":\"CREATE\"").contains("\"action\":\"READ\"")
                .contains("\"purpose\":\"validering\"").contains("\"actorRoles\":\"validator\"");
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/intake/api/cases/" + caseId + "/access-log")
                .bearerAuth(TestTokens.token(HALSNAES, "reviewer"))).status()).isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiAreServedFromTheServiceItself() {
        var spec = Http.call(http.toBlocking(), HttpRequest.GET("/intake/swagger/case-intake-1.0.0.yml"));
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body()).contains("/intake/api/cases:").contains("/intake/api/cases/{id}/access-log:")
                .contains("\"201\":").doesNotContain("/intake/login").doesNotContain("operationId: home");
        var ui = Http.call(http.toBlocking(), HttpRequest.GET("/intake/api-docs").accept(MediaType.TEXT_HTML));
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("/intake/swagger-ui/swagger-ui-bundle.js").contains("case-intake-1.0.0.yml")
                .doesNotContain("unpkg").doesNotContain("cdn");
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/intake/swagger-ui/swagger-ui-bundle.js")).status())
                .isEqualTo(200);
    }

    @Test
    void thePageRegistersACaseAndShowsAnErrorInDanishForBadInput() {
        Cookie session = Cookie.of("gennemsyn_token", TestTokens.token(HALSNAES, "projektleder"));
        var ok = Http.call(http.toBlocking(), HttpRequest.POST("/intake/cases", "caseType=forebyggende")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).cookie(session).header("Sec-Fetch-Site", "same-origin"));
        assertThat(ok.status()).isEqualTo(303);
        var bad = Http.call(http.toBlocking(), HttpRequest.POST("/intake/cases", "caseType=noget-andet")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).cookie(session).header("Sec-Fetch-Site", "same-origin"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Ukendt sagstype").contains("<html lang=\"da\"");
        assertThat(ok.headers().get("Location")).startsWith("/intake/cases/");
        var list = Http.call(http.toBlocking(), HttpRequest.GET("/intake/cases").accept(MediaType.TEXT_HTML).cookie(session));
        assertThat(list.body()).contains("Registrér sag").contains("Forebyggende foranstaltning");
    }
}
