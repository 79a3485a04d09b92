package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import jakarta.inject.Singleton;

@Singleton
class CaseSelectedForReviewHandler implements EventHandler<CaseSelectedForReview> {

    private final ReceivedEvents received;

    CaseSelectedForReviewHandler(ReceivedEvents received) {
        this.received = received;
    }

    @Override
    public Class<CaseSelectedForReview> eventType() {
        return CaseSelectedForReview.class;
    }

    @Override
    public void handle(EventContext context, CaseSelectedForReview event) {
        received.record(context, event.getAlias() + " er udvalgt til gennemgang");
    }
}
