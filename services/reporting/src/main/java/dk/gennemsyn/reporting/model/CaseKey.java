package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Embeddable;

import java.util.UUID;

/** A case within a review: the key of the read model's per-case tables. */
@Embeddable
public record CaseKey(UUID reviewId, UUID caseId) {
}
