package dk.gennemsyn.reporting.cases;

import dk.gennemsyn.platform.db.TenantTx;
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

    CaseCounts(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    public List<Count> forTenant(String tenant) {
        return tenantTx.read(tenant, () -> tenantTx.query(
                "select case_type, count(*) from tenant_cases group by case_type order by case_type",
                rs -> new Count(rs.getString(1), rs.getLong(2))));
    }
}
