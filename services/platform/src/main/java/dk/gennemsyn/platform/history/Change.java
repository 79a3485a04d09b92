package dk.gennemsyn.platform.history;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One changed field of an object staff edit (a recommendation, an action, a milestone, ...): its Danish label and both values as shown. */
@MappedEntity("changes")
public record Change(@Id UUID id, String tenant, UUID objectId, String field, String oldValue, String newValue,
                     String changedBy, Instant changedAt) {
}
