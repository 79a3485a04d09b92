package dk.gennemsyn.caseintake.reviews;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A review as stored; {@code version} (0 when created) is its ETag and refuses a stale change. */
@MappedEntity("reviews")
record ReviewRow(@Id UUID id, String tenant, String title, String commission, String purpose, String focusPoints,
                 @Nullable LocalDate periodFrom, @Nullable LocalDate periodTo,
                 @MappedProperty("reviewer_orgs") @TypeDef(type = DataType.STRING_ARRAY) String[] reviewerOrgs,
                 String instrumentId, String state, @Nullable LocalDate retentionUntil, @Nullable Instant closedAt,
                 @Nullable Instant erasedAt, Instant createdAt, String createdBy, long version) {

    ReviewRecords.Review view() {
        return new ReviewRecords.Review(id, title, commission, purpose, focusPoints, periodFrom, periodTo,
                reviewerOrgs == null ? List.of() : List.of(reviewerOrgs), instrumentId, state, retentionUntil, closedAt,
                erasedAt, createdAt, createdBy, version);
    }
}
