package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.access.Access;
import dk.gennemsyn.assessment.cases.KnownCases;
import dk.gennemsyn.assessment.instruments.Definition;
import dk.gennemsyn.assessment.instruments.Instruments;
import dk.gennemsyn.assessment.instruments.QuestionType;
import dk.gennemsyn.assessment.screening.CaseEvent;
import dk.gennemsyn.assessment.screening.ScreeningView;
import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.web.Paging;
import dk.gennemsyn.platform.cpr.CprGuard;
import dk.gennemsyn.platform.db.JsonColumns;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.proto.assessment.v1.AssessmentReturned;
import dk.gennemsyn.proto.assessment.v1.AssessmentSubmitted;
import dk.gennemsyn.proto.assessment.v1.CaseReadyForValidation;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The manual assessment of selected cases (assigned by {@link Assignments}): drafts and submission, the blind second
 * review. A reviewer sees only their own assignments, while their membership of the review is active; nobody sees
 * one round's answers before both rounds of a case are submitted.
 */
@Singleton
public class Assessments {

    @Serdeable
    public record Assignment(UUID id, UUID reviewId, UUID caseId, String alias, String reviewer, String reviewerName,
                             int round, UUID instrumentId, String status, Map<String, String> answers,
                             long lockVersion, Instant assignedAt, @Nullable Instant savedAt,
                             @Nullable Instant submittedAt) {

        public boolean submitted() {
            return "submitted".equals(status);
        }
    }

    /**
     * What the assessment form shows beside the questions; {@code returnedWith}: the validator's note when the
     * assessment was sent back to its reviewer.
     */
    @Serdeable
    public record Workspace(Assignment assignment, Instruments.Instrument instrument, String forklaede,
                            List<CaseEvent> timeline, List<ScreeningView.RuleDetail> screening,
                            List<Findings.Finding> findings, @Nullable String returnedWith) {
    }

    private final AssignmentRows rows;
    private final ValidationRows validations;
    private final FindingRows findings;
    private final KnownCases knownCases;
    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Clock clock;
    private final JsonColumns json;
    private final Instruments instruments;
    private final AccessLog accessLog;
    private final ScreeningView screening;

    Assessments(AssignmentRows rows, ValidationRows validations, FindingRows findings, KnownCases knownCases,
                TenantTx tenantTx, Outbox outbox, Clock clock, JsonColumns json, Instruments instruments,
                AccessLog accessLog, ScreeningView screening) {
        this.rows = rows;
        this.validations = validations;
        this.findings = findings;
        this.knownCases = knownCases;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
        this.instruments = instruments;
        this.accessLog = accessLog;
        this.screening = screening;
    }

    // ---- reading ----

    /**
     * A page of the caller's own work list, answers included: each case on the page is logged as read. Paged like every
     * list: the whole list of a reviewer with 200 cases cost more PostgreSQL time than any other request (issue 18).
     */
    public Paging.Page<Assignment> mine(Caller caller, io.micronaut.data.model.Pageable pageable) {
        Instant now = clock.instant();
        return tenantTx.write(caller.tenant(), () -> {
            Paging.Page<Assignment> mine = Paging.from(rows.mine(caller.userId(), now, pageable)).map(this::view);
            accessLog.recordAll(caller, mine.items().stream().map(a -> a.caseId().toString()).distinct().toList(),
                    AccessLog.Action.READ, "mine vurderinger");
            return mine;
        });
    }

    /** Staff: a review's assignments; answers blanked where blindness still holds. Cases shown with answers are logged. */
    public List<Assignment> ofReview(Caller caller, UUID reviewId) {
        Access.requireStaff(caller);
        return tenantTx.write(caller.tenant(), () -> {
            Access.requireReview(tenantTx, reviewId);
            List<Assignment> all = views(rows.ofReview(reviewId));
            // A case's answers show once every round of it is submitted.
            Map<UUID, Boolean> visible = new HashMap<>();
            all.forEach(a -> visible.merge(a.caseId(), a.submitted(), Boolean::logicalAnd));
            accessLog.recordAll(caller, visible.entrySet().stream().filter(Map.Entry::getValue)
                    .map(e -> e.getKey().toString()).toList(), AccessLog.Action.READ, "vurderinger i gennemgangen");
            return all.stream().map(a -> visible.get(a.caseId()) ? a : withoutAnswers(a)).toList();
        });
    }

    /** The form's content: the assignee's own assignment with the case beside it. Logged as a read of the case. */
    public Workspace workspace(Caller caller, UUID id) {
        return tenantTx.write(caller.tenant(), () -> {
            Assignment a = requireAssignee(caller, id);
            Instruments.Instrument instrument = instruments.find(a.instrumentId());
            String forklaede = knownCases.selection(a.reviewId(), a.caseId()).map(KnownCases.Selection::forklaede)
                    .orElse("");
            ScreeningView.CaseDetail detail = screening.caseData(a.caseId());
            accessLog.record(caller, a.caseId().toString(), AccessLog.Action.READ, "vurdering");
            String returnedWith = a.submitted() || a.round() != 1 ? null : validations.latest(a.reviewId(), a.caseId())
                    .filter(ValidationRow::disagreed).map(ValidationRow::comment).orElse(null);
            return new Workspace(a, instrument, forklaede, detail.timeline(), detail.rules(),
                    findings.ofAssignment(id).stream().map(FindingRow::view).toList(), returnedWith);
        });
    }

    // ---- answering ----

    /** Autosave: the answers so far, checked per type but not for completeness. */
    public Assignment save(Caller caller, UUID id, long ifMatch, Map<String, String> answers) {
        return tenantTx.write(caller.tenant(), () -> {
            Assignment a = requireAssignee(caller, id);
            requireOpen(a);
            Map<String, String> clean = checked(instruments.find(a.instrumentId()).definition(), answers);
            if (rows.saveDraft(id, ifMatch, write(clean)) == 0) {
                throw stale();
            }
            history(caller, id, "saved", clean);
            return find(id);
        });
    }

    /** Submission: every required question answered; then the assessment is locked. */
    public Assignment submit(Caller caller, UUID id, long ifMatch) {
        return tenantTx.write(caller.tenant(), () -> {
            Assignment a = requireAssignee(caller, id);
            requireOpen(a);
            Definition definition = instruments.find(a.instrumentId()).definition();
            List<String> missing = definition.questions().stream()
                    .filter(q -> q.required() && isBlank(a.answers().get(q.id()))).map(Definition.Question::id).toList();
            if (!missing.isEmpty()) {
                throw ProblemException.invalid("answers." + missing.get(0), "Besvar de påkrævede spørgsmål før du "
                        + "indsender (" + missing.size() + " mangler: " + String.join(", ", missing) + ").");
            }
            if (rows.submit(id, ifMatch) == 0) {
                throw stale();
            }
            history(caller, id, "submitted", a.answers());
            outbox.append(caller.tenant(), a.caseId().toString(), AssessmentSubmitted.newBuilder()
                    .setAssignmentId(id.toString()).setReviewId(a.reviewId().toString()).setCaseId(a.caseId().toString())
                    .setAlias(a.alias()).setReviewer(a.reviewer()).setRound(a.round())
                    .setInstrumentId(a.instrumentId().toString()).putAllAnswers(a.answers())
                    .setYearlyCostKr(knownCases.runningMeasuresCost(a.caseId())).build());
            List<Assignment> rounds = rounds(a.reviewId(), a.caseId());
            boolean complete = rounds.stream().allMatch(r -> r.submitted() || r.id().equals(id));
            List<String> disagreements = rounds.size() == 2
                    ? disagreements(definition, rounds.get(0).answers(), rounds.get(1).answers()) : List.of();
            // The blind ends once, at the first time both are in (a round reopened by a validator is not news).
            boolean firstTimeBoth = rounds.stream().allMatch(r -> r.id().equals(id) ? a.submittedAt() == null
                    : r.submittedAt() != null);
            if (rounds.size() == 2 && complete && firstTimeBoth) {
                outbox.append(caller.tenant(), a.caseId().toString(), SecondReviewCompleted.newBuilder()
                        .setReviewId(a.reviewId().toString()).setCaseId(a.caseId().toString()).setAlias(a.alias())
                        .addAllDisagreements(disagreements).build());
            }
            if (complete && disagreements.isEmpty()) { // else it is ready once the last disagreement is moderated
                readyForValidation(caller, a);
            }
            return find(id);
        });
    }

    /**
     * Both rounds of a case side by side: only when both are submitted (blindness), for staff or the two reviewers.
     */
    public List<Assignment> comparison(Caller caller, UUID reviewId, UUID caseId) {
        return tenantTx.write(caller.tenant(), () -> {
            List<Assignment> rounds = rounds(reviewId, caseId);
            if (rounds.isEmpty()) { // unknown here, or another municipality's: nothing to tell
                throw ProblemException.notFound("Sagen er ikke til gennemgang i denne gennemgang.");
            }
            boolean party = rounds.stream().anyMatch(r -> r.reviewer().equals(caller.userId()));
            if (!Access.isStaff(caller) && !party) {
                throw Access.forbidden();
            }
            if (party && !Access.isStaff(caller)) {
                requireAssignee(caller, rounds.stream().filter(r -> r.reviewer().equals(caller.userId())).findFirst()
                        .orElseThrow().id());
            }
            if (rounds.size() < 2 || !rounds.stream().allMatch(Assignment::submitted)) {
                throw new ProblemException(HttpStatus.CONFLICT, "blind",
                        "Den anden gennemgang er blind: svarene kan først ses, når begge har indsendt.", null);
            }
            accessLog.record(caller, caseId.toString(), AccessLog.Action.READ, "sammenligning");
            return rounds;
        });
    }

    /** Submitted pairs of a review (both rounds), for agreement statistics. Inside TenantTx. */
    public List<Assignment[]> submittedPairs(UUID reviewId) {
        Map<UUID, Assignment[]> byCase = new LinkedHashMap<>();
        views(rows.submitted(reviewId)).forEach(a -> byCase.computeIfAbsent(a.caseId(), k -> new Assignment[2])[a.round() - 1] = a);
        return byCase.values().stream().filter(p -> p[0] != null && p[1] != null).toList();
    }

    static List<String> disagreements(Definition d, Map<String, String> first, Map<String, String> second) {
        return d.questions().stream().filter(q -> q.kind() != QuestionType.TEXT)
                .map(Definition.Question::id)
                .filter(q -> !Objects.equals(first.get(q), second.get(q))).toList();
    }

    /**
     * Inside TenantTx: a validator disagreed, so the first review is reopened for its reviewer, who is told with the
     * validator's note. Its first submission time stays (the blind second review ended then).
     */
    void returnToReviewer(Caller caller, Assignment first, String note) {
        rows.reopen(first.id());
        history(caller, first.id(), "returned", Map.of(), note);
        outbox.append(caller.tenant(), first.caseId().toString(), AssessmentReturned.newBuilder()
                .setAssignmentId(first.id().toString()).setReviewId(first.reviewId().toString())
                .setCaseId(first.caseId().toString()).setAlias(first.alias()).setReviewer(first.reviewer())
                .setValidator(caller.userId()).setNote(note).build());
    }

    /** Inside TenantTx: tells the validators (through notifications) that the case's final assessment awaits them. */
    void readyForValidation(Caller caller, Assignment a) {
        outbox.append(caller.tenant(), a.caseId().toString(), CaseReadyForValidation.newBuilder()
                .setReviewId(a.reviewId().toString()).setCaseId(a.caseId().toString()).setAlias(a.alias()).build());
    }

    // ---- blindness ----

    /**
     * Inside TenantTx: the reviewers of a case while its second review is blind (two rounds, not both submitted);
     * empty otherwise. Blindness belongs to the person and the case: none of them may see a trace of the other round,
     * whatever other roles they hold.
     */
    public List<String> blindReviewers(UUID reviewId, UUID caseId) {
        List<Assignment> rounds = rounds(reviewId, caseId);
        // Submitted once is enough: a round reopened by a validator later does not make the case blind again.
        if (rounds.size() < 2 || rounds.stream().allMatch(r -> r.submittedAt() != null)) {
            return List.of();
        }
        return rounds.stream().map(Assignment::reviewer).distinct().toList();
    }

    /** Inside TenantTx: whether the case's content is hidden from the caller (a reviewer of it, while blind). */
    public boolean blindFor(Caller caller, UUID reviewId, UUID caseId) {
        return blindReviewers(reviewId, caseId).contains(caller.userId());
    }

    // ---- helpers ----

    /** Inside TenantTx: the caller's own assignment, in a review where their access is active now; else 403. */
    Assignment requireAssignee(Caller caller, UUID id) {
        Instant now = clock.instant();
        Assignment a = rows.findById(id).map(this::view)
                .orElseThrow(() -> ProblemException.notFound("Vurderingen findes ikke."));
        boolean active = rows.activeMember(id, caller.userId(), now) > 0;
        if (!a.reviewer().equals(caller.userId()) || !active) {
            throw Access.forbidden();
        }
        return a;
    }

    /** Inside TenantTx: nothing in a validated (locked) review changes. */
    void requireUnlocked(UUID reviewId) {
        if (validations.locks(reviewId) > 0) {
            throw new ProblemException(HttpStatus.CONFLICT, "locked",
                    "Gennemgangens vurderinger er valideret og låst.", null);
        }
    }

    /** Inside TenantTx: neither the review locked nor the assessment submitted. */
    void requireOpen(Assignment a) {
        requireUnlocked(a.reviewId());
        if (a.submitted()) {
            throw new ProblemException(HttpStatus.CONFLICT, "submitted", "Vurderingen er indsendt og låst.", null);
        }
    }

    /** Inside TenantTx: the instrument version an assignment is made with. */
    public Instruments.Instrument instrument(Assignment a) {
        return instruments.find(a.instrumentId());
    }

    Assignment find(UUID id) {
        return view(rows.findById(id).orElseThrow());
    }

    /** Inside TenantTx: a case's rounds in the review, first round first. */
    List<Assignment> rounds(UUID reviewId, UUID caseId) {
        return views(rows.rounds(reviewId, caseId));
    }

    private static Assignment withoutAnswers(Assignment a) {
        return new Assignment(a.id(), a.reviewId(), a.caseId(), a.alias(), a.reviewer(), a.reviewerName(),
                a.round(), a.instrumentId(), a.status(), Map.of(), a.lockVersion(), a.assignedAt(), a.savedAt(),
                a.submittedAt());
    }

    private Map<String, String> checked(Definition d, Map<String, String> answers) {
        Map<String, String> clean = new LinkedHashMap<>();
        if (answers == null) {
            return clean;
        }
        for (Map.Entry<String, String> e : answers.entrySet()) {
            String field = "answers." + e.getKey();
            Definition.Question q = d.question(e.getKey()).orElseThrow(() ->
                    ProblemException.invalid(field, "Instrumentet har intet spørgsmål " + e.getKey() + "."));
            if (isBlank(e.getValue())) {
                continue;
            }
            String value = e.getValue().strip();
            String problem = q.kind().problem(value, q.steps());
            if (problem != null) {
                throw ProblemException.invalid(field, q.text() + ": " + problem);
            }
            if (CprGuard.containsCpr(value)) {
                throw ProblemException.cpr(field);
            }
            clean.put(q.id(), value);
        }
        return clean;
    }

    private void history(Caller caller, UUID id, String action, Map<String, String> answers) {
        history(caller, id, action, answers, "");
    }

    /** Inside TenantTx: one versioned change (who, when, what). */
    void history(Caller caller, UUID id, String action, Map<String, String> answers, String detail) {
        rows.addHistory(caller.tenant(), id, caller.userId(), action, write(answers), detail);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static ProblemException stale() {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "stale",
                "Vurderingen er gemt fra et andet vindue i mellemtiden. Hent siden igen.", null);
    }

    Assignment view(AssignmentRow r) {
        return new Assignment(r.id(), r.reviewId(), r.caseId(), r.alias(), r.reviewer(), r.reviewerName(), r.round(),
                r.instrumentId(), r.status(), answersOf(r.answers()), r.lockVersion(), r.assignedAt(), r.savedAt(),
                r.submittedAt());
    }

    private List<Assignment> views(List<AssignmentRow> stored) {
        return stored.stream().map(this::view).toList();
    }

    private String write(Map<String, String> answers) {
        return json.write(answers);
    }

    /** Answers as stored (question id -> answer). */
    Map<String, String> answersOf(String stored) {
        return json.read(stored, Argument.mapOf(String.class, String.class));
    }
}
