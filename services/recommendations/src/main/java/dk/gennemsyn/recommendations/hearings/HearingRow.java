package dk.gennemsyn.recommendations.hearings;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A hearing round as stored: {@code version} is the text's version (1 for the draft), {@code lock} (1 when opened)
 * refuses a stale publication. {@code opened_at} is left to the column's default.
 */
@MappedEntity("hearings")
record HearingRow(@Id UUID id, String tenant, UUID reviewId, String title, String state, LocalDate closesOn, int version,
                  String createdBy, long lock) {
}
