package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.access.Access;
import dk.gennemsyn.assessment.reviews.ReviewCopies;
import dk.gennemsyn.assessment.screening.CaseEvent;
import dk.gennemsyn.assessment.screening.ScreeningView;
import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.cpr.CprGuard;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A finding on its own page: what was found, by whom, the case's timeline beside it, and what the municipality did
 * about it (acknowledged, handled, with notes). An urgent alert links here. The municipality's staff read it (not a
 * blind second reviewer of the case), and so does the reviewer who recorded it; every read is logged.
 */
@Singleton
public class FindingView {

    static final Map<String, String> ACTIONS = Map.of("acknowledged", "Set og taget til efterretning",
            "handled", "Håndteret");

    @Serdeable
    public record Handling(String action, String actionLabel, String note, String actorName, Instant at) {
    }

    @Serdeable
    public record Detail(Findings.Finding finding, String severityLabel, UUID reviewId, String reviewTitle, UUID caseId,
                         String alias, String raisedByName, int round, List<Handling> handling,
                         List<CaseEvent> timeline, boolean canHandle) {

        public boolean handled() {
            return handling.stream().anyMatch(h -> h.action().equals("handled"));
        }

        public boolean acknowledged() {
            return !handling.isEmpty();
        }
    }

    /** A line of a review's list of findings. */
    @Serdeable
    public record Line(UUID id, String alias, String category, String severityLabel, boolean urgent, String status,
                       Instant createdAt) {
    }

    private final FindingRows rows;
    private final AssignmentRows assignments;
    private final ReviewCopies reviews;
    private final TenantTx tenantTx;
    private final Assessments assessments;
    private final ScreeningView screening;
    private final AccessLog accessLog;

    FindingView(FindingRows rows, AssignmentRows assignments, ReviewCopies reviews, TenantTx tenantTx,
                Assessments assessments, ScreeningView screening, AccessLog accessLog) {
        this.rows = rows;
        this.assignments = assignments;
        this.reviews = reviews;
        this.tenantTx = tenantTx;
        this.assessments = assessments;
        this.screening = screening;
        this.accessLog = accessLog;
    }

    public Detail detail(Caller caller, UUID id) {
        return tenantTx.write(caller.tenant(), () -> {
            Detail d = load(caller, id);
            accessLog.record(caller, d.caseId().toString(), AccessLog.Action.READ, "fund");
            return d;
        });
    }

    /** Staff record that they have seen the finding, or how it was dealt with (a note is required then). */
    public Detail handle(Caller caller, UUID id, @Nullable String action, @Nullable String note) {
        if (action == null || !ACTIONS.containsKey(action)) {
            throw ProblemException.invalid("action", "Vælg, om fundet er set, eller om det er håndteret.");
        }
        String n = note == null ? "" : note.strip();
        if ("handled".equals(action) && n.isEmpty()) {
            throw ProblemException.invalid("note", "Skriv, hvad der er gjort.");
        }
        if (n.length() > 4000) {
            throw ProblemException.invalid("note", "Højst 4.000 tegn.");
        }
        if (CprGuard.containsCpr(n)) {
            throw ProblemException.cpr("note");
        }
        return tenantTx.write(caller.tenant(), () -> {
            Detail d = load(caller, id);
            if (!d.canHandle()) {
                throw Access.forbidden();
            }
            rows.handle(UUID.randomUUID(), caller.tenant(), id, action, n, caller.userId(), caller.name());
            accessLog.record(caller, d.caseId().toString(), AccessLog.Action.UPDATE, "fund håndteret");
            return load(caller, id);
        });
    }

    /** Staff: a review's findings, urgent first; a case still blind for the caller is left out. */
    public List<Line> ofReview(Caller caller, UUID reviewId) {
        Access.requireStaff(caller);
        // An unknown (or another municipality's) review is a 404 like the review itself, never an empty list.
        tenantTx.read(caller.tenant(), () -> {
            Access.requireReview(tenantTx, reviewId);
            return null;
        });
        return lines(caller, () -> rows.listedForReview(reviewId));
    }

    /** Staff: a case's findings in every review, urgent first (the case's screening page lists them). */
    public List<Line> ofCase(Caller caller, UUID caseId) {
        return lines(caller, () -> rows.listedForCase(caseId));
    }

    private List<Line> lines(Caller caller, Supplier<List<FindingRows.Listed>> listed) {
        Access.requireStaff(caller);
        return tenantTx.read(caller.tenant(), () -> {
            Map<String, Boolean> blind = new HashMap<>();
            return listed.get().stream()
                    .filter(f -> f.createdBy().equals(caller.userId()) || !blind.computeIfAbsent(
                            f.reviewId() + "/" + f.caseId(), k -> assessments.blindFor(caller, f.reviewId(), f.caseId())))
                    .map(f -> new Line(f.id(), f.alias(), f.category(),
                            Findings.SEVERITIES.getOrDefault(f.severity(), f.severity()), f.urgent(),
                            f.handling() == null ? "Ikke set endnu" : ACTIONS.get(f.handling()), f.createdAt()))
                    .toList();
        });
    }

    /** Inside TenantTx: the finding if the caller may read it; 404 when unknown (or another municipality's). */
    private Detail load(Caller caller, UUID id) {
        FindingRow f = rows.findById(id).orElseThrow(() -> ProblemException.notFound("Fundet findes ikke."));
        // The assignment it was recorded in (same tenant: the foreign key holds it).
        AssignmentRow a = assignments.findById(f.assignmentId()).orElseThrow();
        boolean author = f.createdBy().equals(caller.userId());
        boolean blind = !author && assessments.blindFor(caller, f.reviewId(), f.caseId());
        if (blind || (!author && !Access.isStaff(caller))) {
            throw Access.forbidden();
        }
        List<Handling> handling = rows.handling(id).stream().map(h -> new Handling(h.action(), ACTIONS.get(h.action()),
                h.note(), h.actorName(), h.at())).toList();
        String reviewTitle = reviews.find(f.reviewId()).map(ReviewCopies.ReviewRef::title).orElse("");
        List<CaseEvent> timeline = screening.caseData(f.caseId()).timeline();
        return new Detail(f.view(), Findings.SEVERITIES.getOrDefault(f.severity(), f.severity()), f.reviewId(),
                reviewTitle, f.caseId(), a.alias(), a.reviewerName(), a.round(), handling, timeline,
                Access.isStaff(caller));
    }
}
