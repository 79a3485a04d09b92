package dk.gennemsyn.reporting.reviews;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;
import java.util.UUID;

/** Reporting's copy of a review: title, state, instrument (text, empty when not chosen), budget early-warning date. */
@MappedEntity("reviews")
public record ReviewRow(@Id UUID reviewId, String tenant, String title, String state, long version, String instrumentId,
                        @Nullable LocalDate budgetWarningOn) {
}
