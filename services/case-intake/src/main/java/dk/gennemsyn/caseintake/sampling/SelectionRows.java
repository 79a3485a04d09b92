package dk.gennemsyn.caseintake.sampling;

import dk.gennemsyn.caseintake.sampling.Samplings.Selected;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A review's selected cases (review_cases, keyed by review and case), read as {@link Selected}.
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface SelectionRows extends GenericRepository<SelectionRows.SelectionRow, UUID> {

    /** The repository's entity; selections are written and read by the statements below. */
    @MappedEntity("review_cases")
    @Introspected
    record SelectionRow(@Id UUID caseId, UUID reviewId, String selection) {
    }

    String SELECTED = """
            select rc.case_id, 'Sag ' || c.alias_no as alias, c.case_type, rc.selection, rc.screening, rc.deep_review,
                   rc.second_review, rc.forklaede, rc.selected_at, rc.selected_by, rc.version
            from review_cases rc join cases c on c.id = rc.case_id""";

    /** The review's selected cases by alias. */
    @Query(value = SELECTED + " where rc.review_id = :reviewId order by c.alias_no",
            countQuery = "select count(*) from review_cases where review_id = :reviewId")
    Page<Selected> page(UUID reviewId, Pageable pageable);

    @Query(SELECTED + " where rc.review_id = :reviewId and rc.case_id = :caseId")
    Optional<Selected> selected(UUID reviewId, UUID caseId);

    @Query("select exists (select 1 from review_cases where review_id = :reviewId and case_id = :caseId)")
    boolean isSelected(UUID reviewId, UUID caseId);

    @Query("select exists (select 1 from cases where id = :caseId)")
    boolean caseExists(UUID caseId);

    /** A case of the screening sample ('random' or 'stratified'). */
    @Query("""
            insert into review_cases (tenant, review_id, case_id, selection, sampling_id, selected_at, selected_by)
            values (:tenant, :reviewId, :caseId, :selection, :samplingId, :at, :by)""")
    long drawn(String tenant, UUID reviewId, UUID caseId, String selection, UUID samplingId, Instant at, String by);

    /** A case chosen by hand, with its forklæde. */
    @Query("""
            insert into review_cases (tenant, review_id, case_id, selection, deep_review, second_review, forklaede,
                                      selected_at, selected_by)
            values (:tenant, :reviewId, :caseId, 'purposive', :deepReview, :secondReview, :forklaede, :at, :by)""")
    long chosen(String tenant, UUID reviewId, UUID caseId, boolean deepReview, boolean secondReview, String forklaede,
                Instant at, String by);

    @Query("""
            update review_cases set deep_review = true, version = version + 1
            where review_id = :reviewId and case_id = :caseId""")
    long toDeepReview(UUID reviewId, UUID caseId);

    @Query("""
            update review_cases set second_review = true, version = version + 1
            where review_id = :reviewId and case_id = :caseId""")
    long toSecondReview(UUID reviewId, UUID caseId);

    @Query("""
            update review_cases set forklaede = :forklaede, version = version + 1
            where review_id = :reviewId and case_id = :caseId""")
    long changeForklaede(UUID reviewId, UUID caseId, String forklaede);

    /** The cases' aliases ("Sag 7") in number order; one array parameter, however large the sample. */
    @Query("select 'Sag ' || alias_no from cases where id = any(cast(:ids as uuid[])) order by alias_no")
    List<String> aliases(String[] ids);
}
