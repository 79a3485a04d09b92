package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.access.Access;
import dk.gennemsyn.assessment.instruments.Definition;
import dk.gennemsyn.assessment.instruments.Instruments;
import dk.gennemsyn.assessment.instruments.QuestionType;
import dk.gennemsyn.assessment.screening.CaseEvent;
import dk.gennemsyn.assessment.screening.ScreeningView;
import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.cpr.CprGuard;
import dk.gennemsyn.platform.db.JsonColumns;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.proto.assessment.v1.AssessmentAssigned;
import dk.gennemsyn.proto.assessment.v1.AssessmentReturned;
import dk.gennemsyn.proto.assessment.v1.AssessmentSubmitted;
import dk.gennemsyn.proto.assessment.v1.CaseReadyForValidation;
import dk.gennemsyn.proto.assessment.v1.SecondReviewAssigned;
import dk.gennemsyn.proto.assessment.v1.SecondReviewCompleted;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The manual assessment of selected cases: assignment with balanced load, drafts and submission, the blind second
 * review. A reviewer sees only their own assignments, while their membership of the review is active; nobody sees
 * one round's answers before both rounds of a case are submitted.
 */
@Singleton
public class Assessments {

    public static final List<String> ASSIGNERS = List.of(Roles.PROJEKTLEDER, Roles.TENANT_ADMIN);

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

    static final String COLUMNS = "id, review_id, case_id, alias, reviewer, reviewer_name, round, instrument_id, status,"
            + " answers::text, lock_version, assigned_at, saved_at, submitted_at";

    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Clock clock;
    private final JsonColumns json;
    private final Instruments instruments;
    private final AccessLog accessLog;
    private final ScreeningView screening;

    Assessments(TenantTx tenantTx, Outbox outbox, Clock clock, JsonColumns json, Instruments instruments,
                AccessLog accessLog, ScreeningView screening) {
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
        this.instruments = instruments;
        this.accessLog = accessLog;
        this.screening = screening;
    }

    // ---- assignment ----

    /**
     * Assigns every deep-review case of the review (all selected cases if none is marked) that has no reviewer
     * yet to the active reviewer with the fewest cases; second-review cases also get a second, different reviewer.
     */
    public List<Assignment> assign(Caller caller, UUID reviewId) {
        if (!caller.hasAnyRole(ASSIGNERS)) {
            throw Access.forbidden();
        }
        return tenantTx.write(caller.tenant(), () -> {
            List<String> instrumentIds = tenantTx.query("select instrument_id from reviews where review_id = ?",
                    rs -> rs.getString(1), reviewId);
            if (instrumentIds.isEmpty()) {
                throw ProblemException.notFound("Gennemgangen findes ikke (endnu) i vurderingen.");
            }
            UUID instrumentId = instrumentOf(instrumentIds.get(0));
            Instant now = clock.instant();
            Map<String, String> names = activeReviewers(reviewId);
            if (names.isEmpty()) {
                throw ProblemException.invalid("reviewers", "Gennemgangen har ingen aktive sagsgennemgåere at fordele til.");
            }
            Map<String, Integer> load = new HashMap<>();
            names.keySet().forEach(u -> load.put(u, 0));
            Map<String, String[]> existing = new HashMap<>(); // case -> reviewer per round
            tenantTx.query("select case_id::text, round, reviewer from assignments where review_id = ?", rs -> {
                existing.computeIfAbsent(rs.getString(1), k -> new String[3])[rs.getInt(2)] = rs.getString(3);
                load.merge(rs.getString(3), 1, Integer::sum);
                return null;
            }, reviewId);
            record Sel(String caseId, String alias, boolean deep, boolean second) {
            }
            List<Sel> selected = tenantTx.query("""
                    select case_id::text, alias, deep_review, second_review from review_selections where review_id = ?
                    order by length(alias), alias""",
                    rs -> new Sel(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)), reviewId);
            boolean anyDeep = selected.stream().anyMatch(Sel::deep);
            List<Assignment> created = new ArrayList<>();
            for (Sel s : selected) {
                if (anyDeep && !s.deep()) {
                    continue;
                }
                String[] rounds = existing.computeIfAbsent(s.caseId(), k -> new String[3]);
                if (rounds[1] == null) {
                    rounds[1] = leastLoaded(load, names, null);
                    created.add(insert(caller, reviewId, s.caseId(), s.alias(), rounds[1], names.get(rounds[1]), 1,
                            instrumentId, load));
                }
                if (s.second() && rounds[2] == null && names.size() > 1) {
                    rounds[2] = leastLoaded(load, names, rounds[1]);
                    created.add(insert(caller, reviewId, s.caseId(), s.alias(), rounds[2], names.get(rounds[2]), 2,
                            instrumentId, load));
                    // From here the case is blind for both reviewers, in every service that shows its content.
                    outbox.append(caller.tenant(), s.caseId(), SecondReviewAssigned.newBuilder()
                            .setReviewId(reviewId.toString()).setCaseId(s.caseId()).setAlias(s.alias())
                            .addReviewers(rounds[1]).addReviewers(rounds[2]).build());
                }
            }
            return created;
        });
    }

    /** Inside TenantTx: the review's reviewers whose access is active now, id → name, by name. */
    Map<String, String> activeReviewers(UUID reviewId) {
        Instant now = clock.instant();
        Map<String, String> names = new LinkedHashMap<>();
        tenantTx.query("""
                select distinct user_id, name from review_people where review_id = ? and role = 'reviewer'
                and not revoked and (access_from is null or access_from <= ?) and (access_to is null or access_to > ?)
                order by name, user_id""", rs -> names.put(rs.getString(1), rs.getString(2)), reviewId, now, now);
        return names;
    }

    /** For the review page's reassignment choice: the active reviewers (staff only). */
    public Map<String, String> reviewersOf(Caller caller, UUID reviewId) {
        Access.requireStaff(caller);
        return tenantTx.read(caller.tenant(), () -> activeReviewers(reviewId));
    }

    /**
     * Moves a case not yet submitted to another active reviewer of the review (ill, leaving, a conflict of
     * interest). The draft goes with it; the change is in the case's history with the reason, and the new reviewer is
     * told (AssessmentAssigned). A case's two rounds never end with the same reviewer: the second review is independent.
     */
    public Assignment reassign(Caller caller, UUID id, @Nullable String to, @Nullable String reason) {
        if (!caller.hasAnyRole(ASSIGNERS)) {
            throw Access.forbidden();
        }
        if (to == null || to.isBlank()) {
            throw ProblemException.invalid("reviewer", "Vælg den sagsgennemgår, sagen skal overdrages til.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.length() > 1000) {
            throw ProblemException.invalid("reason", "Begrundelsen må højst være 1.000 tegn.");
        }
        if (CprGuard.containsCpr(why)) {
            throw ProblemException.cpr("reason");
        }
        return tenantTx.write(caller.tenant(), () -> {
            List<Assignment> found = tenantTx.query("select " + COLUMNS + " from assignments where id = ?", this::map, id);
            if (found.isEmpty()) {
                throw ProblemException.notFound("Vurderingen findes ikke.");
            }
            Assignment a = found.get(0);
            requireOpen(a);
            Map<String, String> names = activeReviewers(a.reviewId());
            if (!names.containsKey(to)) {
                throw ProblemException.invalid("reviewer", "Vælg en sagsgennemgår med adgang til gennemgangen nu.");
            }
            if (a.reviewer().equals(to)) {
                throw ProblemException.invalid("reviewer", a.alias() + " er allerede fordelt til " + a.reviewerName() + ".");
            }
            List<Assignment> rounds = rounds(a.reviewId(), a.caseId());
            if (rounds.stream().anyMatch(r -> r.round() != a.round() && r.reviewer().equals(to))) {
                throw ProblemException.invalid("reviewer", names.get(to) + " har den anden gennemgang af " + a.alias()
                        + "; de to gennemgange skal laves af hver sin.");
            }
            tenantTx.update("""
                    update assignments set reviewer = ?, reviewer_name = ?, lock_version = lock_version + 1
                    where id = ?""", to, names.get(to), id);
            history(caller, id, "reassigned", a.answers(), "Fra " + a.reviewerName() + " til " + names.get(to)
                    + (why.isEmpty() ? "" : ": " + why));
            outbox.append(caller.tenant(), a.caseId().toString(), AssessmentAssigned.newBuilder()
                    .setAssignmentId(id.toString()).setReviewId(a.reviewId().toString()).setCaseId(a.caseId().toString())
                    .setAlias(a.alias()).setReviewer(to).setRound(a.round()).setInstrumentId(a.instrumentId().toString())
                    .build());
            if (rounds.size() > 1) {
                // The case stays blind for both of its reviewers now, whoever they are.
                SecondReviewAssigned.Builder blind = SecondReviewAssigned.newBuilder().setReviewId(a.reviewId().toString())
                        .setCaseId(a.caseId().toString()).setAlias(a.alias());
                rounds.forEach(r -> blind.addReviewers(r.id().equals(id) ? to : r.reviewer()));
                outbox.append(caller.tenant(), a.caseId().toString(), blind.build());
            }
            return find(id);
        });
    }

    private UUID instrumentOf(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            if (!instruments.find(uuid).published()) {
                throw ProblemException.invalid("instrumentId", "Gennemgangens instrument er en kladde; offentliggør det først.");
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("instrumentId",
                    "Vælg et instrument til gennemgangen (under Gennemgange i sagsindtag) før sagerne fordeles.");
        }
    }

    private static String leastLoaded(Map<String, Integer> load, Map<String, String> names, @Nullable String not) {
        return names.keySet().stream().filter(u -> !u.equals(not))
                .min(Comparator.comparing((String u) -> load.get(u)).thenComparing(names::get)).orElseThrow();
    }

    private Assignment insert(Caller caller, UUID reviewId, String caseId, String alias, String reviewer, String name,
                              int round, UUID instrumentId, Map<String, Integer> load) {
        UUID id = UUID.randomUUID();
        tenantTx.update("""
                insert into assignments (id, tenant, review_id, case_id, alias, reviewer, reviewer_name, round, instrument_id,
                                         status, assigned_by)
                values (?, ?, ?, ?::uuid, ?, ?, ?, ?, ?, 'assigned', ?)""",
                id, caller.tenant(), reviewId, caseId, alias, reviewer, name, round, instrumentId, caller.userId());
        load.merge(reviewer, 1, Integer::sum);
        outbox.append(caller.tenant(), caseId, AssessmentAssigned.newBuilder().setAssignmentId(id.toString())
                .setReviewId(reviewId.toString()).setCaseId(caseId).setAlias(alias).setReviewer(reviewer)
                .setRound(round).setInstrumentId(instrumentId.toString()).build());
        return find(id);
    }

    // ---- reading ----

    /** The caller's own assignments (their work list), in reviews where they are active now. */
    /** The caller's own work list, answers included: each case in it is logged as read. */
    public List<Assignment> mine(Caller caller) {
        Instant now = clock.instant();
        return tenantTx.write(caller.tenant(), () -> {
            List<Assignment> mine = tenantTx.query("select " + COLUMNS + " from assignments a"
                    + " where a.reviewer = ? and " + ACTIVE + " order by a.status = 'submitted', length(a.alias), a.alias",
                    this::map, caller.userId(), caller.userId(), now, now);
            accessLog.recordAll(caller, mine.stream().map(a -> a.caseId().toString()).distinct().toList(),
                    AccessLog.Action.READ, "mine vurderinger");
            return mine;
        });
    }

    /** Staff: a review's assignments; answers blanked where blindness still holds. Cases shown with answers are logged. */
    public List<Assignment> ofReview(Caller caller, UUID reviewId) {
        Access.requireStaff(caller);
        return tenantTx.write(caller.tenant(), () -> {
            Access.requireReview(tenantTx, reviewId);
            List<Assignment> all = tenantTx.query("select " + COLUMNS + " from assignments where review_id = ?"
                    + " order by length(alias), alias, round", this::map, reviewId);
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
            String forklaede = tenantTx.query("select forklaede from review_selections where review_id = ? and case_id = ?",
                    rs -> rs.getString(1), a.reviewId(), a.caseId()).stream().findFirst().orElse("");
            ScreeningView.CaseDetail detail = screening.caseData(a.caseId());
            accessLog.record(caller, a.caseId().toString(), AccessLog.Action.READ, "vurdering");
            String returnedWith = a.submitted() || a.round() != 1 ? null : tenantTx.query("""
                    select verdict, comment from validations where review_id = ? and case_id = ? order by id desc limit 1""",
                    rs -> "disagree".equals(rs.getString(1)) ? rs.getString(2) : null, a.reviewId(), a.caseId())
                    .stream().filter(Objects::nonNull).findFirst().orElse(null);
            return new Workspace(a, instrument, forklaede, detail.timeline(), detail.rules(),
                    Findings.forAssignment(tenantTx, id), returnedWith);
        });
    }

    // ---- answering ----

    /** Autosave: the answers so far, checked per type but not for completeness. */
    public Assignment save(Caller caller, UUID id, long ifMatch, Map<String, String> answers) {
        return tenantTx.write(caller.tenant(), () -> {
            Assignment a = requireAssignee(caller, id);
            requireOpen(a);
            Map<String, String> clean = checked(instruments.find(a.instrumentId()).definition(), answers);
            int n = tenantTx.update("""
                    update assignments set answers = ?::jsonb, status = 'draft', saved_at = now(),
                        lock_version = lock_version + 1 where id = ? and lock_version = ?""",
                    write(clean), id, ifMatch);
            if (n == 0) {
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
            int n = tenantTx.update("""
                    update assignments set status = 'submitted', submitted_at = now(), lock_version = lock_version + 1
                    where id = ? and lock_version = ?""", id, ifMatch);
            if (n == 0) {
                throw stale();
            }
            history(caller, id, "submitted", a.answers());
            outbox.append(caller.tenant(), a.caseId().toString(), AssessmentSubmitted.newBuilder()
                    .setAssignmentId(id.toString()).setReviewId(a.reviewId().toString()).setCaseId(a.caseId().toString())
                    .setAlias(a.alias()).setReviewer(a.reviewer()).setRound(a.round())
                    .setInstrumentId(a.instrumentId().toString()).putAllAnswers(a.answers())
                    .setYearlyCostKr(runningMeasuresCost(a.caseId())).build());
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
        tenantTx.query("select " + COLUMNS + " from assignments where review_id = ? and status = 'submitted'"
                + " order by case_id, round", this::map, reviewId)
                .forEach(a -> byCase.computeIfAbsent(a.caseId(), k -> new Assignment[2])[a.round() - 1] = a);
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
        tenantTx.update("update assignments set status = 'draft', lock_version = lock_version + 1 where id = ?", first.id());
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

    static final String ACTIVE = """
            exists (select 1 from review_people p where p.review_id = a.review_id and p.user_id = ? and not p.revoked
            and (p.access_from is null or p.access_from <= ?) and (p.access_to is null or p.access_to > ?))""";

    /** Inside TenantTx: the caller's own assignment, in a review where their access is active now; else 403. */
    Assignment requireAssignee(Caller caller, UUID id) {
        Instant now = clock.instant();
        List<Assignment> found = tenantTx.query("select " + COLUMNS + " from assignments a where a.id = ?", this::map, id);
        if (found.isEmpty()) {
            throw ProblemException.notFound("Vurderingen findes ikke.");
        }
        Assignment a = found.get(0);
        boolean active = !tenantTx.query("select 1 from assignments a where a.id = ? and " + ACTIVE, rs -> 1, id,
                caller.userId(), now, now).isEmpty();
        if (!a.reviewer().equals(caller.userId()) || !active) {
            throw Access.forbidden();
        }
        return a;
    }

    /** Inside TenantTx: nothing in a validated (locked) review changes. */
    void requireUnlocked(UUID reviewId) {
        if (!tenantTx.query("select 1 from review_locks where review_id = ?", rs -> 1, reviewId).isEmpty()) {
            throw new ProblemException(HttpStatus.CONFLICT, "locked",
                    "Gennemgangens vurderinger er valideret og låst.", null);
        }
    }

    private void requireOpen(Assignment a) {
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
        return tenantTx.query("select " + COLUMNS + " from assignments where id = ?", this::map, id).get(0);
    }

    List<Assignment> rounds(UUID reviewId, UUID caseId) {
        return tenantTx.query("select " + COLUMNS + " from assignments where review_id = ? and case_id = ? order by round",
                this::map, reviewId, caseId);
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
        tenantTx.update("""
                insert into assessment_history (tenant, assignment_id, actor, action, answers, detail)
                values (?, ?, ?, ?, ?::jsonb, ?)""", caller.tenant(), id, caller.userId(), action, write(answers), detail);
    }

    /** The yearly cost of the case's measures still running (started and not ended), from the timeline copy. */
    private long runningMeasuresCost(UUID caseId) {
        return tenantTx.query("""
                select coalesce(sum((e->>'yearlyCostKr')::bigint), 0) from known_cases k, jsonb_array_elements(k.timeline) e
                where k.case_id = ? and e->>'kind' = 'foranstaltning_startet'
                and not exists (select 1 from jsonb_array_elements(k.timeline) x where x->>'kind' = 'foranstaltning_afsluttet'
                    and x->>'measureName' = e->>'measureName' and x->>'date' >= e->>'date')""",
                rs -> rs.getLong(1), caseId).get(0);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static ProblemException stale() {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "stale",
                "Vurderingen er gemt fra et andet vindue i mellemtiden. Hent siden igen.", null);
    }

    Assignment map(ResultSet rs) throws SQLException {
        return new Assignment(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getObject(8, UUID.class),
                rs.getString(9), answersOf(rs.getString(10)), rs.getLong(11), rs.getTimestamp(12).toInstant(),
                rs.getTimestamp(13) == null ? null : rs.getTimestamp(13).toInstant(),
                rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant());
    }

    private String write(Map<String, String> answers) {
        return json.write(answers);
    }

    /** Answers as stored (question id -> answer). */
    Map<String, String> answersOf(String stored) {
        return json.read(stored, Argument.mapOf(String.class, String.class));
    }
}
