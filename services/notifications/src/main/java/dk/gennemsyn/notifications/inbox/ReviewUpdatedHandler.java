package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.ReviewUpdated;
import jakarta.inject.Singleton;

@Singleton
class ReviewUpdatedHandler implements EventHandler<ReviewUpdated> {

    private final ReceivedEvents received;

    ReviewUpdatedHandler(ReceivedEvents received) {
        this.received = received;
    }

    @Override
    public Class<ReviewUpdated> eventType() {
        return ReviewUpdated.class;
    }

    @Override
    public void handle(EventContext context, ReviewUpdated event) {
        received.record(context, "Gennemgangen " + event.getReview().getTitle() + " er ændret");
    }
}
