package dk.gennemsyn.notifications.caseintake;

import dk.gennemsyn.notifications.deadlines.Deadlines;
import dk.gennemsyn.notifications.messages.Notifier;
import dk.gennemsyn.notifications.rules.Triggers;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.ReviewStateChanged;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;

/** Keeps the copy, closes the deadlines the new phase has met, and tells the review's people. */
@Singleton
class ReviewStateChangedHandler implements EventHandler<ReviewStateChanged> {

    private final ReviewEvents reviews;
    private final Deadlines deadlines;
    private final Notifier notifier;

    ReviewStateChangedHandler(ReviewEvents reviews, Deadlines deadlines, Notifier notifier) {
        this.reviews = reviews;
        this.deadlines = deadlines;
        this.notifier = notifier;
    }

    @Override
    public Class<ReviewStateChanged> eventType() {
        return ReviewStateChanged.class;
    }

    @Override
    public void handle(EventContext context, ReviewStateChanged event) {
        reviews.apply(context.tenant(), event.getReview());
        UUID review = UUID.fromString(event.getReview().getReviewId());
        switch (event.getToState()) {
            case "reporting" -> deadlines.close(review, "validation_due");
            case "follow_up" -> deadlines.close(review, "validation_due", "report_deadline");
            case "closed" -> deadlines.close(review);
            default -> { }
        }
        notifier.notify(context.tenant(), Notifier.of(context, event, Map.of(
                "review_id", review.toString(),
                "from_state_label", Triggers.STATES.getOrDefault(event.getFromState(), event.getFromState()),
                "to_state_label", Triggers.STATES.getOrDefault(event.getToState(), event.getToState()))));
    }
}
