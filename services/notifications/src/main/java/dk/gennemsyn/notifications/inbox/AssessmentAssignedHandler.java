package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.assessment.v1.AssessmentAssigned;
import jakarta.inject.Singleton;

@Singleton
class AssessmentAssignedHandler implements EventHandler<AssessmentAssigned> {

    private final ReceivedEvents received;

    AssessmentAssignedHandler(ReceivedEvents received) {
        this.received = received;
    }

    @Override
    public Class<AssessmentAssigned> eventType() {
        return AssessmentAssigned.class;
    }

    @Override
    public void handle(EventContext context, AssessmentAssigned event) {
        received.record(context, event.getAlias() + " er fordelt til vurdering (runde " + event.getRound() + ")");
    }
}
