package dk.gennemsyn.assessment.assessments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One reviewer's assessment of one case, as stored: {@code answers} is the jsonb text (question id → answer),
 * {@code lockVersion} refuses a stale save (0 when assigned, as the ETag has always said).
 */
@MappedEntity("assignments")
record AssignmentRow(@Id UUID id, String tenant, UUID reviewId, UUID caseId, String alias, String reviewer,
                     String reviewerName, int round, UUID instrumentId, String status, String answers, long lockVersion,
                     String assignedBy, Instant assignedAt, @Nullable Instant savedAt, @Nullable Instant submittedAt) {
}
