package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A finding on a case; {@code text} is case content (what was found). */
@MappedEntity("case_findings")
public record CaseFindingRow(@Id UUID findingId, String tenant, UUID reviewId, UUID caseId, String alias,
                             String category, String severity, boolean urgent, boolean budgetRelevant,
                             long expectedYearlyKr, String text) {
}
