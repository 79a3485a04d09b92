package dk.gennemsyn.assessment.reviews;

import dk.gennemsyn.assessment.instruments.Instruments;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewPerson;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Assessment's copy of each review's setup and people (from case-intake's review events; newest version wins). */
@Singleton
public class ReviewCopies {

    @Serdeable
    public record ReviewRef(UUID id, String title, String state, String instrumentId) {
    }

    @Serdeable
    @Introspected
    public record Person(String userId, String name, String role, @Nullable Instant accessFrom, @Nullable Instant accessTo,
                         boolean revoked) {

        public boolean activeAt(Instant now) {
            return !revoked && (accessFrom == null || !now.isBefore(accessFrom))
                    && (accessTo == null || now.isBefore(accessTo));
        }
    }

    private final ReviewRows rows;
    private final Instruments instruments;

    ReviewCopies(ReviewRows rows, Instruments instruments) {
        this.rows = rows;
        this.instruments = instruments;
    }

    /** Inside the handler's transaction. A tenant's first review seeds (and publishes) the shipped instruments. */
    void apply(String tenant, Review r) {
        instruments.ensureShipped(tenant);
        UUID reviewId = UUID.fromString(r.getReviewId());
        if (rows.upsertNewer(reviewId, tenant, r.getTitle(), r.getState(), r.getInstrumentId(), r.getVersion()) == 0) {
            return;
        }
        rows.removePeople(reviewId);
        for (ReviewPerson p : r.getPeopleList()) {
            rows.addPerson(tenant, reviewId, p.getUserId(), p.getName(), p.getRole(), instant(p.getAccessFrom()),
                    instant(p.getAccessTo()), p.getRevoked());
        }
    }

    private static Instant instant(String iso) {
        return iso.isEmpty() ? null : Instant.parse(iso);
    }

    /** Inside TenantTx. */
    public List<ReviewRef> list() {
        return rows.inOrder().stream().map(ReviewRow::ref).toList();
    }

    /** Inside TenantTx. */
    public Optional<ReviewRef> find(UUID id) {
        return rows.findById(id).map(ReviewRow::ref);
    }

    /** Inside TenantTx. */
    public List<Person> people(UUID reviewId) {
        return rows.people(reviewId);
    }

    /** Inside TenantTx: the review's reviewers whose access is active at {@code now}, id → name, by name. */
    public Map<String, String> activeReviewers(UUID reviewId, Instant now) {
        Map<String, String> names = new LinkedHashMap<>();
        rows.activeReviewers(reviewId, now).forEach(r -> names.put(r.userId(), r.name()));
        return names;
    }
}
