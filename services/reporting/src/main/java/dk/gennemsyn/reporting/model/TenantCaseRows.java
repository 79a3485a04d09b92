package dk.gennemsyn.reporting.model;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TenantCaseRows extends GenericRepository<TenantCaseRow, UUID> {

    @Introspected
    record PerType(String caseType, long cases) {
    }

    @Introspected
    record Totals(long cases, long openCases) {
    }

    /** The case's newest version; 0 when an older one arrives late. */
    @Query("""
            insert into tenant_cases (case_id, tenant, case_type, caseworker, open, yearly_cost_kr, version, team, opened_on)
            values (:caseId, :tenant, :caseType, :caseworker, :open, :yearlyCostKr, :version, :team, :openedOn)
            on conflict (case_id) do update set case_type = excluded.case_type, caseworker = excluded.caseworker,
                open = excluded.open, yearly_cost_kr = excluded.yearly_cost_kr, version = excluded.version,
                team = excluded.team, opened_on = excluded.opened_on
            where tenant_cases.version < excluded.version""")
    long update(UUID caseId, String tenant, String caseType, String caseworker, boolean open, long yearlyCostKr,
                long version, String team, @Nullable LocalDate openedOn);

    @Query("select case_type, count(*) as cases from tenant_cases group by case_type order by case_type")
    List<PerType> perType();

    @Query("select count(*) as cases, count(*) filter (where open) as open_cases from tenant_cases")
    Totals totals();
}
