package dk.gennemsyn.assessment.screening;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.proto.assessment.v1.TenantScreeningMeasured;
import dk.gennemsyn.proto.caseintake.v1.CasesImported;
import jakarta.inject.Singleton;

/**
 * After an import, the screening of all the tenant's cases is measured again: case-intake writes CasesImported after
 * the import's CaseUpdated events, so they are screened by the time it arrives (one redelivered late counts at the
 * next import). Bound action-plan indicators in recommendations take their next value from it.
 */
@Singleton
class CasesImportedHandler implements EventHandler<CasesImported> {

    private final ScreeningSummaries summaries;
    private final Outbox outbox;

    CasesImportedHandler(ScreeningSummaries summaries, Outbox outbox) {
        this.summaries = summaries;
        this.outbox = outbox;
    }

    @Override
    public Class<CasesImported> eventType() {
        return CasesImported.class;
    }

    @Override
    public void handle(EventContext context, CasesImported e) {
        ScreeningSummaries.Summary s = summaries.summary(null);
        TenantScreeningMeasured.Builder m = TenantScreeningMeasured.newBuilder().setImportId(e.getImportId())
                .setCases(s.cases()).setMeasuredAt(e.getFinishedAt());
        s.rules().forEach(l -> m.addRules(ScreeningSummaries.event(l)));
        outbox.append(context.tenant(), e.getImportId(), m.build());
    }
}
