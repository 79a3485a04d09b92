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

    @Introspected
    record Listed(UUID caseId, String alias, String caseType, long total) {
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

    /**
     * The cases of a review's overview: its deep-review selection, then any other case assessed (its type unknown
     * here).
     */
    String REVIEWED = """
            select case_id, alias, case_type from review_cases where review_id = :reviewId and deep_review
            union all
            select a.case_id, min(a.alias), '' from case_assessments a where a.review_id = :reviewId and not exists
                (select 1 from review_cases c where c.review_id = a.review_id and c.case_id = a.case_id and c.deep_review)
            group by a.case_id""";

    /**
     * The alias's first number, so that "Sag 9" comes before "Sag 10". The pages then order by the alias in code-point
     * order (as the overview's sort in Java does) and, for equal aliases, by the id.
     */
    String BY_ALIAS = "coalesce(cast(substring(alias from '[0-9]+') as numeric), cast('Infinity' as numeric))";

    @Query(REVIEWED)
    List<Selected> reviewed(UUID reviewId);

    @Query("select count(*) from (" + REVIEWED + ") c")
    long countReviewed(UUID reviewId);

    /** A page of {@link #REVIEWED} by alias, each row with the number of them all (none past the last page). */
    @Query("select case_id, alias, case_type, count(*) over () as total from (" + REVIEWED + ") c order by " + BY_ALIAS
            + ", alias collate \"C\", case_id limit :size offset :offset")
    List<Listed> pageByAlias(UUID reviewId, int size, long offset);

    /** As {@link #pageByAlias}, the other way round. */
    @Query("select case_id, alias, case_type, count(*) over () as total from (" + REVIEWED + ") c order by " + BY_ALIAS
            + " desc, alias collate \"C\" desc, case_id desc limit :size offset :offset")
    List<Listed> pageByAliasDescending(UUID reviewId, int size, long offset);
}
