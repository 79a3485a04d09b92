package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.access.Access;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    private final TenantTx tenantTx;
    private final Assessments assessments;
    private final ScreeningView screening;
    private final AccessLog accessLog;

    FindingView(TenantTx tenantTx, Assessments assessments, ScreeningView screening, AccessLog accessLog) {
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
            tenantTx.update("""
                    insert into finding_handling (id, tenant, finding_id, action, note, actor, actor_name)
                    values (?, ?, ?, ?, ?, ?, ?)""", UUID.randomUUID(), caller.tenant(), id, action, n,
                    caller.userId(), caller.name());
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
        return lines(caller, "f.review_id", reviewId);
    }

    /** Staff: a case's findings in every review, urgent first (the case's screening page lists them). */
    public List<Line> ofCase(Caller caller, UUID caseId) {
        return lines(caller, "f.case_id", caseId);
    }

    private List<Line> lines(Caller caller, String column, UUID id) {
        Access.requireStaff(caller);
        return tenantTx.read(caller.tenant(), () -> {
            Map<String, Boolean> blind = new java.util.HashMap<>();
            return tenantTx.query("""
                    select f.id, a.alias, f.category, f.severity, f.urgent, f.created_at, f.case_id, f.created_by,
                           (select max(h.action) from finding_handling h where h.finding_id = f.id), f.review_id
                    from findings f join assignments a on a.id = f.assignment_id where %s = ?
                    order by f.urgent desc, f.created_at desc""".formatted(column), rs -> {
                        UUID caseId = rs.getObject(7, UUID.class);
                        UUID reviewId = rs.getObject(10, UUID.class);
                        if (!rs.getString(8).equals(caller.userId()) && blind.computeIfAbsent(reviewId + "/" + caseId,
                                k -> assessments.blindFor(caller, reviewId, caseId))) {
                            return null;
                        }
                        String h = rs.getString(9);
                        return new Line(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                Findings.SEVERITIES.getOrDefault(rs.getString(4), rs.getString(4)), rs.getBoolean(5),
                                h == null ? "Ikke set endnu" : ACTIONS.get(h), rs.getTimestamp(6).toInstant());
                    }, id).stream().filter(java.util.Objects::nonNull).toList();
        });
    }

    /** Inside TenantTx: the finding if the caller may read it; 404 when unknown (or another municipality's). */
    private Detail load(Caller caller, UUID id) {
        record Row(Findings.Finding f, UUID reviewId, UUID caseId, String alias, String reviewerName, int round) {
        }
        List<Row> rows = tenantTx.query("""
                select f.id, f.category, f.severity, f.text, f.urgent, f.budget_relevant, f.expected_yearly_kr,
                       f.created_by, f.created_at, f.review_id, f.case_id, a.alias, a.reviewer_name, a.round
                from findings f join assignments a on a.id = f.assignment_id where f.id = ?""",
                rs -> new Row(new Findings.Finding(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5), rs.getBoolean(6),
                        rs.getObject(7) == null ? null : rs.getLong(7), rs.getString(8), rs.getTimestamp(9).toInstant()),
                        rs.getObject(10, UUID.class), rs.getObject(11, UUID.class), rs.getString(12), rs.getString(13),
                        rs.getInt(14)), id);
        if (rows.isEmpty()) {
            throw ProblemException.notFound("Fundet findes ikke.");
        }
        Row r = rows.get(0);
        boolean author = r.f().createdBy().equals(caller.userId());
        boolean blind = !author && assessments.blindFor(caller, r.reviewId(), r.caseId());
        if (blind || (!author && !Access.isStaff(caller))) {
            throw Access.forbidden();
        }
        List<Handling> handling = tenantTx.query("""
                select action, note, actor_name, at from finding_handling where finding_id = ? order by at, id""",
                rs -> new Handling(rs.getString(1), ACTIONS.get(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()), id);
        String reviewTitle = tenantTx.query("select title from reviews where review_id = ?", rs -> rs.getString(1),
                r.reviewId()).stream().findFirst().orElse("");
        List<CaseEvent> timeline = screening.caseData(r.caseId()).timeline();
        return new Detail(r.f(), Findings.SEVERITIES.getOrDefault(r.f().severity(), r.f().severity()), r.reviewId(),
                reviewTitle, r.caseId(), r.alias(), r.reviewerName(), r.round(), handling, timeline,
                Access.isStaff(caller));
    }
}
