package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.caseintake.v1.CaseRegistered;
import jakarta.inject.Singleton;

import java.util.List;

/** Keeps assessment's copy of registered cases. */
@Singleton
public class KnownCases implements EventHandler<CaseRegistered> {

    private final TenantTx tenantTx;

    KnownCases(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    @Override
    public Class<CaseRegistered> eventType() {
        return CaseRegistered.class;
    }

    @Override
    public void handle(EventContext context, CaseRegistered event) {
        tenantTx.update("""
                insert into known_cases (case_id, tenant, alias, case_type, registered_at) values (?::uuid, ?, ?, ?, ?)
                on conflict (case_id) do nothing""",
                event.getCaseId(), context.tenant(), event.getAlias(), event.getCaseType(), context.occurredAt());
    }

    public List<String> aliases(String tenant) {
        return tenantTx.read(tenant, () -> tenantTx.query("select alias from known_cases order by registered_at",
                rs -> rs.getString(1)));
    }
}
