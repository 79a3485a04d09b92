package dk.gennemsyn.reporting.model;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CaseAssessmentRows extends GenericRepository<CaseAssessmentRow, CaseAssessmentRow.Key> {

    /** A round's answers (JSON text) with the case's alias and yearly cost. */
    @Introspected
    record Answers(UUID caseId, int round, String answers, String alias, long yearlyCostKr) {
    }

    /** The round submitted; a resubmission replaces it unless it is older than the one kept. */
    @Query("""
            insert into case_assessments (tenant, review_id, case_id, round, alias, reviewer, instrument_id, answers,
                yearly_cost_kr, submitted_at)
            values (:tenant, :reviewId, :caseId, :round, :alias, :reviewer, :instrumentId,
                cast(:answers as jsonb), :yearlyCostKr, :submittedAt)
            on conflict (review_id, case_id, round) do update set answers = excluded.answers,
                yearly_cost_kr = excluded.yearly_cost_kr, submitted_at = excluded.submitted_at
            where case_assessments.submitted_at <= excluded.submitted_at""")
    long submit(String tenant, UUID reviewId, UUID caseId, int round, String alias, String reviewer, UUID instrumentId,
                String answers, long yearlyCostKr, Instant submittedAt);

    @Query("""
            select case_id, round, cast(answers as text) as answers, alias, yearly_cost_kr from case_assessments
            where review_id = :reviewId""")
    List<Answers> answers(UUID reviewId);

    /** As {@link #answers}, of the given cases only. */
    @Query("""
            select case_id, round, cast(answers as text) as answers, alias, yearly_cost_kr from case_assessments
            where review_id = :reviewId and case_id in (:caseIds)""")
    List<Answers> answersOf(UUID reviewId, Collection<UUID> caseIds);

    /** As {@link #answers}, by alias ("Sag 9" before "Sag 10") and round. */
    @Query("""
            select case_id, round, cast(answers as text) as answers, alias, yearly_cost_kr from case_assessments
            where review_id = :reviewId order by length(alias), alias, round""")
    List<Answers> answersByAlias(UUID reviewId);

    /** The instrument some assessment of the review used. */
    @Query("select cast(instrument_id as text) from case_assessments where review_id = :reviewId limit 1")
    Optional<String> someInstrument(UUID reviewId);

    /** The question ids answered in the review, in order. */
    @Query("select distinct jsonb_object_keys(answers) from case_assessments where review_id = :reviewId order by 1")
    List<String> answeredQuestions(UUID reviewId);
}
