package dk.gennemsyn.caseintake.reviews;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A person's role in one review, with its access window; revoked, the row stays (who had access when). */
@MappedEntity("review_people")
record PersonRow(@Id UUID id, String tenant, UUID reviewId, String userId, String name, String email, String role,
                 String organisation, @Nullable Instant accessFrom, @Nullable Instant accessTo,
                 @Nullable Instant revokedAt) {

    ReviewRecords.Person view() {
        return new ReviewRecords.Person(id, userId, name, email, role, organisation, accessFrom, accessTo, revokedAt);
    }
}
