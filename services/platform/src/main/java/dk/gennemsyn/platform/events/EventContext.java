package dk.gennemsyn.platform.events;

import java.time.Instant;

/** What the envelope says about the event being handled. */
public record EventContext(String eventId, String tenant, String eventType, Instant occurredAt,
                           String correlationId, String producer, String aggregateId) {
}
