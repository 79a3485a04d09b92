package dk.gennemsyn.recommendations.history;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One changed field of a recommendation, focus area, action or meeting: its Danish label and both values as shown. */
@MappedEntity("changes")
public record Change(@Id UUID id, String tenant, UUID objectId, String field, String oldValue, String newValue,
                     String changedBy, Instant changedAt) {
}
