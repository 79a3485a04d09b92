package dk.gennemsyn.assessment.assessments;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What makes a case's assessment final: moderations of disagreements, validations, and the review's lock once all are
 * validated (the moderation and lock tables are keyed by review and case, no id of their own).
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ValidationRows extends CrudRepository<ValidationRow, Long> {

    /** A moderator's final answer to one question. */
    @Introspected
    record Moderation(String questionId, String answer) {
    }

    /** A review (by title). */
    @Introspected
    record ReviewTitle(UUID reviewId, String title) {
    }

    /** The case's newest validation, the one that counts. */
    @Query("select * from validations where review_id = :reviewId and case_id = :caseId order by id desc limit 1")
    Optional<ValidationRow> latest(UUID reviewId, UUID caseId);

    @Query("""
            insert into validations (tenant, review_id, case_id, verdict, comment, validator)
            values (:tenant, :reviewId, :caseId, :verdict, :comment, :validator)""")
    long validate(String tenant, UUID reviewId, UUID caseId, String verdict, String comment, String validator);

    /** Sets (or replaces) the final answer to a question the two reviews disagree on. */
    @Query("""
            insert into moderations (tenant, review_id, case_id, question_id, answer, reason, moderator)
            values (:tenant, :reviewId, :caseId, :questionId, :answer, :reason, :moderator)
            on conflict (review_id, case_id, question_id) do update set answer = excluded.answer,
                reason = excluded.reason, moderator = excluded.moderator, moderated_at = now()""")
    long moderate(String tenant, UUID reviewId, UUID caseId, String questionId, String answer, String reason,
                  String moderator);

    @Query("select question_id, answer from moderations where review_id = :reviewId and case_id = :caseId")
    List<Moderation> moderations(UUID reviewId, UUID caseId);

    /** 1 when the review is validated and locked, else 0. */
    @Query("select count(*) from review_locks where review_id = :reviewId")
    long locks(UUID reviewId);

    @Query("insert into review_locks (tenant, review_id) values (:tenant, :reviewId)")
    long lock(String tenant, UUID reviewId);

    /** Reviews with assignments that are not locked yet, by title. */
    @Query("""
            select r.review_id, r.title from reviews r where exists (select 1 from assignments a
            where a.review_id = r.review_id) and not exists (select 1 from review_locks l where l.review_id = r.review_id)
            order by r.title""")
    List<ReviewTitle> openReviewsWithAssignments();
}
