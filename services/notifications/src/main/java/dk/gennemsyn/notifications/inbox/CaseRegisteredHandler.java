package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.CaseRegistered;
import jakarta.inject.Singleton;

@Singleton
class CaseRegisteredHandler implements EventHandler<CaseRegistered> {

    private final ReceivedEvents received;

    CaseRegisteredHandler(ReceivedEvents received) {
        this.received = received;
    }

    @Override
    public Class<CaseRegistered> eventType() {
        return CaseRegistered.class;
    }

    @Override
    public void handle(EventContext context, CaseRegistered event) {
        received.record(context, "Ny sag registreret: " + event.getAlias());
    }
}
