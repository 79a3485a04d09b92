package dk.gennemsyn.assessment.cases;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.proto.caseintake.v1.CaseRegistered;
import jakarta.inject.Singleton;

import java.util.List;

/** Assessment's copy of registered cases (no call across databases). */
@Singleton
public class KnownCases {

    private final TenantTx tenantTx;

    KnownCases(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    /** Inside the handler's transaction; a case already known is left as it is. */
    void record(EventContext context, CaseRegistered event) {
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
