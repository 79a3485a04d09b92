package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.CaseRegistered;
import jakarta.inject.Singleton;

@Singleton
class CaseRegisteredHandler implements EventHandler<CaseRegistered> {

    private final KnownCases knownCases;

    CaseRegisteredHandler(KnownCases knownCases) {
        this.knownCases = knownCases;
    }

    @Override
    public Class<CaseRegistered> eventType() {
        return CaseRegistered.class;
    }

    @Override
    public void handle(EventContext context, CaseRegistered event) {
        knownCases.record(context, event);
    }
}
