package dk.gennemsyn.recommendations.plans;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** A focus area (indsatsområde) as stored; {@code version} (1 when created) refuses a stale change. */
@MappedEntity("focus_areas")
record FocusAreaRow(@Id UUID id, String tenant, UUID reviewId, String title, String description, int priority,
                    String horizon, long version) {

    Plans.FocusArea view() {
        return new Plans.FocusArea(id, reviewId, title, description, priority, horizon, Plans.HORIZONS.get(horizon),
                java.util.List.of(), java.util.List.of(), java.util.List.of(), version);
    }
}
