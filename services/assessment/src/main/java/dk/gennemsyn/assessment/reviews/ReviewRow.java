package dk.gennemsyn.assessment.reviews;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** Assessment's copy of a review's setup; {@code version} is case-intake's (the newest event wins). */
@MappedEntity("reviews")
record ReviewRow(@Id UUID reviewId, String tenant, String title, String state, String instrumentId, long version) {

    ReviewCopies.ReviewRef ref() {
        return new ReviewCopies.ReviewRef(reviewId, title, state, instrumentId);
    }
}
