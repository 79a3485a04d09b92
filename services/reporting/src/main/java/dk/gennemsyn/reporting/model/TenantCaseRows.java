package dk.gennemsyn.reporting.model;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

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

    @Query("select case_type, count(*) as cases from tenant_cases group by case_type order by case_type")
    List<PerType> perType();

    @Query("select count(*) as cases, count(*) filter (where open) as open_cases from tenant_cases")
    Totals totals();
}
