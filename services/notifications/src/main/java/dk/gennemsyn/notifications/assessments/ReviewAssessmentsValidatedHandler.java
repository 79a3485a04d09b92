package dk.gennemsyn.notifications.assessments;

import dk.gennemsyn.notifications.deadlines.Deadlines;
import dk.gennemsyn.notifications.messages.Notifier;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.assessment.v1.ReviewAssessmentsValidated;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;

/** The validation deadline is met: no reminder or escalation about it any more; the review's people are told. */
@Singleton
class ReviewAssessmentsValidatedHandler implements EventHandler<ReviewAssessmentsValidated> {

    private final Deadlines deadlines;
    private final Notifier notifier;

    ReviewAssessmentsValidatedHandler(Deadlines deadlines, Notifier notifier) {
        this.deadlines = deadlines;
        this.notifier = notifier;
    }

    @Override
    public Class<ReviewAssessmentsValidated> eventType() {
        return ReviewAssessmentsValidated.class;
    }

    @Override
    public void handle(EventContext context, ReviewAssessmentsValidated event) {
        deadlines.close(UUID.fromString(event.getReviewId()), "validation_due");
        notifier.notify(context.tenant(), Notifier.of(context, event, Map.of()));
    }
}
