package dk.gennemsyn.assessment.assessments;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Findings and what the municipality did about each (the handling trail: rows are only added).
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface FindingRows extends CrudRepository<FindingRow, UUID> {

    /** A line of a list of findings; {@code handling}: the furthest step taken, null when none. */
    @Introspected
    record Listed(UUID id, String alias, String category, String severity, boolean urgent, Instant createdAt,
                  UUID caseId, String createdBy, @Nullable String handling, UUID reviewId) {
    }

    /** One step of the handling trail. */
    @Introspected
    record Handled(String action, String note, String actorName, Instant at) {
    }

    String LISTED = """
            select f.id, a.alias, f.category, f.severity, f.urgent, f.created_at, f.case_id, f.created_by,
                   (select max(h.action) from finding_handling h where h.finding_id = f.id) as handling, f.review_id
            from findings f join assignments a on a.id = f.assignment_id""";

    String URGENT_FIRST = " order by f.urgent desc, f.created_at desc";

    @Query("select * from findings where assignment_id = :assignmentId order by created_at")
    List<FindingRow> ofAssignment(UUID assignmentId);

    /** Every round's findings on a case. */
    @Query("select * from findings where review_id = :reviewId and case_id = :caseId order by created_at")
    List<FindingRow> ofCase(UUID reviewId, UUID caseId);

    @Query("""
            insert into findings (id, tenant, assignment_id, review_id, case_id, category, severity, text, urgent,
                                  budget_relevant, expected_yearly_kr, created_by)
            values (:id, :tenant, :assignmentId, :reviewId, :caseId, :category, :severity, :text, :urgent,
                    :budgetRelevant, :expectedYearlyKr, :createdBy)""")
    long add(UUID id, String tenant, UUID assignmentId, UUID reviewId, UUID caseId, String category,
                String severity, String text, boolean urgent, boolean budgetRelevant, @Nullable Long expectedYearlyKr,
                String createdBy);

    /** A review's findings, urgent first, newest first. */
    @Query(LISTED + " where f.review_id = :reviewId" + URGENT_FIRST)
    List<Listed> listedForReview(UUID reviewId);

    /** A case's findings in every review, urgent first, newest first. */
    @Query(LISTED + " where f.case_id = :caseId" + URGENT_FIRST)
    List<Listed> listedForCase(UUID caseId);

    @Query("select action, note, actor_name, at from finding_handling where finding_id = :findingId order by at, id")
    List<Handled> handling(UUID findingId);

    @Query("""
            insert into finding_handling (id, tenant, finding_id, action, note, actor, actor_name)
            values (:id, :tenant, :findingId, :action, :note, :actor, :actorName)""")
    long handle(UUID id, String tenant, UUID findingId, String action, String note, String actor, String actorName);
}
