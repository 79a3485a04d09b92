package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
import jakarta.inject.Singleton;

@Singleton
class ReviewCaseDataErasedHandler implements EventHandler<ReviewCaseDataErased> {

    private final ReceivedEvents received;

    ReviewCaseDataErasedHandler(ReceivedEvents received) {
        this.received = received;
    }

    @Override
    public Class<ReviewCaseDataErased> eventType() {
        return ReviewCaseDataErased.class;
    }

    @Override
    public void handle(EventContext context, ReviewCaseDataErased event) {
        received.forgetCases(event.getCaseIdsList());
        received.record(context, "Sagsdata for en afsluttet gennemgang er slettet (" + event.getCaseIdsCount() + " sager)");
    }
}
