package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.platform.events.BatchEventHandler;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import jakarta.inject.Singleton;

import java.util.List;

/** A batch handler: an import's cases arrive by the hundred and are stored and screened a batch at a time. */
@Singleton
class CaseUpdatedHandler implements BatchEventHandler<CaseUpdated> {

    private final KnownCases knownCases;

    CaseUpdatedHandler(KnownCases knownCases) {
        this.knownCases = knownCases;
    }

    @Override
    public Class<CaseUpdated> eventType() {
        return CaseUpdated.class;
    }

    @Override
    public void handleAll(List<Received<CaseUpdated>> events) {
        knownCases.updateAll(events);
    }
}
