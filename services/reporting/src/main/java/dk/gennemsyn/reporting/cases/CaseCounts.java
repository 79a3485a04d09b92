package dk.gennemsyn.reporting.cases;

import dk.gennemsyn.platform.db.TenantTx;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.List;

/** The registered-cases read model. The inbox makes each event count once. */
@Singleton
public class CaseCounts {

    @Serdeable
    public record Count(String caseType, long cases) {
    }

    private final TenantTx tenantTx;

    CaseCounts(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    /** Inside the handler's transaction. */
    void increment(String tenant, String caseType) {
        tenantTx.update("""
                insert into case_counts (tenant, case_type, cases) values (?, ?, 1)
                on conflict (tenant, case_type) do update set cases = case_counts.cases + 1""", tenant, caseType);
    }

    public List<Count> forTenant(String tenant) {
        return tenantTx.read(tenant, () -> tenantTx.query("select case_type, cases from case_counts order by case_type",
                rs -> new Count(rs.getString(1), rs.getLong(2))));
    }
}
