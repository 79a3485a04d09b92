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
public interface CaseModerationRows extends GenericRepository<CaseModerationRow, CaseModerationRow.Key> {

    @Introspected
    record Moderated(UUID caseId, String questionId, String answer) {
    }

    @Query("""
            insert into case_moderations (tenant, review_id, case_id, question_id, answer)
            values (:tenant, :reviewId, :caseId, :questionId, :answer)
            on conflict (review_id, case_id, question_id) do update set answer = excluded.answer""")
    long moderate(String tenant, UUID reviewId, UUID caseId, String questionId, String answer);

    @Query("select case_id, question_id, answer from case_moderations where review_id = :reviewId and case_id in (:caseIds)")
    List<Moderated> ofCases(UUID reviewId, Collection<UUID> caseIds);
}
