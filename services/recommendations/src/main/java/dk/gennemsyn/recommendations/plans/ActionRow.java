package dk.gennemsyn.recommendations.plans;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An action of a focus area as stored; {@code version} (1 when created) refuses a stale change, the two
 * {@code ..._sent_for} dates remember which due date was announced. {@code created_at} is left to the column's default.
 */
@MappedEntity("actions")
record ActionRow(@Id UUID id, String tenant, UUID reviewId, UUID focusAreaId, String title, String owner, String ownerName,
                 @Nullable LocalDate startDate, LocalDate dueDate, String status, String statusReason, String indicator,
                 String unit, @Nullable BigDecimal baseline, @Nullable BigDecimal target, @Nullable UUID meetingId,
                 @Nullable LocalDate dueSoonSentFor, @Nullable LocalDate overdueSentFor, @Nullable String measureRule,
                 long version) {
}
