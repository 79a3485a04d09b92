package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import jakarta.inject.Singleton;

@Singleton
class ReviewCreatedHandler implements EventHandler<ReviewCreated> {

    private final ReceivedEvents received;

    ReviewCreatedHandler(ReceivedEvents received) {
        this.received = received;
    }

    @Override
    public Class<ReviewCreated> eventType() {
        return ReviewCreated.class;
    }

    @Override
    public void handle(EventContext context, ReviewCreated event) {
        received.record(context, "Ny gennemgang: " + event.getReview().getTitle());
    }
}
