package dk.gennemsyn.recommendations;

import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import dk.gennemsyn.testsupport.AuthorisationMatrix;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation × every role × own review / another review / another municipality, as authorisation.matrix says. */
@MicronautTest(transactional = false)
class AuthorisationMatrixTest extends RecommendationsTest {

    static final String T = "0250";

    @Test
    void everyOperationOfTheOpenApiAnswersEachRoleAsTheMatrixSays() throws Exception {
        AuthorisationMatrix.check(service(), http.toBlocking(), this::fixture);
    }

    /**
     * Two reviews with a plan each (an accepted recommendation, a focus area with an action), a meeting, an activity
     * and a hearing with a comment. Every role's test user is a member of the first; the second has other people.
     */
    Map<String, String> fixture() {
        Map<String, String> f = new HashMap<>();
        List<ReviewPerson> members = new ArrayList<>();
        for (String role : AuthorisationMatrix.ROLES) {
            if (!role.equals("tenant-admin")) {
                members.add(role.equals("reviewer")
                        ? external("user-" + T + "-reviewer", Instant.now().plusSeconds(3600))
                        : person("user-" + T + "-" + role, role));
            }
        }
        plan(f, "", givenReview(T, members.toArray(ReviewPerson[]::new)), "user-" + T + "-validator");
        plan(f, "other.", givenReview(T, person("fremmed-leder", "validator"), person("fremmed-pl", "projektleder")),
                "fremmed-leder");
        return f;
    }

    private void plan(Map<String, String> f, String prefix, String review, String respondent) {
        String rec = created(post("/recommendations/api/reviews/" + review + "/recommendations",
                Map.of("title", "Fast ledelsestilsyn"), T, "projektleder"));
        created(post("/recommendations/api/recommendations/" + rec + "/decisions",
                Map.of("decision", "accepted", "reason", "Ja", "meetingDate", "2026-11-02"), T, "projektleder"));
        String area = created(post("/recommendations/api/reviews/" + review + "/focus-areas",
                Map.of("title", "Ledelse", "recommendationIds", List.of(rec)), T, "projektleder"));
        String action = created(post("/recommendations/api/focus-areas/" + area + "/actions",
                Map.of("title", "Tilsynsplan", "owner", "user-" + T + "-tovholder", "dueDate", "2027-06-01"), T,
                "projektleder"));
        String meeting = created(post("/recommendations/api/reviews/" + review + "/meetings", Map.of("kind",
                "styregruppe", "date", LocalDate.now().plusDays(20).toString()), T, "projektleder"));
        String activity = created(post("/recommendations/api/reviews/" + review + "/activities",
                Map.of("name", "Workshop", "budgetHours", 16), T, "projektleder"));
        String hearing = created(post("/recommendations/api/reviews/" + review + "/hearings", Map.of("title", "Høring",
                "body", "Udkast", "respondents", List.of(respondent), "workingDays", 10), T, "projektleder"));
        var answered = Http.call(http.toBlocking(), io.micronaut.http.HttpRequest.POST("/recommendations/api/hearings/"
                + hearing + "/responses", Map.of("comments", List.of(Map.of("body", "Godt notat")))).bearerAuth(
                TestTokens.sign(TestTokens.claims(T, "validator").subject(respondent).build())));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        String comment = tree(get("/recommendations/api/hearings/" + hearing, T, "projektleder")).get("comments").get(0)
                .get("id").getStringValue();
        f.putAll(Map.of(prefix + "review", review, prefix + "recommendation", rec, prefix + "focusArea", area,
                prefix + "action", action, prefix + "meeting", meeting, prefix + "activity", activity,
                prefix + "hearing", hearing, prefix + "comment", comment));
    }

    private String created(Http.Result r) {
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return id(r);
    }
}
