package dk.gennemsyn.caseintake.reviews;

import dk.gennemsyn.caseintake.reviews.ReviewRecords.StateChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReviewRows extends CrudRepository<ReviewRow, UUID> {

    /** The tenant's reviews, newest first (staff and the steering group see them all). */
    @Query(value = "select * from reviews order by created_at desc", countQuery = "select count(*) from reviews")
    Page<ReviewRow> page(Pageable pageable);

    /** The reviews the user is an active member of now (see Membership), newest first. */
    @Query(value = "select r.* from reviews r where " + Membership.ACTIVE_MEMBER + " order by r.created_at desc",
            countQuery = "select count(*) from reviews r where " + Membership.ACTIVE_MEMBER)
    Page<ReviewRow> pageOfMember(String userId, Instant now, Pageable pageable);

    /** The review, locked until the transaction ends (its state changes). */
    @Query("select * from reviews where id = :id for update")
    Optional<ReviewRow> lock(UUID id);

    /** Changes the version the change was made from; 0 when that is not the current one (stale). */
    @Query("""
            update reviews set title = :title, commission = :commission, purpose = :purpose, focus_points = :focusPoints,
                period_from = :periodFrom, period_to = :periodTo, reviewer_orgs = :reviewerOrgs,
                instrument_id = :instrumentId, retention_until = :retentionUntil, version = version + 1
            where id = :id and version = :version""")
    long change(UUID id, long version, String title, String commission, String purpose, String focusPoints,
                @Nullable LocalDate periodFrom, @Nullable LocalDate periodTo, String[] reviewerOrgs, String instrumentId,
                @Nullable LocalDate retentionUntil);

    @Query("update reviews set state = :state, closed_at = :closedAt, version = version + 1 where id = :id")
    long moveTo(UUID id, String state, @Nullable Instant closedAt);

    /** A new version of the review (its people or milestones changed). */
    @Query("update reviews set version = version + 1 where id = :id")
    long bump(UUID id);

    @Query("""
            insert into review_state_log (tenant, review_id, from_state, to_state, changed_at, changed_by)
            values (:tenant, :reviewId, :fromState, :toState, :changedAt, :changedBy)""")
    long logState(String tenant, UUID reviewId, String fromState, String toState, Instant changedAt, String changedBy);

    @Query("""
            select from_state, to_state, changed_at, changed_by from review_state_log
            where review_id = :reviewId order by id""")
    List<StateChange> stateLog(UUID reviewId);

    // ---- erasure ----

    @Query("select case_id from review_cases where review_id = :reviewId")
    List<UUID> selectedCases(UUID reviewId);

    /** The review's cases that no other review, not yet erased, still holds. */
    @Query("""
            select rc.case_id from review_cases rc where rc.review_id = :reviewId
            and not exists (select 1 from review_cases o join reviews r2 on r2.id = o.review_id
                            where o.case_id = rc.case_id and o.review_id <> rc.review_id and r2.erased_at is null)""")
    List<UUID> casesHeldByNoOther(UUID reviewId);

    @Query("delete from review_cases where review_id = :reviewId")
    long deselectAll(UUID reviewId);

    /** The sampling protocols keep their frame and method, not the case lists. */
    @Query("update samplings set result = cast('{\"erased\": true}' as jsonb) where review_id = :reviewId")
    long eraseSampleLists(UUID reviewId);

    /**
     * Locks the municipality's case count (V6). An import takes it in its insert and then updates cases, so an
     * erasure takes it before deleting any case: in the same order, the two cannot deadlock.
     */
    @Query("select count(*) from (select 1 from case_counts for update) k")
    long lockCaseCount();

    /** The case with its timeline (cascade). */
    @Query("delete from cases where id = :caseId")
    long deleteCase(UUID caseId);

    @Query("update reviews set erased_at = :at, version = version + 1 where id = :id")
    long markErased(UUID id, Instant at);
}
