package dk.gennemsyn.assessment.assessments;

import dk.gennemsyn.assessment.access.Access;
import dk.gennemsyn.assessment.cases.KnownCases;
import dk.gennemsyn.assessment.instruments.Instruments;
import dk.gennemsyn.assessment.reviews.ReviewCopies;
import dk.gennemsyn.platform.cpr.CprGuard;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.proto.assessment.v1.AssessmentAssigned;
import dk.gennemsyn.proto.assessment.v1.SecondReviewAssigned;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who assesses which case: the selected cases distributed with balanced load (a second, different reviewer for the
 * blind second review), and a case moved to another reviewer before it is submitted.
 */
@Singleton
public class Assignments {

    public static final List<String> ASSIGNERS = List.of(Roles.PROJEKTLEDER, Roles.TENANT_ADMIN);

    private final AssignmentRows rows;
    private final Assessments assessments;
    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Clock clock;
    private final Instruments instruments;
    private final ReviewCopies reviews;
    private final KnownCases knownCases;

    Assignments(AssignmentRows rows, Assessments assessments, TenantTx tenantTx, Outbox outbox, Clock clock,
                Instruments instruments, ReviewCopies reviews, KnownCases knownCases) {
        this.rows = rows;
        this.assessments = assessments;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.clock = clock;
        this.instruments = instruments;
        this.reviews = reviews;
        this.knownCases = knownCases;
    }

    /**
     * Assigns every deep-review case of the review (all selected cases if none is marked) that has no reviewer
     * yet to the active reviewer with the fewest cases; second-review cases also get a second, different reviewer.
     */
    public List<Assessments.Assignment> assign(Caller caller, UUID reviewId) {
        if (!caller.hasAnyRole(ASSIGNERS)) {
            throw Access.forbidden();
        }
        return tenantTx.write(caller.tenant(), () -> {
            String instrument = reviews.find(reviewId).map(ReviewCopies.ReviewRef::instrumentId).orElseThrow(() ->
                    ProblemException.notFound("Gennemgangen findes ikke (endnu) i vurderingen."));
            UUID instrumentId = instrumentOf(instrument);
            Map<String, String> names = activeReviewers(reviewId);
            if (names.isEmpty()) {
                throw ProblemException.invalid("reviewers", "Gennemgangen har ingen aktive sagsgennemgåere at fordele til.");
            }
            Map<String, Integer> load = new HashMap<>();
            names.keySet().forEach(u -> load.put(u, 0));
            Map<UUID, String[]> existing = new HashMap<>(); // case -> reviewer per round
            for (AssignmentRow a : rows.findByReviewId(reviewId)) {
                existing.computeIfAbsent(a.caseId(), k -> new String[3])[a.round()] = a.reviewer();
                load.merge(a.reviewer(), 1, Integer::sum);
            }
            List<KnownCases.Selection> selected = knownCases.selections(reviewId);
            boolean anyDeep = selected.stream().anyMatch(KnownCases.Selection::deepReview);
            List<Assessments.Assignment> created = new ArrayList<>();
            for (KnownCases.Selection s : selected) {
                if (anyDeep && !s.deepReview()) {
                    continue;
                }
                String[] rounds = existing.computeIfAbsent(s.caseId(), k -> new String[3]);
                if (rounds[1] == null) {
                    rounds[1] = leastLoaded(load, names, null);
                    created.add(insert(caller, reviewId, s, rounds[1], names.get(rounds[1]), 1, instrumentId, load));
                }
                if (s.secondReview() && rounds[2] == null && names.size() > 1) {
                    rounds[2] = leastLoaded(load, names, rounds[1]);
                    created.add(insert(caller, reviewId, s, rounds[2], names.get(rounds[2]), 2, instrumentId, load));
                    // From here the case is blind for both reviewers, in every service that shows its content.
                    outbox.append(caller.tenant(), s.caseId().toString(), SecondReviewAssigned.newBuilder()
                            .setReviewId(reviewId.toString()).setCaseId(s.caseId().toString()).setAlias(s.alias())
                            .addReviewers(rounds[1]).addReviewers(rounds[2]).build());
                }
            }
            return created;
        });
    }

    /** Inside TenantTx: the review's reviewers whose access is active now, id → name, by name. */
    private Map<String, String> activeReviewers(UUID reviewId) {
        return reviews.activeReviewers(reviewId, clock.instant());
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
    public Assessments.Assignment reassign(Caller caller, UUID id, @Nullable String to, @Nullable String reason) {
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
            Assessments.Assignment a = rows.findById(id).map(assessments::view)
                    .orElseThrow(() -> ProblemException.notFound("Vurderingen findes ikke."));
            assessments.requireOpen(a);
            Map<String, String> names = activeReviewers(a.reviewId());
            if (!names.containsKey(to)) {
                throw ProblemException.invalid("reviewer", "Vælg en sagsgennemgår med adgang til gennemgangen nu.");
            }
            if (a.reviewer().equals(to)) {
                throw ProblemException.invalid("reviewer", a.alias() + " er allerede fordelt til " + a.reviewerName() + ".");
            }
            List<Assessments.Assignment> rounds = assessments.rounds(a.reviewId(), a.caseId());
            if (rounds.stream().anyMatch(r -> r.round() != a.round() && r.reviewer().equals(to))) {
                throw ProblemException.invalid("reviewer", names.get(to) + " har den anden gennemgang af " + a.alias()
                        + "; de to gennemgange skal laves af hver sin.");
            }
            rows.reassign(id, to, names.get(to));
            assessments.history(caller, id, "reassigned", a.answers(), "Fra " + a.reviewerName() + " til " + names.get(to)
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
            return assessments.find(id);
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

    private Assessments.Assignment insert(Caller caller, UUID reviewId, KnownCases.Selection s, String reviewer,
                                          String name, int round, UUID instrumentId, Map<String, Integer> load) {
        UUID id = UUID.randomUUID();
        rows.assign(id, caller.tenant(), reviewId, s.caseId(), s.alias(), reviewer, name, round, instrumentId,
                caller.userId());
        load.merge(reviewer, 1, Integer::sum);
        outbox.append(caller.tenant(), s.caseId().toString(), AssessmentAssigned.newBuilder().setAssignmentId(id.toString())
                .setReviewId(reviewId.toString()).setCaseId(s.caseId().toString()).setAlias(s.alias())
                .setReviewer(reviewer).setRound(round).setInstrumentId(instrumentId.toString()).build());
        return assessments.find(id);
    }
}
