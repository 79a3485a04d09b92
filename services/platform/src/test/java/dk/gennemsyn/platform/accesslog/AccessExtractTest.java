package dk.gennemsyn.platform.accesslog;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-child extract (GDPR art. 15): the municipality's administrator sees who saw a case, and why. */
@MicronautTest(transactional = false)
class AccessExtractTest extends ServiceTest {

    @Inject TenantTx tenantTx;
    @Inject AccessLog accessLog;
    @Inject @Client("/") HttpClient http;

    @Override
    protected String service() {
        return "platform-test";
    }

    Http.Result get(String path, String tenant, String role) {
        return Http.call(http.toBlocking(), HttpRequest.GET(path).accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(TestTokens.token(tenant, role)));
    }

    @Test
    void theAdministratorGetsWhoSawTheCaseAsPageJsonAndCsvAndOnlyForTheirOwnMunicipality() {
        String caseId = UUID.randomUUID().toString();
        Caller reader = new Caller("sagsbehandler-7", "Sagsbehandler", "0250", List.of("projektleder"), Optional.empty(),
                Optional.empty());
        tenantTx.write("0250", () -> {
            accessLog.record(reader, caseId, AccessLog.Action.READ, "sagsgennemgang");
            accessLog.record(reader, caseId, AccessLog.Action.REFUSED, "afvist 403: GET /x/cases/" + caseId);
            accessLog.record(reader, caseId, AccessLog.Action.UPDATE, "=HYPERLINK(\"http://evil\")");
        });
        // A list that showed the case among others is in its extract; it is not in the extract of a case it did not show.
        String shownWith = UUID.randomUUID().toString();
        String notShown = UUID.randomUUID().toString();
        tenantTx.write("0250", () -> {
            accessLog.recordAll(reader, List.of(shownWith, caseId), AccessLog.Action.READ, "sagsliste");
            accessLog.record(reader, notShown, AccessLog.Action.READ, "sagsgennemgang");
        });
        for (String shown : List.of(caseId, shownWith)) {
            assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/api/access-log/cases/" + shown)
                    .bearerAuth(TestTokens.token("0250", "tenant-admin"))).body()).contains("sagsliste").contains(shown);
        }
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/api/access-log/cases/" + notShown)
                .bearerAuth(TestTokens.token("0250", "tenant-admin"))).body()).doesNotContain("sagsliste");
        var json = Http.call(http.toBlocking(), HttpRequest.GET("/api/access-log/cases/" + caseId)
                .bearerAuth(TestTokens.token("0250", "tenant-admin")));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body()).contains("sagsbehandler-7").contains("REFUSED").contains("sagsgennemgang");

        var csv = Http.call(http.toBlocking(), HttpRequest.GET("/api/access-log/cases/" + caseId + "/extract.csv")
                .bearerAuth(TestTokens.token("0250", "tenant-admin")));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.headers().get("Content-Disposition")).startsWith("attachment; filename=\"adgangslog-");
        assertThat(csv.body()).contains("tidspunkt;bruger;roller;handling;formål").contains("\"sagsbehandler-7\"")
                .contains("\"'=HYPERLINK(\"\"http://evil\"\")\"");

        var page = get("/access-log/cases/" + caseId, "0250", "tenant-admin");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Adgangslog for en sag").contains("sagsbehandler-7").contains("extract.csv");

        // Another municipality's administrator sees nothing of it; other roles may not ask.
        var foreign = Http.call(http.toBlocking(), HttpRequest.GET("/api/access-log/cases/" + caseId)
                .bearerAuth(TestTokens.token("0330", "tenant-admin")));
        assertThat(foreign.body()).doesNotContain("sagsbehandler-7");
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/api/access-log/cases/" + caseId)
                .bearerAuth(TestTokens.token("0250", "projektleder"))).status()).isEqualTo(403);
        // Looking is logged too.
        var again = Http.call(http.toBlocking(), HttpRequest.GET("/api/access-log/cases/" + caseId)
                .bearerAuth(TestTokens.token("0250", "tenant-admin")));
        assertThat(again.body()).contains("indsigt: adgangslog for sagen");
    }
}
