package dk.gennemsyn.recommendations.recs;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Recommendations with what they rest on (recommendation_evidence) and the decisions on them (decisions).
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RecommendationRows extends CrudRepository<RecommendationRow, UUID> {

    /** One finding a recommendation rests on. */
    @Introspected
    record EvidenceLine(UUID recommendationId, @Nullable UUID findingId, @Nullable UUID caseId, String alias, String label) {
    }

    /** One decision on a recommendation. */
    @Introspected
    record DecisionLine(UUID recommendationId, String decision, String reason, @Nullable LocalDate meetingDate,
                        String decidedBy, Instant decidedAt) {
    }

    /** The review's recommendations in code order (A2 before A10). */
    @Query("select * from recommendations where review_id = :reviewId order by length(code), code")
    List<RecommendationRow> inOrder(UUID reviewId);

    /** One page of the review's recommendations in code order, and how many there are in all. */
    @Query(value = "select * from recommendations where review_id = :reviewId order by length(code), code",
            countQuery = "select count(*) from recommendations where review_id = :reviewId")
    Page<RecommendationRow> page(UUID reviewId, Pageable pageable);

    boolean existsByIdAndReviewId(UUID id, UUID reviewId);

    /**
     * The highest number in the review's codes ("A7" → 7); call under the review's code lock. Codes are "A" and a number
     * without leading zeros, so the last in code order has the highest: one step along the code-order index (V8).
     */
    @Query("""
            select coalesce((select cast(substring(code from 2) as int) from recommendations where review_id = :reviewId
                             order by length(code) desc, code desc limit 1), 0)""")
    int lastCodeNumber(UUID reviewId);

    /** Changes the version the change was made from; 0 when that is not the current one (stale). */
    @Query("""
            update recommendations set title = :title, body = :body, theme = :theme, version = version + 1
            where id = :id and version = :version""")
    long change(UUID id, long version, String title, String body, String theme);

    @Query("""
            select recommendation_id, finding_id, case_id, alias, label from recommendation_evidence
            where recommendation_id in (:ids) order by alias, label""")
    List<EvidenceLine> evidence(Collection<UUID> ids);

    @Query("delete from recommendation_evidence where recommendation_id = :id")
    long clearEvidence(UUID id);

    /** Adds a finding of the review as evidence, with its alias and label; 0 when it is not the review's. */
    @Query("""
            insert into recommendation_evidence (tenant, recommendation_id, finding_id, case_id, alias, label)
            select :tenant, :id, finding_id, case_id, alias, alias || ': ' || category from findings
            where finding_id = :finding and review_id = :reviewId""")
    long addEvidence(String tenant, UUID id, UUID finding, UUID reviewId);

    @Query("""
            select recommendation_id, decision, reason, meeting_date, decided_by, decided_at from decisions
            where recommendation_id in (:ids) order by decided_at, id""")
    List<DecisionLine> decisions(Collection<UUID> ids);

    /** A decision; {@code decided_at} is the transaction's time (the column's default). */
    @Query("""
            insert into decisions (id, tenant, recommendation_id, decision, reason, meeting_date, decided_by)
            values (:id, :tenant, :recommendationId, :decision, :reason, :meetingDate, :decidedBy)""")
    long decide(UUID id, String tenant, UUID recommendationId, String decision, String reason,
                @Nullable LocalDate meetingDate, String decidedBy);

    @Query("select review_id from findings where finding_id = :finding")
    Optional<UUID> reviewOfFinding(UUID finding);

    @Query("""
            select finding_id, case_id, alias, category, severity from findings where review_id = :reviewId
            order by alias, category""")
    List<Recommendations.Finding> findings(UUID reviewId);
}
