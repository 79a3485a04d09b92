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

    private final FindingRows rows;
    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Assessments assessments;

    Findings(FindingRows rows, TenantTx tenantTx, Outbox outbox, Assessments assessments) {
        this.rows = rows;
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
            rows.add(id, caller.tenant(), assignmentId, a.reviewId(), a.caseId(), category, in.severity(), text,
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
            return rows.findById(id).map(FindingRow::view).orElseThrow();
        });
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
