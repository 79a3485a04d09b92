package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import jakarta.inject.Singleton;

@Singleton
class CaseUpdatedHandler implements EventHandler<CaseUpdated> {

    private final KnownCases knownCases;

    CaseUpdatedHandler(KnownCases knownCases) {
        this.knownCases = knownCases;
    }

    @Override
    public Class<CaseUpdated> eventType() {
        return CaseUpdated.class;
    }

    @Override
    public void handle(EventContext context, CaseUpdated event) {
        knownCases.update(context, event);
    }
}
