package dk.gennemsyn.assessment.cases;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * Assessment's copy of a case: {@code version} is the newest CaseUpdated applied (-1: only registered),
 * {@code timeline} its events as jsonb text.
 */
@MappedEntity("known_cases")
record KnownCaseRow(@Id UUID caseId, String tenant, String alias, String caseType, Instant registeredAt, long version,
                    String timeline) {
}
