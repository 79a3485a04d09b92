package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.AssessmentTest;
import dk.gennemsyn.proto.assessment.v1.AssessmentAssigned;
import dk.gennemsyn.proto.assessment.v1.SecondReviewAssigned;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The projektleder moves a case to another reviewer: logged in the case's history, the new reviewer told. */
@MicronautTest(transactional = false)
class ReassignmentTest extends AssessmentTest {

    static final String T = "0250";

    JsonNode assignment(String review, String alias, int round) {
        for (JsonNode a : tree(get("/assessment/api/reviews/" + review + "/assignments", T, "projektleder")).values()) {
            if (a.get("alias").getStringValue().equals(alias) && a.get("round").getIntValue() == round) {
                return a;
            }
        }
        throw new AssertionError("no round " + round + " of " + alias);
    }

    Http.Result reassign(String id, Object reviewer, String reason, String role) {
        return post("/assessment/api/assignments/" + id + "/reassignment",
                reviewer == null ? Map.of("reason", reason) : Map.of("reviewer", reviewer, "reason", reason), T, role);
    }

    @Test
    void aCaseIsMovedToAnotherActiveReviewerWithTheReasonInItsHistoryAndTheNewReviewerTold() throws Exception {
        String review = UUID.randomUUID().toString();
        Instant future = Instant.now().plusSeconds(86_400);
        givenReview(T, review, 2, 1, reviewer("ra", future), reviewer("rb", future), reviewer("rc", future),
                reviewer("gone", Instant.now().minusSeconds(60)));
        assertThat(post("/assessment/api/reviews/" + review + "/assignments", Map.of(), T, "projektleder").status())
                .isEqualTo(201);
        JsonNode first = assignment(review, "Sag 1", 1);
        JsonNode second = assignment(review, "Sag 1", 2);
        String id = first.get("id").getStringValue();
        String from = first.get("reviewer").getStringValue();
        String otherRound = second.get("reviewer").getStringValue();
        String to = java.util.stream.Stream.of("ra", "rb", "rc").filter(u -> !u.equals(from) && !u.equals(otherRound))
                .findFirst().orElseThrow();
        Eventually.await(Duration.ofSeconds(10), "the assignment events", () -> events("AssessmentAssigned").size() == 3);

        // Refused: not a projektleder; nobody chosen; someone without access now; the case's other round's reviewer.
        assertThat(reassign(id, to, "Syg", "reviewer").status()).isEqualTo(403);
        assertThat(tree(reassign(id, null, "Syg", "projektleder")).get("field").getStringValue()).isEqualTo("reviewer");
        assertThat(reassign(id, "gone", "Syg", "projektleder").status()).isEqualTo(400);
        Http.Result sameAsOther = reassign(id, otherRound, "Syg", "projektleder");
        assertThat(sameAsOther.status()).isEqualTo(400);
        assertThat(tree(sameAsOther).get("detail").getStringValue()).contains("anden gennemgang");

        Http.Result moved = reassign(id, to, "Langtidssygemeldt", "projektleder");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(tree(moved).get("reviewer").getStringValue()).isEqualTo(to);
        // The new reviewer has it; the old one no longer does.
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/assessment/api/assignments/" + id)
                .bearerAuth(reviewerToken(T, to))).status()).isEqualTo(200);
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/assessment/api/assignments/" + id)
                .bearerAuth(reviewerToken(T, from))).status()).isEqualTo(403);
        // In the case's history, with who moved it, from whom to whom, and why.
        String history = get("/assessment/api/reviews/" + review + "/cases/" + first.get("caseId").getStringValue()
                + "/history", T, "projektleder").body();
        assertThat(history).contains("Overdraget til en anden sagsgennemgår").contains("Gennemgår " + to)
                .contains("Langtidssygemeldt");
        // The new reviewer is told (notifications acts on AssessmentAssigned), and the case is blind for the new pair.
        Eventually.await(Duration.ofSeconds(10), "the reassignment's events", () -> events("AssessmentAssigned").size() == 4
                && events("SecondReviewAssigned").size() == 2);
        assertThat(AssessmentAssigned.parseFrom(events("AssessmentAssigned").get(3).getPayload()).getReviewer()).isEqualTo(to);
        assertThat(SecondReviewAssigned.parseFrom(events("SecondReviewAssigned").get(1).getPayload()).getReviewersList())
                .containsExactlyInAnyOrder(to, otherRound);

        // From the review page: the choice lists the others, and a move answers with the page and a confirmation.
        String page = Http.call(http.toBlocking(), HttpRequest.GET("/assessment/reviews/" + review)
                .accept(MediaType.TEXT_HTML_TYPE).bearerAuth(dk.gennemsyn.testsupport.TestTokens.token(T, "projektleder"))).body();
        assertThat(page).contains("Overdrag sagen").contains("Gennemgår " + from);
        String sag2 = assignment(review, "Sag 2", 1).get("id").getStringValue();
        String sag2From = assignment(review, "Sag 2", 1).get("reviewer").getStringValue();
        String sag2To = sag2From.equals("ra") ? "rb" : "ra";
        Http.Result form = Http.call(http.toBlocking(), HttpRequest.POST("/assessment/reviews/" + review + "/assignments/"
                        + sag2 + "/reassignment", "reviewer=" + sag2To + "&reason=Inhabil")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML_TYPE)
                .bearerAuth(dk.gennemsyn.testsupport.TestTokens.token(T, "projektleder")));
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("Sag 2 er overdraget til Gennemgår " + sag2To);
        assertThat(assignment(review, "Sag 2", 1).get("reviewer").getStringValue()).isEqualTo(sag2To);

        // A submitted assessment stays with the reviewer who made it.
        submitAll(T, to, AssessmentWorkflowTest.complete("3"));
        Http.Result late = reassign(id, from, "For sent", "projektleder");
        assertThat(late.status()).isEqualTo(409);
    }
}
