package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BlindCases extends GenericRepository<BlindCaseRow, CaseKey> {

    /**
     * The second review assigned; {@code reviewersJson}: the user ids as a JSON array (the column is a text[]; a
     * parameter named like the property would be bound as a varchar[]).
     */
    @Query("""
            insert into blind_cases (tenant, review_id, case_id, reviewers, completed)
            values (:tenant, :reviewId, :caseId, array(select jsonb_array_elements_text(cast(:reviewersJson as jsonb))), false)
            on conflict (review_id, case_id) do update set reviewers = excluded.reviewers""")
    long assign(String tenant, UUID reviewId, UUID caseId, String reviewersJson);

    /** Both rounds are in; kept even when it arrives before the assignment. */
    @Query("""
            insert into blind_cases (tenant, review_id, case_id, reviewers, completed)
            values (:tenant, :reviewId, :caseId, '{}', true)
            on conflict (review_id, case_id) do update set completed = true""")
    long complete(String tenant, UUID reviewId, UUID caseId);

    /** The review's cases still blind for the user. */
    @Query("select case_id from blind_cases where review_id = :reviewId and not completed and :userId = any(reviewers)")
    List<UUID> blindFor(UUID reviewId, String userId);
}
