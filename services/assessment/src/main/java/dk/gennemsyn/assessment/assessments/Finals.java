package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.access.Access;
import dk.gennemsyn.assessment.instruments.Definition;
import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.cpr.CprGuard;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.proto.assessment.v1.AssessmentModerated;
import dk.gennemsyn.proto.assessment.v1.AssessmentValidated;
import dk.gennemsyn.proto.assessment.v1.ReviewAssessmentsValidated;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The final assessment of a case: the first review's answers, with a moderator's answer where the blind second
 * review disagreed; then the municipality's validation. When every case of the review is validated, it is locked.
 */
@Singleton
public class Finals {

    public static final List<String> MODERATORS = List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER);
    public static final List<String> VALIDATORS = List.of(Roles.VALIDATOR, Roles.PROJEKTLEDER);

    /**
     * A case's final assessment. {@code awaiting}: questions still to be moderated. {@code findings}: the reviewers'
     * findings on the case, for the validator (none while a round is still open: the second review is blind).
     */
    @Serdeable
    public record Final(UUID caseId, String alias, String status, Map<String, String> answers, List<String> awaiting,
                        List<String> moderated, @Nullable String verdict, @Nullable String comment,
                        @Nullable String validator, @Nullable Instant validatedAt, List<Findings.Finding> findings) {
    }

    @Serdeable
    public record ReviewValidation(int cases, int validated, boolean locked, List<Final> finals) {
    }

    /** One change: codes for programs ({@code action}, {@code answers}), and what people read beside them. */
    @Serdeable
    public record Change(Instant at, String actor, String actorName, String action, String actionLabel, String round,
                         String detail, Map<String, String> answers, List<Line> lines) {
    }

    /** A question's text and the answer's label. */
    @Serdeable
    public record Line(String questionId, String question, String answer) {
    }

    private final ValidationRows validations;
    private final AssignmentRows assignments;
    private final FindingRows findings;
    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Assessments assessments;
    private final AccessLog accessLog;

    Finals(ValidationRows validations, AssignmentRows assignments, FindingRows findings, TenantTx tenantTx,
           Outbox outbox, Assessments assessments, AccessLog accessLog) {
        this.validations = validations;
        this.assignments = assignments;
        this.findings = findings;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.assessments = assessments;
        this.accessLog = accessLog;
    }

    public Final moderate(Caller caller, UUID reviewId, UUID caseId, @Nullable String questionId,
                          @Nullable String answer, @Nullable String reason) {
        if (!caller.hasAnyRole(MODERATORS)) {
            throw Access.forbidden();
        }
        if (reason == null || reason.isBlank() || reason.length() > 2000) {
            throw ProblemException.invalid("reason", "Begrund den endelige besvarelse (højst 2.000 tegn).");
        }
        if (CprGuard.containsCpr(reason)) {
            throw ProblemException.cpr("reason");
        }
        return tenantTx.write(caller.tenant(), () -> {
            assessments.requireUnlocked(reviewId);
            List<Assessments.Assignment> rounds = submittedRounds(reviewId, caseId);
            Definition d = assessments.instrument(rounds.get(0)).definition();
            if (rounds.size() < 2) {
                throw new ProblemException(HttpStatus.CONFLICT, "no-second-review",
                        "Sagen har ingen anden gennemgang; der er intet at moderere.", null);
            }
            List<String> disagreements = Assessments.disagreements(d, rounds.get(0).answers(), rounds.get(1).answers());
            if (questionId == null || !disagreements.contains(questionId)) {
                throw ProblemException.invalid("questionId", "Vælg et spørgsmål, hvor de to gennemgange er uenige.");
            }
            Definition.Question q = d.question(questionId).orElseThrow();
            if (answer == null || q.kind().problem(answer, q.steps()) != null) {
                throw ProblemException.invalid("answer", q.text() + ": vælg et gyldigt svar.");
            }
            boolean wasFinal = finalOf(reviewId, caseId).awaiting().isEmpty();
            validations.moderate(caller.tenant(), reviewId, caseId, questionId, answer, reason.strip(), caller.userId());
            assessments.history(caller, rounds.get(0).id(), "moderated", Map.of(questionId, answer), reason.strip());
            outbox.append(caller.tenant(), caseId.toString(), AssessmentModerated.newBuilder()
                    .setReviewId(reviewId.toString()).setCaseId(caseId.toString()).setAlias(rounds.get(0).alias())
                    .setQuestionId(questionId).setAnswer(answer).setModerator(caller.userId()).build());
            Final after = finalOf(reviewId, caseId);
            if (!wasFinal && after.awaiting().isEmpty()) {
                assessments.readyForValidation(caller, rounds.get(0));
            }
            return after;
        });
    }

    /** Validators (the municipality's staff) agree or disagree with a case's final assessment. */
    public ReviewValidation validate(Caller caller, UUID reviewId, UUID caseId, @Nullable String verdict,
                                     @Nullable String comment) {
        if (!caller.hasAnyRole(VALIDATORS)) {
            throw Access.forbidden();
        }
        if (!"agree".equals(verdict) && !"disagree".equals(verdict)) {
            throw ProblemException.invalid("verdict", "Vælg enig eller uenig.");
        }
        String text = comment == null ? "" : comment.strip();
        if ("disagree".equals(verdict) && text.isEmpty()) {
            throw ProblemException.invalid("comment", "Skriv hvorfor du er uenig.");
        }
        if (text.length() > 4000) {
            throw ProblemException.invalid("comment", "Højst 4.000 tegn.");
        }
        if (CprGuard.containsCpr(text)) {
            throw ProblemException.cpr("comment");
        }
        return tenantTx.write(caller.tenant(), () -> {
            assessments.requireUnlocked(reviewId);
            Final f = finalOf(reviewId, caseId);
            if (!f.awaiting().isEmpty() || "incomplete".equals(f.status()) || "returned".equals(f.status())) {
                throw new ProblemException(HttpStatus.CONFLICT, "not-final",
                        "Sagens vurdering er ikke endelig endnu (mangler indsendelse eller moderation).", null);
            }
            validations.validate(caller.tenant(), reviewId, caseId, verdict, text, caller.userId());
            List<Assessments.Assignment> rounds = assessments.rounds(reviewId, caseId);
            assessments.history(caller, rounds.get(0).id(), "validated:" + verdict, f.answers(), text);
            outbox.append(caller.tenant(), caseId.toString(), AssessmentValidated.newBuilder()
                    .setReviewId(reviewId.toString()).setCaseId(caseId.toString()).setAlias(f.alias())
                    .setVerdict(verdict).setValidator(caller.userId()).putAllFinalAnswers(f.answers()).build());
            if ("disagree".equals(verdict)) {
                assessments.returnToReviewer(caller, rounds.get(0), text);
            }
            ReviewValidation v = validation(reviewId);
            if (v.cases() > 0 && v.validated() == v.cases()) {
                validations.lock(caller.tenant(), reviewId);
                outbox.append(caller.tenant(), reviewId.toString(), ReviewAssessmentsValidated.newBuilder()
                        .setReviewId(reviewId.toString()).setCases(v.cases()).build());
                return validation(reviewId);
            }
            return v;
        });
    }

    /** Staff: every assessed case's final assessment and validation status. Each case shown is logged. */
    public ReviewValidation forReview(Caller caller, UUID reviewId) {
        Access.requireStaff(caller);
        return tenantTx.write(caller.tenant(), () -> {
            Access.requireReview(tenantTx, reviewId);
            ReviewValidation v = validation(reviewId);
            accessLog.recordAll(caller, v.finals().stream().map(f -> f.caseId().toString()).toList(), AccessLog.Action.READ,
                    "validering");
            return v;
        });
    }

    /**
     * Staff: every change to a case's assessment in the review, oldest first, as people read it (who by name, what in
     * Danish, question texts and answer labels). A reviewer of the case sees only their own round while it is blind,
     * whatever other roles they hold.
     */
    public List<Change> history(Caller caller, UUID reviewId, UUID caseId) {
        Access.requireStaff(caller);
        return tenantTx.write(caller.tenant(), () -> {
            Access.requireReview(tenantTx, reviewId);
            List<Assessments.Assignment> rounds = assessments.rounds(reviewId, caseId);
            if (rounds.isEmpty()) {
                throw ProblemException.notFound("Sagen er ikke med i gennemgangen.");
            }
            boolean blind = assessments.blindFor(caller, reviewId, caseId);
            Definition d = assessments.instrument(rounds.get(0)).definition();
            accessLog.record(caller, caseId.toString(), AccessLog.Action.READ, "historik");
            return assignments.history(reviewId, caseId, blind, caller.userId()).stream()
                    .map(h -> change(d, h.occurredAt(), h.actor(), h.actorName(), h.action(), h.round(), h.detail(),
                            assessments.answersOf(h.answers())))
                    .toList();
        });
    }

    /** The Danish names of the history's actions. */
    static final Map<String, String> ACTIONS = Map.of("saved", "Gemt som kladde", "submitted", "Indsendt",
            "moderated", "Modereret", "validated:agree", "Valideret: enig", "validated:disagree", "Valideret: uenig",
            "returned", "Sendt tilbage til sagsgennemgåeren", "reassigned", "Overdraget til en anden sagsgennemgår");

    private static Change change(Definition d, Instant at, String actor, String actorName, String action, int round,
                                 String detail, Map<String, String> answers) {
        List<Line> lines = new ArrayList<>();
        for (Definition.Question q : d.questions()) {
            String a = answers.get(q.id());
            if (a != null) {
                lines.add(new Line(q.id(), q.text(), q.kind().options(q.steps()).getOrDefault(a, a)));
            }
        }
        return new Change(at, actor, actorName, action, ACTIONS.getOrDefault(action, action),
                round == 2 ? "Anden gennemgang" : "Første gennemgang", detail, answers, lines);
    }

    /** A review with cases waiting for the validator. */
    @Serdeable
    public record Awaiting(UUID reviewId, String title, int ready) {
    }

    /** A validator's work list: per review, the cases whose final assessment is ready and not validated yet. */
    public List<Awaiting> awaitingValidation(Caller caller) {
        if (!caller.hasAnyRole(VALIDATORS)) {
            return List.of();
        }
        return tenantTx.read(caller.tenant(), () -> {
            List<Awaiting> out = new ArrayList<>();
            for (ValidationRows.ReviewTitle r : validations.openReviewsWithAssignments()) {
                int ready = (int) validation(r.reviewId()).finals().stream()
                        .filter(f -> "final".equals(f.status())).count();
                if (ready > 0) {
                    out.add(new Awaiting(r.reviewId(), r.title(), ready));
                }
            }
            return out;
        });
    }

    /** Inside TenantTx. */
    private ReviewValidation validation(UUID reviewId) {
        List<Final> finals = new ArrayList<>();
        for (AssignmentRow first : assignments.firstRounds(reviewId)) {
            finals.add(finalOf(reviewId, first.caseId()));
        }
        // Validated means agreed: a disagreement sent the case back to its reviewer.
        int validated = (int) finals.stream().filter(f -> "validated".equals(f.status())).count();
        boolean locked = validations.locks(reviewId) > 0;
        return new ReviewValidation(finals.size(), validated, locked, finals);
    }

    /** Inside TenantTx: status incomplete (not all rounds submitted), moderation (disagreements open), final. */
    Final finalOf(UUID reviewId, UUID caseId) {
        List<Assessments.Assignment> rounds = assessments.rounds(reviewId, caseId);
        if (rounds.isEmpty()) {
            throw ProblemException.notFound("Sagen er ikke fordelt til vurdering i denne gennemgang.");
        }
        Assessments.Assignment first = rounds.get(0);
        boolean complete = rounds.stream().allMatch(Assessments.Assignment::submitted);
        Map<String, String> answers = new LinkedHashMap<>(complete ? first.answers() : Map.of());
        List<String> awaiting = new ArrayList<>();
        List<String> moderated = new ArrayList<>();
        if (complete && rounds.size() == 2) {
            Definition d = assessments.instrument(first).definition();
            Map<String, String> mods = new LinkedHashMap<>();
            validations.moderations(reviewId, caseId).forEach(m -> mods.put(m.questionId(), m.answer()));
            for (String q : Assessments.disagreements(d, first.answers(), rounds.get(1).answers())) {
                if (mods.containsKey(q)) {
                    answers.put(q, mods.get(q));
                    moderated.add(q);
                } else {
                    answers.remove(q);
                    awaiting.add(q);
                }
            }
        }
        ValidationRow last = validations.latest(reviewId, caseId).orElse(null);
        // A disagreement reopened the first review: the case is "returned" until it is resubmitted, then final again
        // (its last verdict still shown, so the form says what was saved).
        boolean returned = last != null && last.disagreed();
        String status = !complete ? (returned ? "returned" : "incomplete") : !awaiting.isEmpty() ? "moderation"
                : last == null || returned && resubmittedSince(first, last.validatedAt()) ? "final" : "validated";
        return new Final(caseId, first.alias(), status, answers, awaiting, moderated,
                last == null ? null : last.verdict(), last == null ? null : last.comment(),
                last == null ? null : last.validator(), last == null ? null : last.validatedAt(),
                complete ? findings.ofCase(reviewId, caseId).stream().map(FindingRow::view).toList() : List.of());
    }

    /** Whether the reopened first review was submitted again after the validator's disagreement. */
    private static boolean resubmittedSince(Assessments.Assignment first, Instant disagreedAt) {
        return first.submittedAt() != null && first.submittedAt().isAfter(disagreedAt);
    }

    private List<Assessments.Assignment> submittedRounds(UUID reviewId, UUID caseId) {
        List<Assessments.Assignment> rounds = assessments.rounds(reviewId, caseId);
        if (rounds.isEmpty()) { // unknown here, or another municipality's: nothing to tell
            throw ProblemException.notFound("Sagen er ikke til gennemgang i denne gennemgang.");
        }
        if (!rounds.stream().allMatch(Assessments.Assignment::submitted)) {
            throw new ProblemException(HttpStatus.CONFLICT, "blind",
                    "Begge gennemgange skal være indsendt, før der kan modereres.", null);
        }
        return rounds;
    }
}
