package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;

/** A case of a review's selection (newest version wins). */
@MappedEntity("review_cases")
public record ReviewCaseRow(@EmbeddedId CaseKey key, String tenant, String alias, String caseType, boolean deepReview,
                            boolean secondReview, long version) {
}
