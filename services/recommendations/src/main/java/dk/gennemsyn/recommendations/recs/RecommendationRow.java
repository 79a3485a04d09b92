package dk.gennemsyn.recommendations.recs;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/**
 * A recommendation as stored (its evidence and decisions apart); {@code version} (1 when created) refuses a stale
 * change. {@code created_at} is left to the column's default.
 */
@MappedEntity("recommendations")
record RecommendationRow(@Id UUID id, String tenant, UUID reviewId, String code, String title, String body, String theme,
                         String createdBy, long version) {
}
