package dk.gennemsyn.assessment.cases;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

/**
 * Known cases and the reviews' selections of them (the selection table's key is review and case, no id of its own).
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface KnownCaseRows extends CrudRepository<KnownCaseRow, UUID> {

    @Introspected
    record Alias(String alias) {
    }

    @Query("select alias from known_cases order by registered_at")
    List<Alias> aliasesByRegistration();

    /**
     * The yearly cost of the case's measures still running (started, and not ended on or after that day), from the
     * timeline copy.
     */
    @Query("""
            select coalesce(sum((e->>'yearlyCostKr')::bigint), 0) from known_cases k, jsonb_array_elements(k.timeline) e
            where k.case_id = :caseId and e->>'kind' = 'foranstaltning_startet'
            and not exists (select 1 from jsonb_array_elements(k.timeline) x where x->>'kind' = 'foranstaltning_afsluttet'
                and x->>'measureName' = e->>'measureName' and x->>'date' >= e->>'date')""")
    long runningMeasuresCost(UUID caseId);

    /** Adds or replaces a selection; nothing when the stored version is the same or newer. */
    @Query("""
            insert into review_selections (tenant, review_id, case_id, alias, selection, screening, deep_review,
                                           second_review, forklaede, version)
            values (:tenant, :reviewId, :caseId, :alias, :selection, :screening, :deepReview, :secondReview, :forklaede,
                    :version)
            on conflict (review_id, case_id) do update set selection = excluded.selection,
                screening = excluded.screening, deep_review = excluded.deep_review,
                second_review = excluded.second_review, forklaede = excluded.forklaede, version = excluded.version
            where review_selections.version < excluded.version""")
    long selectNewer(String tenant, UUID reviewId, UUID caseId, String alias, String selection, boolean screening,
                     boolean deepReview, boolean secondReview, String forklaede, long version);

    @Query("delete from review_selections where review_id = :reviewId")
    long removeSelections(UUID reviewId);

    /** A review's selected cases by alias ("Sag 2" before "Sag 10"). */
    @Query("""
            select case_id, alias, deep_review, second_review, forklaede from review_selections
            where review_id = :reviewId order by length(alias), alias""")
    List<KnownCases.Selection> selections(UUID reviewId);

    /** A review's selected cases in plain alias order (as the tests' view has always listed them). */
    @Query("""
            select case_id, alias, deep_review, second_review, forklaede from review_selections
            where review_id = :reviewId order by alias""")
    List<KnownCases.Selection> selectionsByAlias(UUID reviewId);

    @Query("select case_id, alias, deep_review, second_review, forklaede from review_selections"
            + " where review_id = :reviewId and case_id = :caseId")
    List<KnownCases.Selection> selection(UUID reviewId, UUID caseId);
}
