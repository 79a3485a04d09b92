package dk.gennemsyn.reporting.recommendations;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A finding a recommendation rests on. */
@MappedEntity("recommendation_findings")
public record RecommendationFinding(@Id UUID id, String tenant, UUID recommendationId, UUID findingId) {
}
