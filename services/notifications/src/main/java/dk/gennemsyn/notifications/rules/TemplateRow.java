package dk.gennemsyn.notifications.rules;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A tenant's own wording of a trigger's message as stored (the key is tenant and trigger; row-level security leaves
 * one tenant, so the trigger names the row). {@code version} is 1 when first written.
 */
@MappedEntity("templates")
record TemplateRow(String tenant, @Id String trigger, String subject, String body, String updatedBy, Instant updatedAt,
                   long version) {
}
