package dk.gennemsyn.notifications.calendar;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;
import java.util.UUID;

/** A meeting sent as a calendar invitation: its stable UID and the SEQUENCE of its latest version. */
@MappedEntity("invitations")
record InvitationRow(@Id String uid, String tenant, @Nullable UUID reviewId, String title, LocalDate date, int sequence,
                     boolean cancelled) {
}
