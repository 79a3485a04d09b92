package dk.gennemsyn.recommendations;

import dk.gennemsyn.proto.assessment.v1.FindingRecorded;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import dk.gennemsyn.testsupport.ApiTest;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.MutableHttpRequest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** Base for recommendations' tests: the API, a spy on its events, case-intake's and assessment's events sent in. */
public abstract class RecommendationsTest extends ApiTest {

    @Inject protected MovableClock clock;

    @Override
    protected String service() {
        return "recommendations";
    }

    @Override
    protected String eventPackage() {
        return "gennemsyn.recommendations.v1";
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    protected static ReviewPerson person(String id, String role) {
        return ReviewPerson.newBuilder().setUserId(id).setName(role + " " + id).setRole(role).build();
    }

    protected static ReviewPerson external(String id, Instant accessTo) {
        return person(id, "reviewer").toBuilder().setAccessTo(accessTo.toString()).build();
    }

    /** A review with these people, as case-intake's ReviewCreated brings it. */
    protected String givenReview(String tenant, ReviewPerson... people) {
        String id = UUID.randomUUID().toString();
        send(tenant, id, ReviewCreated.newBuilder().setReview(Review.newBuilder().setReviewId(id).setTitle("Gennemgang 2019")
                .setState("reporting").setVersion(1).addAllPeople(Arrays.asList(people))).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the review copied",
                () -> count("select count(*) from reviews where review_id = '" + id + "'") == 1);
        return id;
    }

    /** A finding of the review, as assessment's FindingRecorded brings it. Returns its id. */
    protected String givenFinding(String tenant, String review, String alias, String category) {
        String id = UUID.randomUUID().toString();
        send(tenant, id, FindingRecorded.newBuilder().setFindingId(id).setReviewId(review)
                .setCaseId(UUID.randomUUID().toString()).setAlias(alias).setCategory(category).setSeverity("major").build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the finding kept",
                () -> count("select count(*) from findings where finding_id = '" + id + "'") == 1);
        return id;
    }

    /** The events of a type this service published about one review (tests share the context, so filter). */
    protected java.util.List<dk.gennemsyn.proto.platform.v1.Envelope> ofReview(String type, String review) {
        return events(type).stream().filter(e -> {
            try {
                var f = Class.forName("dk.gennemsyn.proto.recommendations.v1." + type);
                var m = (com.google.protobuf.Message) f.getMethod("parseFrom", com.google.protobuf.ByteString.class)
                        .invoke(null, e.getPayload());
                return review.equals(m.getField(m.getDescriptorForType().findFieldByName("review_id")));
            } catch (ReflectiveOperationException x) {
                throw new IllegalStateException(x);
            }
        }).toList();
    }

    /** As this user (the token's subject) with these roles. */
    protected Http.Result as(String tenant, String user, MutableHttpRequest<?> request, String... roles) {
        return Http.call(http.toBlocking(), request.bearerAuth(
                TestTokens.sign(TestTokens.claims(tenant, roles).subject(user).build())));
    }
}
