package dk.gennemsyn.recommendations.plans;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One legal rule's result over a review's own sample: the baseline of an indicator bound to the rule. */
@MappedEntity("review_screening")
public record ReviewScreening(@Id UUID id, String tenant, UUID reviewId, String rule, String title, int met,
                              int notMet, Instant computedAt) {
}
