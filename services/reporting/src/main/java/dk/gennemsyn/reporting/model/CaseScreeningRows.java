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
public interface CaseScreeningRows extends GenericRepository<CaseScreeningRow, UUID> {

    @Introspected
    record Counts(UUID caseId, int met, int notMet, int unknown) {
    }

    /**
     * Per case of the review, its rules met, not met and unknown. Counted by PostgreSQL from the jsonb: parsing every
     * rule result of every case in Java cost more than the rest of the overview.
     */
    @Query("""
            select s.case_id, count(*) filter (where e->>'result' = 'met') as met,
                   count(*) filter (where e->>'result' = 'not_met') as not_met,
                   count(*) filter (where e->>'result' = 'unknown') as unknown
            from case_screenings s join review_cases c on c.case_id = s.case_id
                 cross join lateral jsonb_array_elements(s.results) e
            where c.review_id = :reviewId group by s.case_id""")
    List<Counts> countsOfReview(UUID reviewId);
}
