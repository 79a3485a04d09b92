package dk.gennemsyn.reporting.retained;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** An archived event: its payload bytes as they arrived, and the review it concerns ('' when none). */
@MappedEntity("retained_events")
record RetainedEventRow(@Id UUID eventId, String tenant, String eventType, String aggregateId, Instant occurredAt,
                        byte[] payload, String reviewId) {
}
