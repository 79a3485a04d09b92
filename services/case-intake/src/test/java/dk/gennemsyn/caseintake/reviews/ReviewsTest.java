package dk.gennemsyn.caseintake.reviews;

import dk.gennemsyn.caseintake.IntakeTest;
import dk.gennemsyn.proto.caseintake.v1.ReviewStateChanged;
import dk.gennemsyn.proto.caseintake.v1.ReviewUpdated;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ReviewsTest extends IntakeTest {

    static final String T = "0250";

    String createReview(String tenant, String title) {
        var r = post("/intake/api/reviews", Map.of("title", title, "commission", "Gennemgå 40 sager",
                "periodFrom", "2016-01-01", "reviewerOrganisations", List.of("KL's Konsulentvirksomhed")), tenant, "projektleder");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return id(r);
    }

    String createCase(String tenant) {
        var r = post("/intake/api/cases", Map.of("caseType", "anbringelse"), tenant, "projektleder");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return id(r);
    }

    @Test
    void aReviewIsCreatedEditedWithIfMatchAndAStaleEditIsRefused() {
        String id = createReview(T, "Gennemgang 2026");
        var got = get("/intake/api/reviews/" + id, T, "tovholder");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.headers().get("ETag")).isEqualTo("\"v0\"");
        assertThat(got.body()).contains("\"state\":\"planning\"").contains("KL's Konsulentvirksomhed")
                .contains("\"periodFrom\":\"2016-01-01\"");
        Map<String, Object> edit = Map.of("title", "Gennemgang 2026 (rettet)", "periodFrom", "2017-01-01");
        var noIfMatch = post("/intake/api/reviews/" + id, edit, T, "projektleder");
        assertThat(noIfMatch.status()).isEqualTo(405); // PUT only
        var missing = call(HttpRequest.PUT("/intake/api/reviews/" + id, edit).contentType(MediaType.APPLICATION_JSON), T, "projektleder");
        assertThat(missing.status()).isEqualTo(428);
        var ok = call(HttpRequest.PUT("/intake/api/reviews/" + id, edit).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"v0\""), T, "projektleder");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().get("ETag")).isEqualTo("\"v1\"");
        var stale = call(HttpRequest.PUT("/intake/api/reviews/" + id, Map.of("title", "Overskriver"))
                .contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"v0\""), T, "projektleder");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(get("/intake/api/reviews/" + id, T, "projektleder").body()).contains("Gennemgang 2026 (rettet)")
                .doesNotContain("Overskriver");
        Eventually.await(Duration.ofSeconds(10), "ReviewUpdated", () -> events("ReviewUpdated").stream()
                .anyMatch(e -> e.getAggregateId().equals(id)));
    }

    @Test
    void aCprNumberInTheCommissionIsRefusedWithoutEchoingIt() {
        var r = post("/intake/api/reviews", Map.of("title", "Gennemgang", "commission", "Barnet 0101505000 skal ses"),
                T, "projektleder");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"commission\"").contains("CPR").doesNotContain("0101505000");
        assertThat(post("/intake/api/reviews", Map.of("title", "Journal 27.24.04-G01-1-18, tlf. 12345678"), T,
                "projektleder").status()).isEqualTo(201);
    }

    @Test
    void theLifecycleOnlyAllowsItsTransitionsAndPublishesEachChange() throws Exception {
        String id = createReview(T, "Livscyklus");
        var skip = post("/intake/api/reviews/" + id + "/transitions", Map.of("to", "reporting"), T, "projektleder");
        assertThat(skip.status()).isEqualTo(409);
        assertThat(skip.body()).contains("Planlægning").contains("Afrapportering");
        for (String to : List.of("sampling", "reviewing", "validating", "reporting", "follow_up", "closed")) {
            var r = post("/intake/api/reviews/" + id + "/transitions", Map.of("to", to), T, "projektleder");
            assertThat(r.status()).as(to + ": " + r.body()).isEqualTo(200);
        }
        assertThat(post("/intake/api/reviews/" + id + "/transitions", Map.of("to", "follow_up"), T, "projektleder")
                .status()).isEqualTo(409);
        assertThat(post("/intake/api/reviews/" + id + "/transitions", Map.of("to", "sampling"), T, "tovholder")
                .status()).isEqualTo(403);
        var detail = get("/intake/api/reviews/" + id, T, "projektleder");
        assertThat(detail.body()).contains("\"state\":\"closed\"").contains("\"toState\":\"follow_up\"");
        Eventually.await(Duration.ofSeconds(10), "6 state changes", () -> events("ReviewStateChanged").stream()
                .filter(e -> e.getAggregateId().equals(id)).count() == 6);
        var last = events("ReviewStateChanged").stream().filter(e -> e.getAggregateId().equals(id))
                .map(e -> {
                    try {
                        return ReviewStateChanged.parseFrom(e.getPayload());
                    } catch (Exception x) {
                        throw new IllegalStateException(x);
                    }
                }).filter(s -> s.getToState().equals("closed")).findFirst().orElseThrow();
        assertThat(last.getFromState()).isEqualTo("follow_up");
        assertThat(last.getReview().getState()).isEqualTo("closed");
        // A closed review no longer changes.
        assertThat(post("/intake/api/reviews/" + id + "/milestones", Map.of("kind", "meeting", "date", "2026-12-01"), T,
                "projektleder").status()).isEqualTo(409);
    }

    @Test
    void peopleMilestonesAndAnExternalReviewersAccessWindowWhichCanBeRevoked() throws Exception {
        String review = createReview(T, "Adgang");
        String caseId = createCase(T);
        assertThat(post("/intake/api/reviews/" + review + "/cases", Map.of("caseId", caseId,
                "forklaede", "Valgt fordi sagen har mange underretninger; se på opfølgningen."), T, "projektleder").status())
                .isEqualTo(201);
        String reviewer = "user-" + T + "-reviewer"; // the test token's subject
        var noEnd = post("/intake/api/reviews/" + review + "/people", Map.of("userId", reviewer, "name", "Ekstern Konsulent",
                "role", "reviewer"), T, "projektleder");
        assertThat(noEnd.status()).isEqualTo(400);
        assertThat(noEnd.body()).contains("\"field\":\"accessTo\"");
        // Not a member yet: 403.
        assertThat(get("/intake/api/cases/" + caseId, T, "reviewer").status()).isEqualTo(403);
        // An expired window (in an earlier review of the same case) gives nothing.
        String earlier = createReview(T, "Tidligere gennemgang");
        assertThat(post("/intake/api/reviews/" + earlier + "/cases", Map.of("caseId", caseId,
                "forklaede", "Også i den tidligere gennemgang."), T, "projektleder").status()).isEqualTo(201);
        var expired = post("/intake/api/reviews/" + earlier + "/people", Map.of("userId", reviewer, "name", "Ekstern Konsulent",
                "role", "reviewer", "organisation", "KL", "accessFrom", Instant.now().minusSeconds(7200).toString(),
                "accessTo", Instant.now().minusSeconds(3600).toString()), T, "projektleder");
        assertThat(expired.status()).as(expired.body() + " " + expired.headers().asMap()).isEqualTo(201);
        assertThat(get("/intake/api/cases/" + caseId, T, "reviewer").status()).isEqualTo(403);
        // A steering-group member of the review sees the review, never the child's case: not by the API, not by the
        // page, and not with a reviewer's token while their membership is the steering group's.
        String steering = "user-" + T + "-styregruppe";
        assertThat(post("/intake/api/reviews/" + review + "/people", Map.of("userId", steering, "name", "Styregruppe",
                "role", "styregruppe"), T, "projektleder").status()).isEqualTo(201);
        assertThat(get("/intake/api/reviews/" + review, T, "styregruppe").status()).isEqualTo(200);
        assertThat(get("/intake/api/cases/" + caseId, T, "styregruppe").status()).isEqualTo(403);
        var page = call(HttpRequest.GET("/intake/cases/" + caseId).accept(MediaType.TEXT_HTML), T, "styregruppe");
        assertThat(page.status()).as(page.body()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("mange underretninger");
        var asSteering = post("/intake/api/reviews/" + review + "/people", Map.of("userId", reviewer, "name",
                "Ekstern Konsulent", "role", "styregruppe", "accessTo", Instant.now().plusSeconds(3600).toString()), T,
                "projektleder");
        assertThat(asSteering.status()).as(asSteering.body()).isEqualTo(201);
        assertThat(get("/intake/api/cases/" + caseId, T, "reviewer").status()).isEqualTo(403);
        assertThat(get("/intake/api/cases", T, "reviewer").body()).doesNotContain(caseId);

        var active = post("/intake/api/reviews/" + review + "/people", Map.of("userId", reviewer, "name", "Ekstern Konsulent",
                "role", "reviewer", "organisation", "KL", "accessTo", Instant.now().plusSeconds(3600).toString()), T,
                "projektleder");
        assertThat(active.status()).as(active.body()).isEqualTo(201);
        var readInWindow = get("/intake/api/cases/" + caseId, T, "reviewer");
        assertThat(readInWindow.status()).as(readInWindow.body()).isEqualTo(200);
        assertThat(get("/intake/api/reviews/" + review + "/cases", T, "reviewer").body()).contains("mange underretninger");
        // Reviewers never see case numbers, and never the tenant's other cases.
        assertThat(post("/intake/api/cases/" + caseId + "/case-number/reveal", Map.of("purpose", "x"), T, "reviewer")
                .status()).isEqualTo(403);
        String otherCase = createCase(T);
        assertThat(get("/intake/api/cases/" + otherCase, T, "reviewer").status()).isEqualTo(403);
        assertThat(get("/intake/api/cases", T, "reviewer").body()).contains(caseId).doesNotContain(otherCase);
        String personId = tree(active).get("id").getStringValue();
        assertThat(post("/intake/api/reviews/" + review + "/people/" + personId + "/revoke", Map.of(), T, "projektleder")
                .status()).isEqualTo(204);
        assertThat(get("/intake/api/cases/" + caseId, T, "reviewer").status()).isEqualTo(403);

        var milestone = post("/intake/api/reviews/" + review + "/milestones", Map.of("kind", "budget_warning",
                "date", "2027-09-10"), T, "projektleder");
        assertThat(milestone.status()).isEqualTo(201);
        assertThat(milestone.body()).contains("Tidlig budgetvarsling");
        assertThat(post("/intake/api/reviews/" + review + "/milestones", Map.of("kind", "party", "date", "2027-09-10"), T,
                "projektleder").body()).contains("\"field\":\"kind\"");
        Eventually.await(Duration.ofSeconds(10), "ReviewUpdated with the milestone and the revoked person", () ->
                updatedSnapshots(review).anyMatch(r -> r.getMilestonesCount() == 1 && r.getMilestones(0).getDate().equals("2027-09-10")
                        && r.getPeopleList().stream().anyMatch(p -> p.getRevoked())));

        // Moved a week: the new date goes out to the other services, the change is kept, a stale change is refused.
        String milestoneId = tree(milestone).get("id").getStringValue();
        var moved = call(HttpRequest.PUT("/intake/api/reviews/" + review + "/milestones/" + milestoneId,
                Map.of("kind", "budget_warning", "date", "2027-09-17")).header("If-Match", "\"v1\""), T, "projektleder");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(call(HttpRequest.PUT("/intake/api/reviews/" + review + "/milestones/" + milestoneId,
                Map.of("kind", "budget_warning", "date", "2027-10-01")).header("If-Match", "\"v1\""), T, "projektleder")
                .status()).isEqualTo(409);
        var changes = tree(get("/intake/api/reviews/" + review + "/milestones/" + milestoneId + "/changes", T, "styregruppe"));
        assertThat(changes.size()).isEqualTo(1);
        assertThat(changes.get(0).get("field").getStringValue()).isEqualTo("Dato");
        assertThat(changes.get(0).get("before").getStringValue()).isEqualTo("10-09-2027");
        assertThat(changes.get(0).get("after").getStringValue()).isEqualTo("17-09-2027");
        Eventually.await(Duration.ofSeconds(10), "ReviewUpdated with the moved milestone", () ->
                updatedSnapshots(review).anyMatch(r -> r.getMilestonesCount() == 1 && r.getMilestones(0).getDate().equals("2027-09-17")));
    }

    @Test
    void timelineEventsBeforeTheReviewsPeriodAreMarkedAsContext() {
        String review = createReview(T, "Periode"); // period of interest from 2016-01-01
        String caseId = createCase(T);
        post("/intake/api/cases/" + caseId + "/timeline", Map.of("kind", "underretning_modtaget", "date", "2015-12-31"), T,
                "projektleder");
        post("/intake/api/cases/" + caseId + "/timeline", Map.of("kind", "bfu_startet", "date", "2016-01-01"), T,
                "projektleder");
        var withReview = get("/intake/api/cases/" + caseId + "?reviewId=" + review, T, "projektleder");
        assertThat(withReview.status()).as(withReview.body()).isEqualTo(200);
        var timeline = tree(withReview).get("timeline");
        assertThat(timeline.get(0).get("kind").getStringValue()).isEqualTo("underretning_modtaget");
        assertThat(timeline.get(0).get("inPeriod").getBooleanValue()).isFalse();
        assertThat(timeline.get(1).get("inPeriod").getBooleanValue()).isTrue();
        assertThat(tree(get("/intake/api/cases/" + caseId, T, "projektleder")).get("timeline").get(0).get("inPeriod")).isNull();
    }

    /** Refusals of a case are in the access log too: who tried, which case, when and why. */
    @Test
    void everyRefusedAttemptAtACaseIsInTheAccessLog() {
        String caseId = createCase(T);
        assertThat(get("/intake/api/cases/" + caseId, T, "reviewer").status()).isEqualTo(403);
        assertThat(get("/intake/api/cases/" + caseId, "0573", "projektleder").status()).isEqualTo(404);
        dk.gennemsyn.testsupport.Eventually.await(java.time.Duration.ofSeconds(5), "refusals logged",
                () -> count("select count(*) from access_log_entries where case_id = '" + caseId + "' and action = 'REFUSED'") == 2);
        assertThat(count("select count(*) from access_log_entries where case_id = '" + caseId + "' and action = 'REFUSED' and tenant = '"
                + T + "' and actor = 'user-" + T + "-reviewer' and purpose like 'afvist 403: GET /intake/api/cases/%'")).isOne();
        assertThat(count("select count(*) from access_log_entries where case_id = '" + caseId + "' and action = 'REFUSED' and tenant = "
                + "'0573' and purpose like 'afvist 404:%'")).as("filed under the municipality that tried").isOne();
    }

    @Test
    void anotherMunicipalitySeesNoneOfTheReviews() {
        String id = createReview(T, "Halsnæs' egen");
        assertThat(get("/intake/api/reviews/" + id, "0573", "projektleder").status()).isEqualTo(404);
        assertThat(get("/intake/api/reviews", "0573", "projektleder").body()).doesNotContain(id);
        // A list filtered by a review is a 404 for a foreign or unknown review, like the review itself, and a 403 for a
        // reviewer who is not in it: never an empty 200.
        assertThat(get("/intake/api/cases?reviewId=" + id, "0573", "projektleder").status()).isEqualTo(404);
        assertThat(get("/intake/api/cases?reviewId=" + java.util.UUID.randomUUID(), T, "projektleder").status()).isEqualTo(404);
        assertThat(get("/intake/api/cases?reviewId=" + id, T, "reviewer").status()).isEqualTo(403);
        assertThat(get("/intake/api/cases?reviewId=" + id, T, "projektleder").status()).isEqualTo(200);
    }

    /** The review snapshots case-intake published in ReviewUpdated events for this review. */
    java.util.stream.Stream<dk.gennemsyn.proto.caseintake.v1.Review> updatedSnapshots(String review) {
        return events("ReviewUpdated").stream().filter(e -> e.getAggregateId().equals(review)).map(e -> {
            try {
                return ReviewUpdated.parseFrom(e.getPayload()).getReview();
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        });
    }
}
