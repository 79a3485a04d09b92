package dk.gennemsyn.recommendations.reviews;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** Recommendations' copy of a review; {@code version} is case-intake's (the newest event wins). */
@MappedEntity("reviews")
record ReviewRow(@Id UUID reviewId, String tenant, String title, String state, long version) {

    ReviewCopies.ReviewRef ref() {
        return new ReviewCopies.ReviewRef(reviewId, title, state);
    }
}
