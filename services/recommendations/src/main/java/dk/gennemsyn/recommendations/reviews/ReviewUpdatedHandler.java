package dk.gennemsyn.recommendations.reviews;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.ReviewUpdated;
import jakarta.inject.Singleton;

@Singleton
class ReviewUpdatedHandler implements EventHandler<ReviewUpdated> {

    private final ReviewCopies reviews;

    ReviewUpdatedHandler(ReviewCopies reviews) {
        this.reviews = reviews;
    }

    @Override
    public Class<ReviewUpdated> eventType() {
        return ReviewUpdated.class;
    }

    @Override
    public void handle(EventContext context, ReviewUpdated event) {
        reviews.apply(context.tenant(), event.getReview());
    }
}
