package dk.gennemsyn.notifications.reviews;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.util.UUID;

/** Notifications' copy of a review as stored; {@code version} is case-intake's (the newest snapshot wins). */
@MappedEntity("reviews")
record ReviewRow(@Id @MappedProperty("review_id") UUID reviewId, String tenant, String title, String state, long version) {

    ReviewCopies.ReviewRef view() {
        return new ReviewCopies.ReviewRef(reviewId, title, state);
    }
}
