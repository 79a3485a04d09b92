package dk.gennemsyn.assessment;

import dk.gennemsyn.assessment.instruments.Instruments;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import dk.gennemsyn.testsupport.ApiTest;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;
import dk.gennemsyn.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Base for assessment's tests: the API, a spy on its events, and case-intake's events sent in. */
public abstract class AssessmentTest extends ApiTest {

    @Override
    protected String service() {
        return "assessment";
    }

    @Override
    protected String eventPackage() {
        return "gennemsyn.assessment.v1";
    }

    /** A reviewer's token: their own user id as the subject. */
    protected static String reviewerToken(String tenant, String user) {
        return TestTokens.sign(TestTokens.claims(tenant, "reviewer").subject(user).build());
    }

    protected static ReviewPerson reviewer(String id, Instant accessTo) {
        return ReviewPerson.newBuilder().setUserId(id).setName("Gennemgår " + id).setRole("reviewer")
                .setOrganisation("KL").setAccessTo(accessTo.toString()).build();
    }

    /**
     * A review on the shipped Halsnæs instrument with these people, and cases "Sag 1".."Sag n" selected for deep
     * review (the first {@code second} also for a second review), as case-intake's events bring them. Returns the
     * case ids.
     */
    protected List<String> givenReview(String tenant, String review, int n, int second, ReviewPerson... people) {
        get("/assessment/api/instruments", tenant, "projektleder"); // the shipped instruments exist from first use
        Review.Builder r = Review.newBuilder().setReviewId(review).setTitle("Gennemgang 2026").setState("reviewing")
                .setInstrumentId(Instruments.shippedId(tenant, "halsnaes", 1).toString()).setVersion(1);
        for (ReviewPerson p : people) {
            r.addPeople(p);
        }
        send(tenant, review, ReviewCreated.newBuilder().setReview(r).build(), 1);
        List<String> cases = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String c = UUID.randomUUID().toString();
            cases.add(c);
            send(tenant, c, CaseUpdated.newBuilder().setCaseId(c).setAlias("Sag " + i).setCaseType("anbringelse")
                    .setVersion(1).addTimeline(TimelineEvent.newBuilder().setKind("foranstaltning_startet")
                            .setDate("2025-01-01").setMeasureName("Plejefamilie").setYearlyCostKr(400_000)).build(), 1);
            send(tenant, c, CaseSelectedForReview.newBuilder().setReviewId(review).setCaseId(c).setAlias("Sag " + i)
                    .setCaseType("anbringelse").setSelection("random").setScreening(true).setDeepReview(true)
                    .setSecondReview(i <= second).setForklaede("Udvalgt tilfældigt").setVersion(1).build(), 1);
        }
        Eventually.await(Duration.ofSeconds(10), "case-intake's events applied",
                () -> count("select count(*) from review_selections where review_id = '" + review + "'") == n
                        && count("select count(*) from review_people where review_id = '" + review + "'") == people.length
                        && count("select count(*) from screening_results where case_id in (select case_id from"
                        + " review_selections where review_id = '" + review + "')") > 0);
        return cases;
    }

    /** As the reviewer: fills in and submits each of their open assessments with these answers. */
    protected void submitAll(String tenant, String user, Map<String, String> answers) {
        String token = reviewerToken(tenant, user);
        for (JsonNode a : tree(Http.call(http.toBlocking(), HttpRequest.GET("/assessment/api/assignments?size=200")
                .bearerAuth(token))).get("items").values()) {
            if (a.get("status").getStringValue().equals("submitted")) {
                continue;
            }
            String path = "/assessment/api/assignments/" + a.get("id").getStringValue();
            String etag = Http.call(http.toBlocking(), HttpRequest.GET(path).bearerAuth(token)).headers().get("ETag");
            Http.Result saved = Http.call(http.toBlocking(), HttpRequest.PUT(path + "/answers", Map.of("answers", answers))
                    .header("If-Match", etag).bearerAuth(token));
            Http.Result submitted = Http.call(http.toBlocking(), HttpRequest.POST(path + "/submit", "")
                    .header("If-Match", saved.headers().get("ETag")).bearerAuth(token));
            if (submitted.status() != 200) {
                throw new AssertionError("submit failed: " + submitted.body());
            }
        }
    }
}
