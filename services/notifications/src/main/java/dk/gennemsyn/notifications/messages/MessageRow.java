package dk.gennemsyn.notifications.messages;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A message to one person as stored, rendered when it was made. */
@MappedEntity("messages")
record MessageRow(@Id UUID id, String tenant, String recipient, String recipientName, @Nullable UUID reviewId,
                  @Nullable UUID caseId, String trigger, String dedupeKey, String subject, String body,
                  @Nullable String link, boolean urgent, boolean inInbox, Instant createdAt, @Nullable Instant readAt,
                  String digestState) {

    Inbox.Item item() {
        return new Inbox.Item(id, trigger, subject, body, link, urgent, createdAt, readAt);
    }
}
