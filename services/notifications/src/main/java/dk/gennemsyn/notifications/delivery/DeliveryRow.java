package dk.gennemsyn.notifications.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A delivery on either channel as stored, with its state and attempts (the log's line). */
@MappedEntity("deliveries")
record DeliveryRow(@Id UUID id, String tenant, String dedupeKey, @Nullable UUID messageId, String recipient,
                   String address, String channel, String kind, String trigger, String subject, String body,
                   @Nullable String link, @Nullable String calendar, boolean urgent, String state, int attempts,
                   Instant nextAttemptAt, @Nullable String lastError, Instant createdAt, @Nullable Instant sentAt) {

    /** The next attempt is shown only while the delivery is being retried. */
    Deliveries.Delivery view() {
        return new Deliveries.Delivery(id, recipient, address, channel, kind, trigger, subject, state, attempts, lastError,
                createdAt, sentAt, state.equals("retrying") ? nextAttemptAt : null);
    }
}
