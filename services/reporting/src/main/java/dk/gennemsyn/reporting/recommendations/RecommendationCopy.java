package dk.gennemsyn.reporting.recommendations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A recommendation as reporting knows it: code, title, its version and the standing decision. */
@MappedEntity("recommendation_copies")
public record RecommendationCopy(@Id UUID id, String tenant, UUID reviewId, String code, String title, long version,
                                 @Nullable String decision, @Nullable Instant decidedAt) {
}
