package dk.gennemsyn.reporting.model;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CaseScreeningRows extends GenericRepository<CaseScreeningRow, UUID> {

    @Introspected
    record Counts(UUID caseId, int met, int notMet, int unknown) {
    }

    /**
     * Each case's rules met, not met and unknown: counted once as each screening is stored (generated columns, V12).
     * Parsing every rule result in Java, and later counting them from the jsonb on every request, each cost more than
     * the rest of the overview.
     */
    @Query("select case_id, met, not_met, unknown from case_screenings where case_id in (:caseIds)")
    List<Counts> countsOf(Collection<UUID> caseIds);
}
