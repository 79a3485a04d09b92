package dk.gennemsyn.recommendations.reviews;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.ReviewStateChanged;
import jakarta.inject.Singleton;

@Singleton
class ReviewStateChangedHandler implements EventHandler<ReviewStateChanged> {

    private final ReviewCopies reviews;

    ReviewStateChangedHandler(ReviewCopies reviews) {
        this.reviews = reviews;
    }

    @Override
    public Class<ReviewStateChanged> eventType() {
        return ReviewStateChanged.class;
    }

    @Override
    public void handle(EventContext context, ReviewStateChanged event) {
        reviews.apply(context.tenant(), event.getReview());
    }
}
