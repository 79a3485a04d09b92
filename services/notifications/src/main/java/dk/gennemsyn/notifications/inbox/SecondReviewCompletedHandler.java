package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import jakarta.inject.Singleton;

@Singleton
class SecondReviewCompletedHandler implements EventHandler<SecondReviewCompleted> {

    private final ReceivedEvents received;

    SecondReviewCompletedHandler(ReceivedEvents received) {
        this.received = received;
    }

    @Override
    public Class<SecondReviewCompleted> eventType() {
        return SecondReviewCompleted.class;
    }

    @Override
    public void handle(EventContext context, SecondReviewCompleted event) {
        received.record(context, "Begge gennemgange af " + event.getAlias() + " er indsendt; " + event.getDisagreementsCount() + " uenighed(er) at moderere");
    }
}
