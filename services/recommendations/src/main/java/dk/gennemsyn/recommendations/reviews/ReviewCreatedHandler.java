package dk.gennemsyn.recommendations.reviews;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import jakarta.inject.Singleton;

@Singleton
class ReviewCreatedHandler implements EventHandler<ReviewCreated> {

    private final ReviewCopies reviews;

    ReviewCreatedHandler(ReviewCopies reviews) {
        this.reviews = reviews;
    }

    @Override
    public Class<ReviewCreated> eventType() {
        return ReviewCreated.class;
    }

    @Override
    public void handle(EventContext context, ReviewCreated event) {
        reviews.apply(context.tenant(), event.getReview());
    }
}
