package dk.gennemsyn.reporting.cases;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.reporting.model.TenantCaseRows;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The tenant's cases per case type, counted from the read model that CaseUpdated keeps ({@code tenant_cases}, one
 * row per case, newest version): a repeated event changes nothing, a changed case type moves the case, an erased
 * case no longer counts.
 */
@Singleton
public class CaseCounts {

    @Serdeable
    public record Count(String caseType, long cases) {
    }

    private final TenantTx tenantTx;
    private final TenantCaseRows cases;

    CaseCounts(TenantTx tenantTx, TenantCaseRows cases) {
        this.tenantTx = tenantTx;
        this.cases = cases;
    }

    public List<Count> forTenant(String tenant) {
        return tenantTx.read(tenant, () -> cases.perType().stream().map(c -> new Count(c.caseType(), c.cases())).toList());
    }
}
