package dk.gennemsyn.recommendations.meetings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/**
 * A meeting as stored; {@code version} (1 when scheduled) refuses a stale change, {@code sequence} counts the
 * invitation's replacements, {@code agendaSentFor} remembers the date whose agenda was announced.
 */
@MappedEntity("meetings")
record MeetingRow(@Id UUID id, String tenant, UUID reviewId, String kind, String title, LocalDate date, boolean cancelled,
                  int sequence, int agendaDaysBefore, @Nullable LocalDate agendaSentFor, String minutes,
                  @Nullable Instant minutesApprovedAt, @Nullable String minutesApprovedBy, @Nullable String agenda,
                  @Nullable LocalTime startTime, @Nullable LocalTime endTime, String location, long version) {
}
