package dk.gennemsyn.assessment.assessments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A finding as stored, with the assignment (reviewer and round) it was recorded in. */
@MappedEntity("findings")
record FindingRow(@Id UUID id, String tenant, UUID assignmentId, UUID reviewId, UUID caseId, String category,
                  String severity, String text, boolean urgent, boolean budgetRelevant, @Nullable Long expectedYearlyKr,
                  String createdBy, Instant createdAt) {

    Findings.Finding view() {
        return new Findings.Finding(id, category, severity, text, urgent, budgetRelevant, expectedYearlyKr, createdBy,
                createdAt);
    }
}
