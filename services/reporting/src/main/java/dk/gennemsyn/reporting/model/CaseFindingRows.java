package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CaseFindingRows extends GenericRepository<CaseFindingRow, UUID> {

    /** Leaves out a finding whose case the user reviews while its second review is still blind. */
    String NOT_BLIND = """
            not exists (select 1 from blind_cases b where b.review_id = f.review_id and b.case_id = f.case_id
                        and not b.completed and :userId = any(b.reviewers))""";

    /** The finding recorded, or its new assessment (the case and review stay). */
    @Query("""
            insert into case_findings (finding_id, tenant, review_id, case_id, alias, category, severity, urgent,
                budget_relevant, expected_yearly_kr, text)
            values (:findingId, :tenant, :reviewId, :caseId, :alias, :category, :severity, :urgent, :budgetRelevant,
                :expectedYearlyKr, :text)
            on conflict (finding_id) do update set category = excluded.category, severity = excluded.severity,
                urgent = excluded.urgent, budget_relevant = excluded.budget_relevant,
                expected_yearly_kr = excluded.expected_yearly_kr, text = excluded.text""")
    long record(UUID findingId, String tenant, UUID reviewId, UUID caseId, String alias, String category,
                String severity, boolean urgent, boolean budgetRelevant, long expectedYearlyKr, String text);

    List<CaseFindingRow> findByReviewId(UUID reviewId);

    @Query("select * from case_findings where review_id = :reviewId and case_id in (:caseIds)")
    List<CaseFindingRow> ofCases(UUID reviewId, Collection<UUID> caseIds);

    /** The review's budget-relevant findings the user may see, the largest expected amount first. */
    @Query("select * from case_findings f where review_id = :reviewId and budget_relevant and " + NOT_BLIND
            + " order by expected_yearly_kr desc, alias")
    List<CaseFindingRow> budgetRelevant(UUID reviewId, String userId);
}
