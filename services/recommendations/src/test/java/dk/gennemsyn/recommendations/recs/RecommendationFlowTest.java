package dk.gennemsyn.recommendations.recs;

import dk.gennemsyn.proto.recommendations.v1.RecommendationDecided;
import dk.gennemsyn.proto.recommendations.v1.RecommendationIssued;
import dk.gennemsyn.recommendations.RecommendationsTest;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.TestEvents;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class RecommendationFlowTest extends RecommendationsTest {

    static final String T = "0330";

    @Inject MeterRegistry meters;

    @Test
    void aRecommendationRestsOnFindingsAndItsDecisionsAreKeptWhenReopened() throws Exception {
        String review = givenReview(T, external("visu", Instant.now().plusSeconds(86_400)));
        String f1 = givenFinding(T, review, "Sag 3", "Børnesamtale mangler");
        String f2 = givenFinding(T, review, "Sag 8", "Børnesamtale mangler");
        String otherReview = givenReview(T);
        String foreign = givenFinding(T, otherReview, "Sag 1", "Andet");

        var created = as(T, "visu", HttpRequest.POST("/recommendations/api/reviews/" + review + "/recommendations",
                Map.of("title", "Hold altid børnesamtalen før afgørelsen", "body", "Inddrag barnet.", "theme", "inddragelse",
                        "findingIds", List.of(f1, f2))), "reviewer");
        assertThat(created.status()).isEqualTo(201);
        var rec = tree(created);
        String id = rec.get("id").getStringValue();
        assertThat(rec.get("code").getStringValue()).isEqualTo("A1");
        assertThat(rec.get("evidence").size()).isEqualTo(2);
        assertThat(rec.get("evidence").get(0).get("alias").getStringValue()).isEqualTo("Sag 3");
        // Evidence must be of the same review.
        var bad = post("/recommendations/api/reviews/" + review + "/recommendations",
                Map.of("title", "X", "findingIds", List.of(foreign)), T, "projektleder");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(tree(bad).get("field").getStringValue()).isEqualTo("findingIds");

        // Deferred, then accepted, reopened, rejected: every step kept, the newest standing.
        decide(id, "deferred", "Afventer budget", "2019-09-02");
        decide(id, "accepted", "Vedtaget af styregruppen", "2019-10-07");
        assertThat(post("/recommendations/api/recommendations/" + id + "/reopen", Map.of("reason", "Ny viden"), T,
                "styregruppe").status()).isEqualTo(200);
        var last = tree(decide(id, "rejected", "Dækkes af A2", "2019-11-04"));
        assertThat(last.get("decision").get("decision").getStringValue()).isEqualTo("rejected");
        assertThat(last.get("history").size()).isEqualTo(4);
        assertThat(last.get("history").get(0).get("reason").getStringValue()).isEqualTo("Afventer budget");
        assertThat(last.get("history").get(2).get("decision").getStringValue()).isEqualTo("reopened");
        // A decision needs a reason and the meeting's date; only the steering group (or the projektleder) decides.
        var noReason = post("/recommendations/api/recommendations/" + id + "/decisions",
                Map.of("decision", "accepted", "meetingDate", "2019-12-02"), T, "styregruppe");
        assertThat(tree(noReason).get("field").getStringValue()).isEqualTo("reason");
        assertThat(post("/recommendations/api/recommendations/" + id + "/decisions", Map.of("decision", "accepted",
                "reason", "x", "meetingDate", "2019-12-02"), T, "tovholder").status()).isEqualTo(403);

        Eventually.await(Duration.ofSeconds(10), "the events", () -> ofReview("RecommendationDecided", review).size() == 3);
        var decided = RecommendationDecided.parseFrom(ofReview("RecommendationDecided", review).get(2).getPayload());
        assertThat(decided.getDecision()).isEqualTo("rejected");
        assertThat(decided.getMeetingDate()).isEqualTo("2019-11-04");
        var issued = RecommendationIssued.parseFrom(ofReview("RecommendationIssued", review).get(0).getPayload());
        assertThat(issued.getFindingIdsList()).containsExactlyInAnyOrder(f1, f2);
        assertThat(issued.getCaseAliasesList()).containsExactly("Sag 3", "Sag 8");
    }

    /** Recommendations and focus areas created at the same moment each get their own number, none a 500. */
    @Test
    void numbersAllocatedAtTheSameTimeAreAllDifferent() throws Exception {
        String review = givenReview(T);
        int n = 12;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var recs = new java.util.ArrayList<java.util.concurrent.Future<dk.gennemsyn.testsupport.Http.Result>>();
            var areas = new java.util.ArrayList<java.util.concurrent.Future<dk.gennemsyn.testsupport.Http.Result>>();
            for (int i = 0; i < n; i++) {
                int k = i;
                recs.add(pool.submit(() -> {
                    start.await();
                    return post("/recommendations/api/reviews/" + review + "/recommendations",
                            Map.of("title", "Samtidig " + k), T, "projektleder");
                }));
                areas.add(pool.submit(() -> {
                    start.await();
                    return post("/recommendations/api/reviews/" + review + "/focus-areas",
                            Map.of("title", "Område " + k, "horizon", "short"), T, "projektleder");
                }));
            }
            start.countDown();
            var codes = new java.util.ArrayList<String>();
            for (var f : recs) {
                var r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                codes.add(tree(r).get("code").getStringValue());
            }
            var priorities = new java.util.ArrayList<Integer>();
            for (var f : areas) {
                var r = f.get();
                assertThat(r.status()).as(r.body()).isIn(200, 201);
                priorities.add(tree(r).get("priority").getIntValue());
            }
            assertThat(codes).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> "A" + i).toList());
            assertThat(priorities).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, n).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNulByteOrOtherControlCharacterInATextIsA400NamingTheFieldAndNothingIsSaved() {
        String review = givenReview(T);
        for (String text : new String[]{"Før\u0000efter", "Før\u001befter", "Før\u0008efter"}) {
            var r = post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", text), T,
                    "projektleder");
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("urn:gennemsyn:problem:validation").contains("kontroltegn")
                    .contains("\"field\":\"title\"");
        }
        var list = as(T, "pl", HttpRequest.GET("/recommendations/api/reviews/" + review + "/recommendations"), "projektleder");
        assertThat(tree(list).get("total").getLongValue()).isZero();
    }

    @Test
    void onlyTheReviewsPeopleAndTheMunicipalitysStaffSeeItAndCprNumbersAreRefused() {
        String review = givenReview(T, external("gone", Instant.now().minusSeconds(60)), external("now", Instant.now().plusSeconds(3600)));
        assertThat(post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", "T"), T,
                "projektleder").status()).isEqualTo(201);
        assertThat(as(T, "gone", HttpRequest.GET("/recommendations/api/reviews/" + review + "/recommendations"), "reviewer")
                .status()).isEqualTo(403);
        assertThat(as(T, "now", HttpRequest.GET("/recommendations/api/reviews/" + review + "/recommendations"), "reviewer")
                .status()).isEqualTo(200);
        assertThat(as(T, "stranger", HttpRequest.GET("/recommendations/api/reviews/" + review + "/recommendations"),
                "reviewer").status()).isEqualTo(403);
        assertThat(get("/recommendations/api/reviews/" + review + "/recommendations", "0250", "projektleder").status())
                .isEqualTo(404);
        var cpr = post("/recommendations/api/reviews/" + review + "/recommendations",
                Map.of("title", "Barnet 010150-1234"), T, "projektleder");
        assertThat(cpr.status()).isEqualTo(400);
        assertThat(cpr.body()).doesNotContain("010150");
        var stale = call(HttpRequest.PUT("/recommendations/api/recommendations/" + tree(get(
                "/recommendations/api/reviews/" + review + "/recommendations", T, "projektleder")).get("items").get(0).get("id")
                .getStringValue(), Map.of("title", "Ny titel")).header("If-Match", "\"v9\""), T, "projektleder");
        assertThat(stale.status()).isEqualTo(412);
    }

    @Test
    void aDuplicatedFindingEventIsKeptOnce() {
        String review = givenReview(T);
        String findingId = java.util.UUID.randomUUID().toString();
        String caseId = java.util.UUID.randomUUID().toString();
        var minor = dk.gennemsyn.proto.assessment.v1.FindingRecorded.newBuilder().setFindingId(findingId)
                .setReviewId(review).setCaseId(caseId).setAlias("Sag 2").setCategory("Plan").setSeverity("minor").build();
        String first = java.util.UUID.randomUUID().toString();
        TestEvents.publish(getProperties(), 1, TestEvents.envelope(T, first, findingId, minor));
        Eventually.await(Duration.ofSeconds(10), "the finding", () -> severity(findingId).equals("minor"));
        // A newer event about the finding changes it; then the first arrives again, twice (a redelivery). The copy is an
        // upsert, so only the inbox stops the old event from undoing the newer change.
        send(T, findingId, minor.toBuilder().setSeverity("major").build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the newer change", () -> severity(findingId).equals("major"));
        double duplicatesBefore = meters.counter("gennemsyn.events.duplicates").count();
        TestEvents.publish(getProperties(), 2, TestEvents.envelope(T, first, findingId, minor));
        Eventually.await(Duration.ofSeconds(10), "both copies skipped as duplicates",
                () -> meters.counter("gennemsyn.events.duplicates").count() - duplicatesBefore == 2);
        assertThat(severity(findingId)).isEqualTo("major");
        assertThat(count("select count(*) from inbox where event_id = '" + first + "'")).isEqualTo(1);
    }

    String severity(String findingId) {
        var s = sql("select severity from findings where finding_id = '" + findingId + "'", rs -> rs.getString(1));
        return s.isEmpty() ? "" : s.get(0);
    }

    dk.gennemsyn.testsupport.Http.Result decide(String id, String decision, String reason, String date) {
        var r = post("/recommendations/api/recommendations/" + id + "/decisions",
                Map.of("decision", decision, "reason", reason, "meetingDate", date), T, "styregruppe");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }
}
