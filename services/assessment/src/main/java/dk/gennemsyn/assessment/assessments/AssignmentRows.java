package dk.gennemsyn.assessment.assessments;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Assignments and their history (who changed what, when; rows are only added).
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AssignmentRows extends CrudRepository<AssignmentRow, UUID> {

    /** The assignment's reviewer ({@code :user}) is a member of its review whose access is active at {@code :now}. */
    String ACTIVE = """
            exists (select 1 from review_people p where p.review_id = a.review_id and p.user_id = :user and not p.revoked
            and (p.access_from is null or p.access_from <= :now) and (p.access_to is null or p.access_to > :now))""";

    /** One change to a case's assessment, with the actor's name as the review knows it. */
    @Introspected
    record HistoryLine(Instant occurredAt, String actor, String actorName, String action, int round, String detail,
                       String answers) {
    }

    /** A case's rounds in the review, first round first. */
    @Query("select * from assignments where review_id = :reviewId and case_id = :caseId order by round")
    List<AssignmentRow> rounds(UUID reviewId, UUID caseId);

    List<AssignmentRow> findByReviewId(UUID reviewId);

    /** A review's assignments by alias ("Sag 2" before "Sag 10"), then round. */
    @Query("select * from assignments where review_id = :reviewId order by length(alias), alias, round")
    List<AssignmentRow> ofReview(UUID reviewId);

    /** A review's first rounds (one per case) by alias. */
    @Query("select * from assignments where review_id = :reviewId and round = 1 order by length(alias), alias")
    List<AssignmentRow> firstRounds(UUID reviewId);

    @Query("select * from assignments where review_id = :reviewId and status = 'submitted' order by case_id, round")
    List<AssignmentRow> submitted(UUID reviewId);

    /**
     * A page of the user's own assignments in reviews where their access is active: open ones first, then by alias
     * (round and id only make the order total, so no row shows on two pages).
     */
    @Query(value = "select a.* from assignments a where a.reviewer = :user and " + ACTIVE
            + " order by a.status = 'submitted', length(a.alias), a.alias, a.round, a.id",
            countQuery = "select count(*) from assignments a where a.reviewer = :user and " + ACTIVE)
    io.micronaut.data.model.Page<AssignmentRow> mine(String user, Instant now, io.micronaut.data.model.Pageable pageable);

    /** 1 when the user is an active member of the assignment's review, else 0. */
    @Query("select count(*) from assignments a where a.id = :id and " + ACTIVE)
    long activeMember(UUID id, String user, Instant now);

    @Query("""
            insert into assignments (id, tenant, review_id, case_id, alias, reviewer, reviewer_name, round, instrument_id,
                                     status, assigned_by)
            values (:id, :tenant, :reviewId, :caseId, :alias, :reviewer, :reviewerName, :round, :instrumentId, 'assigned',
                    :assignedBy)""")
    long assign(UUID id, String tenant, UUID reviewId, UUID caseId, String alias, String reviewer, String reviewerName,
                int round, UUID instrumentId, String assignedBy);

    @Query("""
            update assignments set reviewer = :reviewer, reviewer_name = :reviewerName, lock_version = lock_version + 1
            where id = :id""")
    long reassign(UUID id, String reviewer, String reviewerName);

    /** Saves a draft from the version the reviewer saw; 0 when that is not the current one (stale). */
    @Query("""
            update assignments set answers = cast(:answers as jsonb), status = 'draft', saved_at = now(),
                lock_version = lock_version + 1 where id = :id and lock_version = :lockVersion""")
    long saveDraft(UUID id, long lockVersion, String answers);

    /** Submits the version the reviewer saw; 0 when stale. */
    @Query("""
            update assignments set status = 'submitted', submitted_at = now(), lock_version = lock_version + 1
            where id = :id and lock_version = :lockVersion""")
    long submit(UUID id, long lockVersion);

    /** Back to a draft for its reviewer (a validator disagreed); the first submission time stays. */
    @Query("update assignments set status = 'draft', lock_version = lock_version + 1 where id = :id")
    long reopen(UUID id);

    @Query("""
            insert into assessment_history (tenant, assignment_id, actor, action, answers, detail)
            values (:tenant, :assignmentId, :actor, :action, cast(:answers as jsonb), :detail)""")
    long addHistory(String tenant, UUID assignmentId, String actor, String action, String answers, String detail);

    /** Every change to the case's assessment in the review, oldest first; {@code onlyOwn}: the user's own round only. */
    @Query("""
            select h.occurred_at, h.actor, coalesce((select min(p.name) from review_people p
                       where p.review_id = a.review_id and p.user_id = h.actor), h.actor) as actor_name,
                   h.action, a.round, h.detail, h.answers
            from assessment_history h join assignments a on a.id = h.assignment_id
            where a.review_id = :reviewId and a.case_id = :caseId and (not :onlyOwn or a.reviewer = :user) order by h.id""")
    List<HistoryLine> history(UUID reviewId, UUID caseId, boolean onlyOwn, String user);
}
