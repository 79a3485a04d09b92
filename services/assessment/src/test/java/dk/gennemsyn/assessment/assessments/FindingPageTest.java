package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.AssessmentTest;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An urgent finding on its own page: who may read it, the case's timeline beside it, acknowledged and handled. */
@MicronautTest(transactional = false)
class FindingPageTest extends AssessmentTest {

    static final String T = "0250";

    Http.Result page(String method, String path, String body, String token) {
        var request = method.equals("GET") ? HttpRequest.GET(path)
                : HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        return Http.call(http.toBlocking(), request.accept(MediaType.TEXT_HTML_TYPE).bearerAuth(token));
    }

    @Test
    void theAlertedStaffReadTheFindingBesideTheTimelineAndRecordWhatWasDone() {
        String review = UUID.randomUUID().toString();
        Instant future = Instant.now().plusSeconds(86_400);
        List<String> cases = givenReview(T, review, 1, 1, reviewer("fa", future), reviewer("fb", future));
        assertThat(post("/assessment/api/reviews/" + review + "/assignments", Map.of(), T, "projektleder").status()).isEqualTo(201);
        JsonNode first = null;
        for (JsonNode a : tree(get("/assessment/api/reviews/" + review + "/assignments", T, "projektleder")).values()) {
            if (a.get("round").getIntValue() == 1) {
                first = a;
            }
        }
        String author = first.get("reviewer").getStringValue();
        String other = author.equals("fa") ? "fb" : "fa";
        Http.Result recorded = Http.call(http.toBlocking(), HttpRequest.POST("/assessment/api/assignments/"
                + first.get("id").getStringValue() + "/findings", Map.of("category", "Sikkerhed", "severity", "critical",
                "text", "Barnet fortæller om vold i hjemmet; ingen opfølgning.", "urgent", true))
                .bearerAuth(reviewerToken(T, author)));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        String id = id(recorded);

        // The staff the alert goes to read it with the case's timeline; so does its author.
        JsonNode detail = tree(get("/assessment/api/findings/" + id, T, "tovholder"));
        assertThat(detail.get("finding").get("text").getStringValue()).contains("vold i hjemmet");
        assertThat(detail.get("severityLabel").getStringValue()).isEqualTo("Kritisk");
        assertThat(detail.get("alias").getStringValue()).isEqualTo("Sag 1");
        assertThat(detail.get("timeline").get(0).get("measureName").getStringValue()).isEqualTo("Plejefamilie");
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/assessment/api/findings/" + id)
                .bearerAuth(reviewerToken(T, author))).status()).isEqualTo(200);
        // Not the case's blind second reviewer, not the steering group, not another municipality.
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/assessment/api/findings/" + id)
                .bearerAuth(reviewerToken(T, other))).status()).isEqualTo(403);
        assertThat(get("/assessment/api/findings/" + id, T, "styregruppe").status()).isEqualTo(403);
        assertThat(get("/assessment/api/findings/" + id, "0330", "projektleder").status()).isEqualTo(404);
        // Each read is in the access log.
        assertThat(count("select count(*) from access_log_entries where case_id = '" + cases.get(0) + "' and purpose = 'fund'"))
                .isGreaterThanOrEqualTo(2);

        String pl = TestTokens.token(T, "projektleder");
        Http.Result html = page("GET", "/assessment/findings/" + id, null, pl);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("Akut bekymring").contains("vold i hjemmet").contains("Plejefamilie")
                .contains("Ikke set endnu").contains("/notifications/told?about=");

        // Handled needs a note: the error at the field, the choice kept.
        Http.Result noNote = page("POST", "/assessment/findings/" + id + "/handling", "action=handled&note=", pl);
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.body()).contains("id=\"note-error\"").contains("Skriv, hvad der er gjort")
                .containsPattern("value=\"handled\"\\s+checked");
        assertThat(page("POST", "/assessment/findings/" + id + "/handling", "action=acknowledged&note=", pl).status())
                .isEqualTo(303);
        assertThat(tree(get("/assessment/api/reviews/" + review + "/findings", T, "validator")).get(0).get("status")
                .getStringValue()).isEqualTo("Set og taget til efterretning");
        Http.Result handled = post("/assessment/api/findings/" + id + "/handling",
                Map.of("action", "handled", "note", "Underretning sendt til myndighedsrådgiver; samtale i dag."), T, "validator");
        assertThat(handled.status()).as(handled.body()).isEqualTo(200);
        assertThat(tree(handled).get("handling").size()).isEqualTo(2);
        // The author may read but not record handling.
        assertThat(Http.call(http.toBlocking(), HttpRequest.POST("/assessment/api/findings/" + id + "/handling",
                Map.of("action", "acknowledged")).bearerAuth(reviewerToken(T, author))).status()).isEqualTo(403);

        // Reachable from the review and from the case.
        String reviewPage = page("GET", "/assessment/reviews/" + review, null, pl).body();
        assertThat(reviewPage).contains("/assessment/findings/" + id).contains("Håndteret");
        assertThat(page("GET", "/assessment/cases/" + cases.get(0) + "/findings", null, pl).body())
                .contains("/assessment/findings/" + id);
        String after = page("GET", "/assessment/findings/" + id, null, pl).body();
        assertThat(after).contains("Underretning sendt til myndighedsrådgiver").contains("id=\"handling-status\">Håndteret<");
    }
}
