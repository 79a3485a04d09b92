package dk.gennemsyn.reporting.recommendations;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Runs in the consumer's tenant transaction: row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RecommendationFindings extends CrudRepository<RecommendationFinding, UUID> {

    /** A recommendation of the review resting on a finding of the case, with its standing decision (null: none). */
    @Introspected
    record CaseRecommendation(UUID caseId, String code, @Nullable String decision) {
    }

    void deleteByRecommendationId(UUID recommendationId);

    /** Per case of the review (of those given), the recommendations resting on its findings, in code order (A2 before A10). */
    @Query("""
            select distinct f.case_id, r.code, r.decision, length(r.code) as code_length from recommendation_findings rf
            join recommendation_copies r on r.id = rf.recommendation_id
            join case_findings f on f.finding_id = rf.finding_id
            where r.review_id = :reviewId and f.case_id in (:caseIds) order by length(r.code), r.code""")
    List<CaseRecommendation> perCase(UUID reviewId, Collection<UUID> caseIds);

    /** The review's links to findings (case-level: erased with the review's case data). */
    @Query("""
            delete from recommendation_findings where recommendation_id in
                (select id from recommendation_copies where review_id = :reviewId)""")
    long deleteOfReview(UUID reviewId);
}
