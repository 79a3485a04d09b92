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
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The access-log page: filter by case, person, day and action; page through; CSV; Danish labels; own municipality. */
@MicronautTest(transactional = false)
class AccessLogPagesTest extends ServiceTest {

    @Inject TenantTx tenantTx;
    @Inject AccessLog accessLog;
    @Inject ObjectMapper json;
    @Inject @Client("/") HttpClient http;

    @Override
    protected String service() {
        return "platform-test";
    }

    Http.Result get(String path, String tenant, String role, MediaType accept) {
        return Http.call(http.toBlocking(), HttpRequest.GET(path).accept(accept).bearerAuth(TestTokens.token(tenant, role)));
    }

    long total(String query, String role) throws Exception {
        Http.Result r = get("/api/access-log?" + query, "0461", role, MediaType.APPLICATION_JSON_TYPE);
        assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(200);
        return json.readValue(r.body(), JsonNode.class).get("total").getLongValue();
    }

    @Test
    void theProjektlederAndTheAdministratorFilterThePagesAndDownloadTheLog() throws Exception {
        String one = UUID.randomUUID().toString();
        String two = UUID.randomUUID().toString();
        Caller anna = new Caller("anna", "Anna", "0461", List.of("validator"), Optional.empty(), Optional.empty());
        Caller bo = new Caller("bo", "Bo", "0461", List.of("reviewer"), Optional.empty(), Optional.empty());
        tenantTx.write("0461", () -> {
            for (int i = 0; i < 60; i++) {
                accessLog.record(anna, one, AccessLog.Action.READ, "sagsgennemgang");
            }
            accessLog.record(bo, two, AccessLog.Action.REFUSED, "afvist 403");
            accessLog.record(bo, one, AccessLog.Action.UPDATE, "vurdering");
        });
        // A list of three cases is one row, and three entries in the order the list showed them.
        String three = UUID.randomUUID().toString();
        Caller cira = new Caller("cira", "Cira", "0461", List.of("projektleder"), Optional.empty(), Optional.empty());
        tenantTx.write("0461", () -> accessLog.recordAll(cira, List.of(one, three, two), AccessLog.Action.READ, "sagsliste"));
        assertThat(total("person=cira", "projektleder")).isEqualTo(3);
        assertThat(total("sag=" + three, "projektleder")).isEqualTo(1);
        String listed = get("/api/access-log?person=cira", "0461", "projektleder", MediaType.APPLICATION_JSON_TYPE).body();
        assertThat(listed.indexOf(one)).isLessThan(listed.indexOf(three));
        assertThat(listed.indexOf(three)).isLessThan(listed.indexOf(two));
        assertThat(total("person=anna", "projektleder")).isEqualTo(60);
        assertThat(total("person=bo&handling=REFUSED", "tenant-admin")).isEqualTo(1);
        assertThat(total("sag=" + two, "projektleder")).as("bo's refusal and cira's list").isEqualTo(2);
        String today = LocalDate.now(dk.gennemsyn.platform.web.DanishFormat.ZONE).format(DateTimeFormatter.ofPattern("dd-MM-yyyy"));
        String tomorrow = LocalDate.now(dk.gennemsyn.platform.web.DanishFormat.ZONE).plusDays(1)
                .format(DateTimeFormatter.ofPattern("dd-MM-yyyy"));
        assertThat(total("person=bo&fra=" + today + "&til=" + today, "projektleder")).isEqualTo(2);
        assertThat(total("person=bo&fra=" + tomorrow, "projektleder")).isZero();
        // Looking at one case's trail is itself in the log (the query for case two above).
        assertThat(total("sag=" + two + "&handling=READ", "projektleder")).isGreaterThanOrEqualTo(1);

        // The page: Danish labels, 50 a page with a pager, the filter kept, a bad value at its field.
        Http.Result page = get("/access-log?person=anna", "0461", "projektleder", MediaType.TEXT_HTML_TYPE);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Adgangslog").contains("Validator (sagsbehandler/leder)").contains("Læst")
                .contains("id=\"entry-count\">60<").contains("Side 1 af 2").contains("value=\"anna\"")
                .doesNotContain(">READ<");
        Http.Result bad = get("/access-log?fra=31-02-2026&person=bo", "0461", "projektleder", MediaType.TEXT_HTML_TYPE);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"fra-error\"").contains("value=\"31-02-2026\"").contains("value=\"bo\"");

        Http.Result csv = get("/api/access-log/extract.csv?person=bo", "0461", "tenant-admin", MediaType.ALL_TYPE);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).contains("tidspunkt;bruger;roller;sag;handling;formål").contains("\"Afvist\"")
                .contains("\"Sagsgennemgår (ekstern)\"").doesNotContain("anna");

        // Not for other roles; another municipality sees none of it.
        assertThat(get("/access-log", "0461", "validator", MediaType.TEXT_HTML_TYPE).status()).isEqualTo(403);
        assertThat(get("/api/access-log?person=anna", "0330", "tenant-admin", MediaType.APPLICATION_JSON_TYPE).body())
                .contains("\"total\":0");
    }
}
