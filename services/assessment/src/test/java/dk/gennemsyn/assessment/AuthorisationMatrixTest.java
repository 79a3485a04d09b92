package dk.gennemsyn.assessment;

import dk.gennemsyn.assessment.instruments.Instruments;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import dk.gennemsyn.testsupport.AuthorisationMatrix;
import dk.gennemsyn.testsupport.Http;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation × every role × own review / another review / another municipality, as authorisation.matrix says. */
@MicronautTest(transactional = false)
class AuthorisationMatrixTest extends AssessmentTest {

    static final String T = "0250";

    @Test
    void everyOperationOfTheOpenApiAnswersEachRoleAsTheMatrixSays() throws Exception {
        AuthorisationMatrix.check(service(), http.toBlocking(), this::fixture);
    }

    /**
     * Two reviews of two cases each, assigned. Every role's test user is a member of the first (the reviewer has an
     * assignment there); the second has only another reviewer.
     */
    Map<String, String> fixture() {
        Map<String, String> f = new HashMap<>();
        Instant to = Instant.now().plusSeconds(3600);
        List<ReviewPerson> members = new ArrayList<>();
        for (String role : AuthorisationMatrix.ROLES) {
            if (!role.equals("tenant-admin")) {
                members.add(ReviewPerson.newBuilder().setUserId("user-" + T + "-" + role).setName("Testbruger")
                        .setRole(role).setOrganisation("KL").setAccessTo(to.toString()).build());
            }
        }
        review(f, "", "user-" + T + "-reviewer", members);
        review(f, "other.", "fremmed-gennemgaar", List.of(reviewer("fremmed-gennemgaar", to)));
        var copy = call(HttpRequest.POST("/assessment/api/instruments/" + Instruments.shippedId(T, "halsnaes", 1)
                + "/copy", ""), T, "projektleder");
        assertThat(copy.status()).as(copy.body()).isEqualTo(201);
        f.put("instrument", id(copy));
        return f;
    }

    private void review(Map<String, String> f, String prefix, String reviewerId, List<ReviewPerson> people) {
        String review = UUID.randomUUID().toString();
        List<String> cases = givenReview(T, review, 2, 0, people.toArray(ReviewPerson[]::new));
        var assigned = post("/assessment/api/reviews/" + review + "/assignments", Map.of(), T, "projektleder");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
        String assignment = null;
        for (JsonNode a : tree(assigned).values()) {
            if (a.get("reviewer").getStringValue().equals(reviewerId)) {
                assignment = a.get("id").getStringValue();
            }
        }
        assertThat(assignment).as("an assignment of " + reviewerId + " in " + assigned.body()).isNotNull();
        f.put(prefix + "review", review);
        f.put(prefix + "case", cases.get(0));
        f.put(prefix + "assignment", assignment);
        var finding = Http.call(http.toBlocking(), HttpRequest.POST("/assessment/api/assignments/" + assignment + "/findings",
                Map.of("category", "Sikkerhed", "severity", "major", "text", "Ingen børnesamtale", "urgent", true))
                .bearerAuth(reviewerToken(T, reviewerId)));
        assertThat(finding.status()).as(finding.body()).isEqualTo(201);
        f.put(prefix + "finding", id(finding));
    }
}
