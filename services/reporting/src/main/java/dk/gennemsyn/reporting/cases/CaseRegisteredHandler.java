package dk.gennemsyn.reporting.cases;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.CaseRegistered;
import jakarta.inject.Singleton;

@Singleton
class CaseRegisteredHandler implements EventHandler<CaseRegistered> {

    private final CaseCounts counts;

    CaseRegisteredHandler(CaseCounts counts) {
        this.counts = counts;
    }

    @Override
    public Class<CaseRegistered> eventType() {
        return CaseRegistered.class;
    }

    @Override
    public void handle(EventContext context, CaseRegistered event) {
        counts.increment(context.tenant(), event.getCaseType());
    }
}
