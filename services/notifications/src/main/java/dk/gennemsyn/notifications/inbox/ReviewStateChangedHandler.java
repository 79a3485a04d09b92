package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.ReviewStateChanged;
import jakarta.inject.Singleton;

@Singleton
class ReviewStateChangedHandler implements EventHandler<ReviewStateChanged> {

    private final ReceivedEvents received;

    ReviewStateChangedHandler(ReceivedEvents received) {
        this.received = received;
    }

    @Override
    public Class<ReviewStateChanged> eventType() {
        return ReviewStateChanged.class;
    }

    @Override
    public void handle(EventContext context, ReviewStateChanged event) {
        received.record(context, "Gennemgangen " + event.getReview().getTitle() + " gik fra " + event.getFromState() + " til " + event.getToState());
    }
}
