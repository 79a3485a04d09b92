package dk.gennemsyn.recommendations.reviews;

import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Recommendations' copy of each review's title, state and people, from case-intake's review events (newest wins). */
@Singleton
public class ReviewCopies {

    @Serdeable
    public record ReviewRef(UUID id, String title, String state) {
    }

    @Serdeable
    @io.micronaut.core.annotation.Introspected
    public record Person(String userId, String name, String role) {
    }

    private final ReviewRows rows;

    ReviewCopies(ReviewRows rows) {
        this.rows = rows;
    }

    /** Inside the handler's transaction. */
    void apply(String tenant, Review r) {
        UUID review = UUID.fromString(r.getReviewId());
        if (rows.upsertNewer(review, tenant, r.getTitle(), r.getState(), r.getVersion()) == 0) {
            return;
        }
        rows.clearPeople(review);
        for (ReviewPerson p : r.getPeopleList()) {
            rows.addPerson(tenant, review, p.getUserId(), p.getName(), p.getRole(), instant(p.getAccessFrom()),
                    instant(p.getAccessTo()), p.getRevoked());
        }
    }

    /** Inside a tenant transaction. */
    public Optional<ReviewRef> find(UUID id) {
        return rows.findById(id).map(ReviewRow::ref);
    }

    /** Inside a tenant transaction. */
    public List<ReviewRef> list() {
        return rows.byTitle().stream().map(ReviewRow::ref).toList();
    }

    /** Inside a tenant transaction: the review's people (one row per person and role). */
    public List<Person> people(UUID review) {
        return rows.people(review);
    }

    /** Inside a tenant transaction: a person's name in the review (their user id if unknown). */
    public String name(UUID review, String userId) {
        return rows.name(review, userId).orElse(userId);
    }

    /** Inside a tenant transaction. */
    public boolean isActiveMember(UUID review, String userId, Instant now) {
        return rows.isActiveMember(review, userId, now);
    }

    private static Instant instant(String instant) {
        return instant.isEmpty() ? null : Instant.parse(instant);
    }
}
