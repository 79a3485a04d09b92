package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.AssessmentTest;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import dk.gennemsyn.proto.assessment.v1.UrgentConcernRaised;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Assignment, autosave and submit, the blind second review, agreement, findings with the urgent flag. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssessmentWorkflowTest extends AssessmentTest {

    static final String T = "0250";
    final String review = UUID.randomUUID().toString();

    Http.Result as(String user, MutableHttpRequest<?> request) {
        return Http.call(http.toBlocking(), request.bearerAuth(reviewerToken(T, user)));
    }

    Http.Result save(String user, String id, String etag, Map<String, String> answers) {
        return as(user, HttpRequest.PUT("/assessment/api/assignments/" + id + "/answers", Map.of("answers", answers))
                .contentType(MediaType.APPLICATION_JSON).header("If-Match", etag));
    }

    Http.Result submit(String user, String id, String etag) {
        return as(user, HttpRequest.POST("/assessment/api/assignments/" + id + "/submit", "").header("If-Match", etag));
    }

    @BeforeAll
    void setUp() {
        Instant future = Instant.now().plusSeconds(86_400);
        givenReview(T, review, 3, 2, reviewer("r1", future), reviewer("r2", future),
                reviewer("r3", Instant.now().minusSeconds(60)));
    }

    /** A list for a review that is not there, or is another municipality's, is a 404 like the review itself. */
    @Test
    @Order(0)
    void everyListOfAnUnknownOrForeignReviewIs404NotAnEmptyList() {
        String unknown = UUID.randomUUID().toString();
        String someCase = UUID.randomUUID().toString();
        for (String tenantAndReview : List.of("0250:" + unknown, "0330:" + review)) {
            String tenant = tenantAndReview.split(":")[0];
            String r = tenantAndReview.split(":")[1];
            for (String path : List.of("/assessment/api/reviews/" + r + "/validation",
                    "/assessment/api/reviews/" + r + "/assignments", "/assessment/api/reviews/" + r + "/agreement",
                    "/assessment/api/reviews/" + r + "/cases/" + someCase + "/history",
                    "/assessment/api/screening/summary?reviewId=" + r, "/assessment/api/screening/cases?reviewId=" + r)) {
                var res = get(path, tenant, "projektleder");
                assertThat(res.status()).as(tenant + " " + path + ": " + res.body()).isEqualTo(404);
                assertThat(res.contentType()).startsWith("application/problem+json");
            }
        }
        // The review's own case that is not in it: no read is logged for a case the caller never saw, only the refusals.
        assertThat(get("/assessment/api/reviews/" + review + "/cases/" + someCase + "/history", T, "projektleder").status())
                .isEqualTo(404);
        assertThat(count("select count(*) from access_log_entries where case_id = '" + someCase + "' and action <> 'REFUSED'")).isZero();
        Eventually.await(Duration.ofSeconds(5), "the refusals logged", () -> count("select count(*) from access_log_entries where "
                + "case_id = '" + someCase + "' and action = 'REFUSED' and purpose like 'afvist 404:%'") == 3);
        assertThat(get("/assessment/api/reviews/" + review + "/assignments", T, "projektleder").status()).isEqualTo(200);
    }

    Map<String, List<JsonNode>> assignmentsByReviewer() {
        Map<String, List<JsonNode>> out = new HashMap<>();
        for (JsonNode a : tree(get("/assessment/api/reviews/" + review + "/assignments", T, "projektleder")).values()) {
            out.computeIfAbsent(a.get("reviewer").getStringValue(), k -> new ArrayList<>()).add(a);
        }
        return out;
    }

    @Test
    @Order(1)
    void casesAreSpreadOverTheActiveReviewersWithTheSecondReviewBySomeoneElse() {
        assertThat(post("/assessment/api/reviews/" + review + "/assignments", Map.of(), T, "reviewer").status())
                .isEqualTo(403);
        Http.Result assigned = post("/assessment/api/reviews/" + review + "/assignments", Map.of(), T, "projektleder");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
        assertThat(tree(assigned).values()).hasSize(5);
        Map<String, List<JsonNode>> byReviewer = assignmentsByReviewer();
        assertThat(byReviewer.keySet()).containsExactlyInAnyOrder("r1", "r2"); // r3's window has ended
        assertThat(Math.abs(byReviewer.get("r1").size() - byReviewer.get("r2").size())).isLessThanOrEqualTo(1);
        Map<String, String> firstOf = new HashMap<>();
        byReviewer.values().stream().flatMap(List::stream).filter(a -> a.get("round").getIntValue() == 1)
                .forEach(a -> firstOf.put(a.get("caseId").getStringValue(), a.get("reviewer").getStringValue()));
        byReviewer.values().stream().flatMap(List::stream).filter(a -> a.get("round").getIntValue() == 2)
                .forEach(a -> assertThat(a.get("reviewer").getStringValue()).isNotEqualTo(firstOf.get(a.get("caseId").getStringValue())));
        // Assigning again adds nothing.
        assertThat(tree(post("/assessment/api/reviews/" + review + "/assignments", Map.of(), T, "projektleder")).values())
                .isEmpty();
        Eventually.await(Duration.ofSeconds(10), "assigned events", () -> events("AssessmentAssigned").size() == 5);
        // Each second-review case is announced as blind, with both its reviewers.
        assertThat(events("SecondReviewAssigned")).hasSize(2).allSatisfy(e -> assertThat(dk.gennemsyn.proto.assessment.v1
                .SecondReviewAssigned.parseFrom(e.getPayload()).getReviewersList()).containsExactlyInAnyOrder("r1", "r2"));
        // The shipped instruments were published once, for case-intake to offer.
        assertThat(events("InstrumentPublished")).hasSize(3);
    }

    /**
     * A reviewer's work list comes a page at a time, with the total, and only the cases on the page are logged as read
     * (issue 18: the whole list of 200 cases was the costliest request of the stack).
     */
    @Test
    @Order(2)
    void theWorkListComesAPageAtATimeAndOnlyItsCasesAreLogged() {
        JsonNode all = tree(as("r1", HttpRequest.GET("/assessment/api/assignments?size=200")));
        List<String> ids = new java.util.ArrayList<>();
        all.get("items").values().forEach(a -> ids.add(a.get("id").getStringValue()));
        assertThat(ids).hasSizeGreaterThanOrEqualTo(2);
        assertThat(all.get("total").getLongValue()).isEqualTo(ids.size());

        List<String> paged = new java.util.ArrayList<>();
        for (int page = 0; page < ids.size(); page++) {
            JsonNode p = tree(as("r1", HttpRequest.GET("/assessment/api/assignments?size=1&page=" + page)));
            assertThat(p.get("total").getLongValue()).isEqualTo(ids.size());
            assertThat(p.get("items").values()).hasSize(1);
            paged.add(p.get("items").values().iterator().next().get("id").getStringValue());
            // The request's one access-log row names the page's one case.
            assertThat(count("select cardinality(case_ids) from access_log where actor = 'r1'"
                    + " and purpose = 'mine vurderinger' order by id desc limit 1")).isEqualTo(1);
        }
        assertThat(paged).containsExactlyElementsOf(ids); // the same order, no case twice, none left out
        JsonNode beyond = tree(as("r1", HttpRequest.GET("/assessment/api/assignments?size=1&page=" + ids.size())));
        assertThat(beyond.get("total").getLongValue()).isEqualTo(ids.size());
        assertThat(beyond.get("items") == null ? List.of() : beyond.get("items").values()).isEmpty(); // empty: left out

        for (String bad : List.of("size=0", "size=201", "page=-1")) {
            Http.Result r = as("r1", HttpRequest.GET("/assessment/api/assignments?" + bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body()).contains("urn:gennemsyn:problem:validation");
        }
    }

    static Map<String, String> complete(String quality) {
        return Map.of("faglig_kvalitet", quality, "sammenhaeng", "3", "omkostningseffektiv", "ja",
                "kompensation", "overkompensation", "barnets_syn", "2", "foraeldrenes_syn", "3");
    }

    @Test
    @Order(3)
    void aReviewerWorksOnlyOnOwnCasesAndTheSecondReviewIsBlindUntilBothSubmit() throws Exception {
        JsonNode r1Work = tree(as("r1", HttpRequest.GET("/assessment/api/assignments"))).get("items");
        JsonNode first = null;
        for (JsonNode a : r1Work.values()) {
            if (a.get("round").getIntValue() == 1 && a.get("alias").getStringValue().matches("Sag [12]")) {
                first = a;
                break;
            }
        }
        assertThat(first).as("r1 has a first review of a second-review case").isNotNull();
        String caseId = first.get("caseId").getStringValue();
        String id1 = first.get("id").getStringValue();
        String id2 = assignmentsByReviewer().get("r2").stream().filter(a -> a.get("caseId").getStringValue().equals(caseId))
                .findFirst().orElseThrow().get("id").getStringValue();

        // Own work only, and only while the access window is open.
        assertThat(as("r2", HttpRequest.GET("/assessment/api/assignments/" + id1)).status()).isEqualTo(403);
        assertThat(as("r3", HttpRequest.GET("/assessment/api/assignments/" + id1)).status()).isEqualTo(403);
        Http.Result ws = as("r1", HttpRequest.GET("/assessment/api/assignments/" + id1));
        assertThat(ws.status()).isEqualTo(200);
        assertThat(ws.body()).contains("Udvalgt tilfældigt").contains("Plejefamilie").contains("faglig_kvalitet");
        String etag = ws.headers().get("ETag");

        // Autosave of a part; a bad value is a clear error; submit refuses missing answers.
        Http.Result bad = save("r1", id1, etag, Map.of("faglig_kvalitet", "9"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("answers.faglig_kvalitet");
        Http.Result part = save("r1", id1, etag, Map.of("faglig_kvalitet", "4"));
        assertThat(part.status()).as(part.body()).isEqualTo(200);
        Http.Result incomplete = submit("r1", id1, part.headers().get("ETag"));
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.body()).contains("5 mangler");
        Http.Result full = save("r1", id1, part.headers().get("ETag"), complete("4"));
        Http.Result submitted = submit("r1", id1, full.headers().get("ETag"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(save("r1", id1, submitted.headers().get("ETag"), complete("1")).status()).isEqualTo(409);

        // Blind is a property of the person: r2 holding any staff role still sees only their own round's changes,
        // while another projektleder sees both.
        for (String role : List.of("projektleder", "tovholder", "validator", "tenant-admin")) {
            String r2AsStaff = dk.gennemsyn.testsupport.TestTokens.sign(dk.gennemsyn.testsupport.TestTokens
                    .claims(T, "reviewer", role).subject("r2").build());
            Http.Result h = Http.call(http.toBlocking(), HttpRequest.GET("/assessment/api/reviews/" + review + "/cases/"
                    + caseId + "/history").bearerAuth(r2AsStaff));
            assertThat(h.status()).as(role + ": " + h.body()).isEqualTo(200);
            assertThat(tree(h).values()).as(role).isEmpty();
            Http.Result page = Http.call(http.toBlocking(), HttpRequest.GET("/assessment/reviews/" + review + "/cases/"
                    + caseId + "/history").bearerAuth(r2AsStaff));
            assertThat(page.body()).as(role).contains("id=\"blind-notice\"").doesNotContain("Indsendt")
                    .doesNotContain("Hvordan er den faglige kvalitet");
        }
        assertThat(tree(get("/assessment/api/reviews/" + review + "/cases/" + caseId + "/history", T, "projektleder"))
                .values()).hasSize(3);

        // Blind: neither the other reviewer nor staff see the first answers yet.
        assertThat(as("r2", HttpRequest.GET("/assessment/api/reviews/" + review + "/cases/" + caseId + "/comparison"))
                .status()).isEqualTo(409);
        assertThat(get("/assessment/api/reviews/" + review + "/cases/" + caseId + "/comparison", T, "projektleder")
                .status()).isEqualTo(409);
        assertThat(as("r2", HttpRequest.GET("/assessment/api/assignments/" + id2)).body()).doesNotContain("\"4\"");
        JsonNode staffView = assignmentsByReviewer().get("r1").stream()
                .filter(a -> a.get("id").getStringValue().equals(id1)).findFirst().orElseThrow();
        assertThat(staffView.get("answers") == null || staffView.get("answers").size() == 0).isTrue();

        String e2 = as("r2", HttpRequest.GET("/assessment/api/assignments/" + id2)).headers().get("ETag");
        Http.Result saved2 = save("r2", id2, e2, complete("2"));
        assertThat(submit("r2", id2, saved2.headers().get("ETag")).status()).isEqualTo(200);
        Http.Result comparison = get("/assessment/api/reviews/" + review + "/cases/" + caseId + "/comparison", T, "projektleder");
        assertThat(comparison.status()).isEqualTo(200);
        assertThat(tree(comparison).values()).hasSize(2);
        Eventually.await(Duration.ofSeconds(10), "second review completed",
                () -> !events("SecondReviewCompleted").isEmpty());
        SecondReviewCompleted done = SecondReviewCompleted.parseFrom(events("SecondReviewCompleted").get(0).getPayload());
        assertThat(done.getDisagreementsList()).containsExactly("faglig_kvalitet");
        assertThat(count("select count(*) from assessment_history where assignment_id = '" + id1 + "'")).isEqualTo(3);
        assertThat(count("select count(*) from access_log_entries where case_id = '" + caseId + "' and purpose = 'vurdering'"))
                .isGreaterThanOrEqualTo(3);
        // Lists that carry answers are reads of the case too: the reviewer's own list, and the review's list once
        // the answers show.
        assertThat(as("r2", HttpRequest.GET("/assessment/api/assignments")).status()).isEqualTo(200);
        assertThat(count("select count(*) from access_log_entries where case_id = '" + caseId
                + "' and purpose = 'mine vurderinger' and actor = 'r2'")).isEqualTo(1);
        assertThat(get("/assessment/api/reviews/" + review + "/assignments", T, "projektleder").body()).contains("\"2\"");
        assertThat(count("select count(*) from access_log_entries where case_id = '" + caseId
                + "' and purpose = 'vurderinger i gennemgangen'")).isEqualTo(1);

        JsonNode agreement = tree(get("/assessment/api/reviews/" + review + "/agreement", T, "projektleder"));
        JsonNode quality = agreement.values().iterator().next();
        assertThat(quality.get("questionId").getStringValue()).isEqualTo("faglig_kvalitet");
        assertThat(quality.get("overall").get("cases").getIntValue()).isEqualTo(1);
        assertThat(quality.get("overall").get("percent").getDoubleValue()).isEqualTo(0.0);
    }

    @Test
    @Order(4)
    void anUrgentFindingIsPublishedAtOnceWithoutPersonalData() throws Exception {
        JsonNode mine = tree(as("r2", HttpRequest.GET("/assessment/api/assignments"))).get("items");
        String id = mine.values().iterator().next().get("id").getStringValue();
        Http.Result noAmount = as("r2", HttpRequest.POST("/assessment/api/assignments/" + id + "/findings",
                Map.of("category", "Økonomi", "severity", "minor", "text", "Dyr indsats", "budgetRelevant", true)));
        assertThat(noAmount.status()).isEqualTo(400);
        assertThat(noAmount.body()).contains("expectedYearlyKr");
        Http.Result urgent = as("r2", HttpRequest.POST("/assessment/api/assignments/" + id + "/findings",
                Map.of("category", "Sikkerhed", "severity", "critical", "text", "Barnet kan være i fare nu", "urgent", true)));
        assertThat(urgent.status()).as(urgent.body()).isEqualTo(201);
        Eventually.await(Duration.ofSeconds(5), "urgent concern", () -> !events("UrgentConcernRaised").isEmpty());
        UrgentConcernRaised u = UrgentConcernRaised.parseFrom(events("UrgentConcernRaised").get(0).getPayload());
        assertThat(u.getRaisedBy()).isEqualTo("r2");
        assertThat(u.toString()).doesNotContain("fare");
        assertThat(as("r1", HttpRequest.POST("/assessment/api/assignments/" + id + "/findings",
                Map.of("category", "X", "severity", "info", "text", "Y"))).status()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void disagreementsAreModeratedThenEveryCaseValidatedAndTheReviewLocked() {
        String base = "/assessment/api/reviews/" + review;
        String moderatedCase = tree(as("r1", HttpRequest.GET("/assessment/api/assignments"))).get("items").values().iterator().next()
                .get("caseId").getStringValue();
        for (JsonNode a : tree(get(base + "/assignments", T, "projektleder")).values()) {
            if (a.get("round").getIntValue() == 2 && a.get("status").getStringValue().equals("submitted")) {
                moderatedCase = a.get("caseId").getStringValue();
            }
        }
        String path = base + "/cases/" + moderatedCase;
        assertThat(as("r1", HttpRequest.POST(path + "/moderation",
                Map.of("questionId", "faglig_kvalitet", "answer", "3", "reason", "Midt imellem")))).extracting(Http.Result::status)
                .isEqualTo(403);
        assertThat(post(path + "/moderation", Map.of("questionId", "sammenhaeng", "answer", "3", "reason", "x"), T,
                "tovholder").status()).isEqualTo(400);
        Http.Result moderated = post(path + "/moderation", Map.of("questionId", "faglig_kvalitet", "answer", "3",
                "reason", "Dokumentationen er tilstrækkelig, men udredningen mangler"), T, "tovholder");
        assertThat(moderated.status()).as(moderated.body()).isEqualTo(200);
        assertThat(tree(moderated).get("status").getStringValue()).isEqualTo("final");
        assertThat(tree(moderated).get("answers").get("faglig_kvalitet").getStringValue()).isEqualTo("3");

        // Not final yet: the other cases are not submitted.
        JsonNode before = tree(get(base + "/validation", T, "validator"));
        String open = null;
        for (JsonNode f : before.get("finals").values()) {
            if (f.get("status").getStringValue().equals("incomplete")) {
                open = f.get("caseId").getStringValue();
            }
        }
        assertThat(open).isNotNull();
        assertThat(post(base + "/cases/" + open + "/validation", Map.of("verdict", "agree"), T, "validator").status())
                .isEqualTo(409);
        for (String user : List.of("r1", "r2")) {
            for (JsonNode a : tree(as(user, HttpRequest.GET("/assessment/api/assignments?size=200"))).get("items").values()) {
                if (!a.get("status").getStringValue().equals("submitted")) {
                    String id = a.get("id").getStringValue();
                    String etag = as(user, HttpRequest.GET("/assessment/api/assignments/" + id)).headers().get("ETag");
                    Http.Result saved = save(user, id, etag, complete("3"));
                    assertThat(submit(user, id, saved.headers().get("ETag")).status()).isEqualTo(200);
                }
            }
        }
        // Each case is announced to the validators once, when its final assessment is ready: after submission, or for
        // the case with a disagreement, after its moderation.
        Eventually.await(Duration.ofSeconds(10), "ready for validation", () -> events("CaseReadyForValidation").size() == 3);
        assertThat(events("CaseReadyForValidation").stream().map(e -> e.getAggregateId()).distinct()).hasSize(3);
        assertThat(post(path + "/validation", Map.of("verdict", "disagree"), T, "validator").status()).isEqualTo(400);
        assertThat(post(path + "/validation", Map.of("verdict", "agree"), T, "reviewer").status()).isEqualTo(403);
        JsonNode last = null;
        for (JsonNode f : tree(get(base + "/validation", T, "validator")).get("finals").values()) {
            assertThat(f.get("status").getStringValue()).isEqualTo("final");
            Http.Result v = post(base + "/cases/" + f.get("caseId").getStringValue() + "/validation",
                    Map.of("verdict", "agree", "comment", ""), T, "validator");
            assertThat(v.status()).as(v.body()).isEqualTo(200);
            last = tree(v);
        }
        assertThat(last.get("validated").getIntValue()).isEqualTo(3);
        assertThat(last.get("locked").getBooleanValue()).isTrue();
        Eventually.await(Duration.ofSeconds(5), "review validated", () -> events("ReviewAssessmentsValidated").size() == 1);

        // Locked: no more moderation, validation or findings.
        assertThat(post(path + "/moderation", Map.of("questionId", "faglig_kvalitet", "answer", "2", "reason", "igen"), T,
                "tovholder").status()).isEqualTo(409);
        String anyAssignment = tree(as("r1", HttpRequest.GET("/assessment/api/assignments"))).get("items").values().iterator().next()
                .get("id").getStringValue();
        assertThat(as("r1", HttpRequest.POST("/assessment/api/assignments/" + anyAssignment + "/findings",
                Map.of("category", "X", "severity", "info", "text", "Y"))).status()).isEqualTo(409);

        // Every change can be shown: who (by name), when, what (in Danish, with the questions' texts).
        JsonNode history = tree(get(path + "/history", T, "projektleder"));
        List<String> actions = new ArrayList<>();
        List<String> rounds = new ArrayList<>();
        history.values().forEach(h -> {
            actions.add(h.get("action").getStringValue() + " = " + h.get("actionLabel").getStringValue());
            rounds.add(h.get("round").getStringValue());
        });
        assertThat(actions).contains("saved = Gemt som kladde", "submitted = Indsendt", "moderated = Modereret",
                "validated:agree = Valideret: enig");
        assertThat(rounds).contains("Første gennemgang", "Anden gennemgang");
        JsonNode firstSave = history.values().iterator().next();
        assertThat(firstSave.get("actorName").getStringValue()).isNotEqualTo(firstSave.get("actor").getStringValue())
                .isEqualTo("Gennemgår " + firstSave.get("actor").getStringValue());
        assertThat(get(path + "/history", T, "projektleder").body()).contains("Hvordan er den faglige kvalitet af sagsbehandlingen?");
    }
}
