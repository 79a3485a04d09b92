package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.assessment.v1.UrgentConcernRaised;
import jakarta.inject.Singleton;

@Singleton
class UrgentConcernRaisedHandler implements EventHandler<UrgentConcernRaised> {

    private final ReceivedEvents received;

    UrgentConcernRaisedHandler(ReceivedEvents received) {
        this.received = received;
    }

    @Override
    public Class<UrgentConcernRaised> eventType() {
        return UrgentConcernRaised.class;
    }

    @Override
    public void handle(EventContext context, UrgentConcernRaised event) {
        received.record(context, "AKUT: bekymring for barnet i " + event.getAlias());
    }
}
