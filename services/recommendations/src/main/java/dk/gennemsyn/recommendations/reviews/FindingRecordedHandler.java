package dk.gennemsyn.recommendations.reviews;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.assessment.v1.FindingRecorded;
import jakarta.inject.Singleton;

/** Keeps the findings a recommendation can rest on (ids, alias, category, severity; never the text). */
@Singleton
class FindingRecordedHandler implements EventHandler<FindingRecorded> {

    private final TenantTx tenantTx;

    FindingRecordedHandler(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    @Override
    public Class<FindingRecorded> eventType() {
        return FindingRecorded.class;
    }

    @Override
    public void handle(EventContext context, FindingRecorded e) {
        tenantTx.update("""
                insert into findings (finding_id, tenant, review_id, case_id, alias, category, severity, urgent,
                    budget_relevant, expected_yearly_kr)
                values (?::uuid, ?, ?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?)
                on conflict (finding_id) do update set category = excluded.category, severity = excluded.severity,
                    urgent = excluded.urgent, budget_relevant = excluded.budget_relevant,
                    expected_yearly_kr = excluded.expected_yearly_kr""",
                e.getFindingId(), context.tenant(), e.getReviewId(), e.getCaseId(), e.getAlias(), e.getCategory(),
                e.getSeverity(), e.getUrgent(), e.getBudgetRelevant(), e.getExpectedYearlyKr());
    }
}
