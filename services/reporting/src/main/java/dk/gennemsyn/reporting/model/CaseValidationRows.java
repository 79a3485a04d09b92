package dk.gennemsyn.reporting.model;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CaseValidationRows extends GenericRepository<CaseValidationRow, CaseKey> {

    /** {@code finalAnswers}: JSON text. */
    @Introspected
    record Validation(UUID caseId, String verdict, String finalAnswers) {
    }

    @Query("""
            insert into case_validations (tenant, review_id, case_id, verdict, final_answers, validated_at)
            values (:tenant, :reviewId, :caseId, :verdict, cast(:finalAnswers as jsonb), :validatedAt)
            on conflict (review_id, case_id) do update set verdict = excluded.verdict,
                final_answers = excluded.final_answers, validated_at = excluded.validated_at
            where case_validations.validated_at <= excluded.validated_at""")
    long validate(String tenant, UUID reviewId, UUID caseId, String verdict, String finalAnswers, Instant validatedAt);

    @Query("""
            select case_id, verdict, cast(final_answers as text) as final_answers from case_validations
            where review_id = :reviewId and case_id in (:caseIds)""")
    List<Validation> ofCases(UUID reviewId, Collection<UUID> caseIds);
}
