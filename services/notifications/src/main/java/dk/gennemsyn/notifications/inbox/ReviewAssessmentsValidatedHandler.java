package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.assessment.v1.ReviewAssessmentsValidated;
import jakarta.inject.Singleton;

@Singleton
class ReviewAssessmentsValidatedHandler implements EventHandler<ReviewAssessmentsValidated> {

    private final ReceivedEvents received;

    ReviewAssessmentsValidatedHandler(ReceivedEvents received) {
        this.received = received;
    }

    @Override
    public Class<ReviewAssessmentsValidated> eventType() {
        return ReviewAssessmentsValidated.class;
    }

    @Override
    public void handle(EventContext context, ReviewAssessmentsValidated event) {
        received.record(context, "Alle " + event.getCases() + " vurderinger i gennemgangen er valideret");
    }
}
