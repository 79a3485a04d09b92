package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.platform.cpr.CprGuard;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.proto.assessment.v1.FindingRecorded;
import dk.gennemsyn.proto.assessment.v1.UrgentConcernRaised;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Findings on a case. An urgent one ("the child may be at risk now") is published in the same transaction as it is
 * stored (the outbox), so it cannot be lost, and relayed at once.
 */
@Singleton
public class Findings {

    public static final Map<String, String> SEVERITIES = Map.of("info", "Info", "minor", "Mindre", "major", "Væsentlig",
            "critical", "Kritisk");

    @Serdeable
    public record Finding(UUID id, String category, String severity, String text, boolean urgent,
                          boolean budgetRelevant, @Nullable Long expectedYearlyKr, String createdBy, Instant createdAt) {
    }

    public record Input(@Nullable String category, @Nullable String severity, @Nullable String text, boolean urgent,
                        boolean budgetRelevant, @Nullable Long expectedYearlyKr) {
    }

    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Assessments assessments;

    Findings(TenantTx tenantTx, Outbox outbox, Assessments assessments) {
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.assessments = assessments;
    }

    public Finding record(Caller caller, UUID assignmentId, Input in) {
        String category = required("category", in.category(), 100);
        String text = required("text", in.text(), 4000);
        if (in.severity() == null || !SEVERITIES.containsKey(in.severity())) {
            throw ProblemException.invalid("severity", "Vælg alvorlighed: info, minor, major eller critical.");
        }
        if (in.budgetRelevant() && (in.expectedYearlyKr() == null || in.expectedYearlyKr() < 0)) {
            throw ProblemException.invalid("expectedYearlyKr",
                    "Et budgetrelevant fund skal have det forventede årlige beløb i kr. (0 eller mere).");
        }
        return tenantTx.write(caller.tenant(), () -> {
            Assessments.Assignment a = assessments.requireAssignee(caller, assignmentId);
            assessments.requireUnlocked(a.reviewId());
            UUID id = UUID.randomUUID();
            Long amount = in.budgetRelevant() ? in.expectedYearlyKr() : null;
            tenantTx.update("""
                    insert into findings (id, tenant, assignment_id, review_id, case_id, category, severity, text, urgent,
                                          budget_relevant, expected_yearly_kr, created_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, caller.tenant(), assignmentId, a.reviewId(), a.caseId(), category, in.severity(), text,
                    in.urgent(), in.budgetRelevant(), amount, caller.userId());
            if (in.urgent()) {
                // The case's other reviewer is not told while the second review is blind; the municipality's other
                // people in the alert's roles still are.
                outbox.append(caller.tenant(), a.caseId().toString(), UrgentConcernRaised.newBuilder()
                        .setFindingId(id.toString()).setReviewId(a.reviewId().toString())
                        .setCaseId(a.caseId().toString()).setAlias(a.alias()).setRaisedBy(caller.userId())
                        .addAllWithheldFrom(assessments.blindReviewers(a.reviewId(), a.caseId()).stream()
                                .filter(r -> !r.equals(caller.userId())).toList()).build());
            }
            outbox.append(caller.tenant(), a.caseId().toString(), FindingRecorded.newBuilder().setFindingId(id.toString())
                    .setReviewId(a.reviewId().toString()).setCaseId(a.caseId().toString()).setAlias(a.alias())
                    .setCategory(category).setSeverity(in.severity()).setUrgent(in.urgent())
                    .setBudgetRelevant(in.budgetRelevant()).setExpectedYearlyKr(amount == null ? 0 : amount)
                    .setText(text).build());
            return forAssignment(tenantTx, assignmentId).stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
        });
    }

    private static final String COLUMNS =
            "id, category, severity, text, urgent, budget_relevant, expected_yearly_kr, created_by, created_at";

    /** Inside TenantTx. */
    static List<Finding> forAssignment(TenantTx tenantTx, UUID assignmentId) {
        return tenantTx.query("select " + COLUMNS + " from findings where assignment_id = ? order by created_at",
                Findings::map, assignmentId);
    }

    /** Inside TenantTx: every round's findings on a case (callers make sure the case is no longer blind). */
    static List<Finding> forCase(TenantTx tenantTx, UUID reviewId, UUID caseId) {
        return tenantTx.query("select " + COLUMNS + " from findings where review_id = ? and case_id = ? order by created_at",
                Findings::map, reviewId, caseId);
    }

    private static Finding map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Finding(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getBoolean(5), rs.getBoolean(6), rs.getObject(7) == null ? null : rs.getLong(7),
                rs.getString(8), rs.getTimestamp(9).toInstant());
    }

    private static String required(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "Udfyld feltet.");
        }
        if (value.length() > max) {
            throw ProblemException.invalid(field, "Højst " + max + " tegn.");
        }
        if (CprGuard.containsCpr(value)) {
            throw ProblemException.cpr(field);
        }
        return value.strip();
    }
}
