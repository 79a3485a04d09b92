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
public interface ReviewCaseRows extends GenericRepository<ReviewCaseRow, CaseKey> {

    @Introspected
    record Selected(UUID caseId, String alias, String caseType) {
    }

    /** The case in the review's selection; an older version than the one kept changes nothing. */
    @Query("""
            insert into review_cases (tenant, review_id, case_id, alias, case_type, deep_review, second_review, version)
            values (:tenant, :reviewId, :caseId, :alias, :caseType, :deepReview, :secondReview, :version)
            on conflict (review_id, case_id) do update set alias = excluded.alias, case_type = excluded.case_type,
                deep_review = excluded.deep_review, second_review = excluded.second_review, version = excluded.version
            where review_cases.version < excluded.version""")
    long select(String tenant, UUID reviewId, UUID caseId, String alias, String caseType, boolean deepReview,
                boolean secondReview, long version);

    @Query("select case_id, alias, case_type from review_cases where review_id = :reviewId and deep_review")
    List<Selected> deepReview(UUID reviewId);
}
