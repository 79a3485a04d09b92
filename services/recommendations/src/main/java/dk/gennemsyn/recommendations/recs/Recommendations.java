package dk.gennemsyn.recommendations.recs;

import dk.gennemsyn.platform.cpr.CprGuard;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Paging;
import dk.gennemsyn.proto.recommendations.v1.RecommendationDecided;
import dk.gennemsyn.proto.recommendations.v1.RecommendationIssued;
import dk.gennemsyn.recommendations.access.Access;
import dk.gennemsyn.recommendations.reviews.ReviewCopies;
import dk.gennemsyn.platform.history.History;
import dk.gennemsyn.recommendations.reviews.BlindCases;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A review's recommendations, each with the findings it rests on, and the steering group's decisions on them. Every
 * decision is kept; reopening one is itself recorded, and the newest entry is the standing decision.
 */
@Singleton
public class Recommendations {

    @Serdeable
    public record Evidence(@Nullable UUID findingId, @Nullable UUID caseId, String alias, String label) {
    }

    @Serdeable
    public record Decision(String decision, String label, String reason, @Nullable LocalDate meetingDate,
                           String decidedBy, Instant decidedAt) {
    }

    @Serdeable
    public record Recommendation(UUID id, UUID reviewId, String code, String title, String body, String theme,
                                 String themeLabel, List<Evidence> evidence, @Nullable Decision decision,
                                 List<Decision> history, long version) {

        /** Accepted and standing: may feed a focus area. */
        public boolean accepted() {
            return decision != null && decision.decision().equals("accepted");
        }

        /** Waiting for the steering group: never decided, deferred or reopened. */
        public boolean decisionDue() {
            return decision == null || decision.decision().equals("deferred") || decision.decision().equals("reopened");
        }
    }

    public record Input(@Nullable String title, @Nullable String body, @Nullable String theme,
                        @Nullable List<UUID> findingIds) {
    }

    @Serdeable
    @io.micronaut.core.annotation.Introspected
    public record Finding(UUID findingId, UUID caseId, String alias, String category, String severity) {
        public String label() {
            return alias + ": " + category + " (" + SEVERITIES.getOrDefault(severity, severity) + ")";
        }
    }

    public static final Map<String, String> THEMES = ordered(
            "faglig_udredning", "Faglig udredning", "inddragelse", "Inddragelse af barn og familie",
            "valg_af_indsats", "Valg af indsats", "opfoelgning", "Opfølgning", "ledelse", "Ledelse og styring",
            "oekonomi", "Økonomi", "andet", "Andet");
    public static final Map<String, String> DECISIONS = ordered(
            "accepted", "Vedtaget", "rejected", "Afvist", "deferred", "Udsat", "reopened", "Genåbnet");
    /** The decisions a steering group takes, in the order the form offers them. */
    public static final Map<String, String> DECIDABLE = ordered(
            "accepted", "Vedtaget", "rejected", "Afvist", "deferred", "Udsat");
    static final Map<String, String> SEVERITIES = Map.of("info", "info", "minor", "mindre", "major", "væsentlig",
            "critical", "kritisk");

    private final RecommendationRows rows;
    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Access access;
    private final BlindCases blindCases;
    private final History changes;
    private final ReviewCopies reviewCopies;

    Recommendations(RecommendationRows rows, TenantTx tenantTx, Outbox outbox, Access access, BlindCases blindCases,
                    History changes, ReviewCopies reviewCopies) {
        this.rows = rows;
        this.changes = changes;
        this.reviewCopies = reviewCopies;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.access = access;
        this.blindCases = blindCases;
    }

    public List<Recommendation> list(Caller caller, UUID review) {
        return tenantTx.read(caller.tenant(), () -> {
            access.requireRead(caller, review);
            return masked(caller, review, ofReview(review));
        });
    }

    /** One page of the review's recommendations in code order, and how many there are in all. */
    public Paging.Page<Recommendation> page(Caller caller, UUID review, Pageable p) {
        return tenantTx.read(caller.tenant(), () -> {
            access.requireRead(caller, review);
            var page = rows.page(review, p);
            return new Paging.Page<>(masked(caller, review, complete(page.getContent())), p.getNumber(), p.getSize(),
                    page.getTotalSize());
        });
    }

    /** Inside a tenant transaction. */
    public List<Recommendation> ofReview(UUID review) {
        return complete(rows.inOrder(review));
    }

    public Recommendation get(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> {
            Recommendation r = load(id);
            access.requireRead(caller, r.reviewId());
            return masked(caller, r.reviewId(), List.of(r)).get(0);
        });
    }

    /** The review a finding was recorded in, as recommendations knows it (404 before FindingRecorded arrived). */
    public UUID reviewOfFinding(Caller caller, UUID finding) {
        return tenantTx.read(caller.tenant(), () -> {
            UUID review = rows.reviewOfFinding(finding)
                    .orElseThrow(() -> ProblemException.notFound("Fundet kendes ikke her (endnu)."));
            access.requireRead(caller, review);
            return review;
        });
    }

    /** Inside a tenant transaction: the review's findings that can be evidence, but none the caller is blind to. */
    public List<Finding> findings(Caller caller, UUID review) {
        Set<UUID> blind = blindCases.forCaller(caller, review);
        return rows.findings(review).stream()
                .filter(f -> !blind.contains(f.caseId())).toList();
    }

    /**
     * Inside a tenant transaction: the evidence of a case the caller reviews while its second review is blind shows
     * only the alias (the caller knows the case), never the other round's finding.
     */
    private List<Recommendation> masked(Caller caller, UUID review, List<Recommendation> recs) {
        Set<UUID> blind = blindCases.forCaller(caller, review);
        if (blind.isEmpty()) {
            return recs;
        }
        return recs.stream().map(r -> new Recommendation(r.id(), r.reviewId(), r.code(), r.title(), r.body(), r.theme(),
                r.themeLabel(), r.evidence().stream().map(e -> e.caseId() != null && blind.contains(e.caseId())
                        ? new Evidence(null, e.caseId(), e.alias(), e.alias() + ": (skjult, blind anden gennemgang)") : e)
                        .toList(), r.decision(), r.history(), r.version())).toList();
    }

    public Recommendation create(Caller caller, UUID review, Input in) {
        Input v = validate(in);
        return tenantTx.write(caller.tenant(), () -> {
            access.requireAuthor(caller, review);
            tenantTx.lockScope("recommendation-code:" + review);
            int n = rows.lastCodeNumber(review);
            UUID id = UUID.randomUUID();
            rows.save(new RecommendationRow(id, caller.tenant(), review, "A" + (n + 1), v.title(), v.body(), v.theme(),
                    caller.userId(), 1));
            setEvidence(caller.tenant(), id, review, v.findingIds());
            return issued(caller.tenant(), load(id));
        });
    }

    public Recommendation update(Caller caller, UUID id, long expectedVersion, Input in) {
        Input v = validate(in);
        return tenantTx.write(caller.tenant(), () -> {
            Recommendation current = load(id);
            access.requireAuthor(caller, current.reviewId());
            if (rows.change(id, expectedVersion, v.title(), v.body(), v.theme()) == 0) {
                throw stale();
            }
            // Evidence on a case the caller is blind to is not in their form: it stays as it was.
            Set<UUID> blind = blindCases.forCaller(caller, current.reviewId());
            List<UUID> findingIds = new ArrayList<>(v.findingIds());
            current.evidence().stream().filter(e -> e.caseId() != null && blind.contains(e.caseId()) && e.findingId() != null
                    && !findingIds.contains(e.findingId())).forEach(e -> findingIds.add(e.findingId()));
            setEvidence(caller.tenant(), id, current.reviewId(), findingIds);
            Recommendation after = load(id);
            changes.record(caller, id, shown(current), shown(after));
            return issued(caller.tenant(), after);
        });
    }

    /** The history's name for what a recommendation rests on (case aliases: erased with the review's case data). */
    public static final String EVIDENCE_FIELD = "Hviler på";

    private static Map<String, String> shown(Recommendation r) {
        return History.values("Titel", r.title(), "Begrundelse og indhold", r.body(), "Tema", r.themeLabel(),
                EVIDENCE_FIELD, r.evidence().stream().map(Evidence::alias).distinct().sorted().collect(java.util.stream.Collectors.joining("; ")));
    }

    /** A recommendation's changes (title, text, theme, evidence), newest first. */
    public List<History.Entry> changes(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> {
            Recommendation r = load(id);
            access.requireRead(caller, r.reviewId());
            return changes.of(id, user -> reviewCopies.name(r.reviewId(), user));
        });
    }

    /** The steering group's decision, with its reason and the meeting it was taken at. */
    public Recommendation decide(Caller caller, UUID id, @Nullable String decision, @Nullable String reason,
                                 @Nullable LocalDate meetingDate) {
        Access.requireAny(caller, Access.DECIDERS, "Kun styregruppen (eller projektlederen på dens vegne) kan træffe beslutning.");
        if (decision == null || !List.of("accepted", "rejected", "deferred").contains(decision)) {
            throw ProblemException.invalid("decision", "Vælg vedtaget, afvist eller udsat.");
        }
        String why = text("reason", reason, 4000);
        if (why.isBlank()) {
            throw ProblemException.invalid("reason", "Skriv begrundelsen for beslutningen.");
        }
        if (meetingDate == null) {
            throw ProblemException.invalid("meetingDate", "Angiv datoen for mødet, hvor beslutningen blev truffet.");
        }
        return tenantTx.write(caller.tenant(), () -> {
            Recommendation r = load(id);
            access.requireRead(caller, r.reviewId());
            record(caller, r, decision, why, meetingDate);
            Recommendation after = load(id);
            outbox.append(caller.tenant(), id.toString(), RecommendationDecided.newBuilder().setRecommendationId(id.toString())
                    .setReviewId(r.reviewId().toString()).setCode(r.code()).setTitle(r.title()).setDecision(decision)
                    .setMeetingDate(meetingDate.toString()).setDecidedBy(caller.userId()).build());
            return after;
        });
    }

    /** Takes a decision up again; the earlier one stays in the history. */
    public Recommendation reopen(Caller caller, UUID id, @Nullable String reason) {
        Access.requireAny(caller, Access.DECIDERS, "Kun styregruppen (eller projektlederen på dens vegne) kan genåbne en beslutning.");
        String why = text("reason", reason, 4000);
        if (why.isBlank()) {
            throw ProblemException.invalid("reason", "Skriv hvorfor beslutningen genåbnes.");
        }
        return tenantTx.write(caller.tenant(), () -> {
            Recommendation r = load(id);
            access.requireRead(caller, r.reviewId());
            if (r.decision() == null || r.decision().decision().equals("reopened")) {
                throw new ProblemException(HttpStatus.CONFLICT, "not-decided", "Der er ingen beslutning at genåbne.", null);
            }
            record(caller, r, "reopened", why, null);
            return load(id);
        });
    }

    private void record(Caller caller, Recommendation r, String decision, String reason, @Nullable LocalDate meetingDate) {
        rows.decide(UUID.randomUUID(), caller.tenant(), r.id(), decision, reason, meetingDate, caller.userId());
    }

    private Recommendation issued(String tenant, Recommendation r) {
        outbox.append(tenant, r.id().toString(), RecommendationIssued.newBuilder().setRecommendationId(r.id().toString())
                .setReviewId(r.reviewId().toString()).setCode(r.code()).setTitle(r.title()).setTheme(r.theme())
                .addAllFindingIds(r.evidence().stream().filter(e -> e.findingId() != null).map(e -> e.findingId().toString()).toList())
                .addAllCaseAliases(r.evidence().stream().map(Evidence::alias).distinct().toList())
                .setVersion(r.version()).build());
        return r;
    }

    private void setEvidence(String tenant, UUID id, UUID review, List<UUID> findingIds) {
        rows.clearEvidence(id);
        for (UUID f : findingIds) {
            if (rows.addEvidence(tenant, id, f, review) == 0) {
                throw ProblemException.invalid("findingIds", "Et af fundene hører ikke til denne gennemgang.");
            }
        }
    }

    /** Inside a tenant transaction. */
    public Recommendation load(UUID id) {
        return rows.findById(id).map(r -> complete(List.of(r)).get(0))
                .orElseThrow(() -> ProblemException.notFound("Anbefalingen findes ikke."));
    }

    /** The recommendations with their evidence and decisions, in the order given: three statements however many. */
    private List<Recommendation> complete(List<RecommendationRow> base) {
        if (base.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = base.stream().map(RecommendationRow::id).toList();
        Map<UUID, List<Evidence>> evidence = new HashMap<>();
        rows.evidence(ids).forEach(e -> evidence.computeIfAbsent(e.recommendationId(), k -> new ArrayList<>())
                .add(new Evidence(e.findingId(), e.caseId(), e.alias(), e.label())));
        Map<UUID, List<Decision>> histories = new HashMap<>();
        rows.decisions(ids).forEach(d -> histories.computeIfAbsent(d.recommendationId(), k -> new ArrayList<>())
                .add(new Decision(d.decision(), DECISIONS.getOrDefault(d.decision(), d.decision()), d.reason(),
                        d.meetingDate(), d.decidedBy(), d.decidedAt())));
        List<Recommendation> out = new ArrayList<>(base.size());
        for (RecommendationRow b : base) {
            List<Decision> history = histories.getOrDefault(b.id(), List.of());
            out.add(new Recommendation(b.id(), b.reviewId(), b.code(), b.title(), b.body(), b.theme(),
                    THEMES.getOrDefault(b.theme(), b.theme()), evidence.getOrDefault(b.id(), List.of()),
                    history.isEmpty() ? null : history.get(history.size() - 1), history, b.version()));
        }
        return out;
    }

    static Input validate(Input in) {
        String title = text("title", in.title(), 200);
        if (title.isBlank()) {
            throw ProblemException.invalid("title", "Giv anbefalingen en titel.");
        }
        String theme = in.theme() == null || in.theme().isBlank() ? "andet" : in.theme();
        if (!THEMES.containsKey(theme)) {
            throw ProblemException.invalid("theme", "Vælg et af pejlemærkerne: " + String.join(", ", THEMES.values()) + ".");
        }
        return new Input(title, text("body", in.body(), 10_000), theme,
                in.findingIds() == null ? List.of() : in.findingIds().stream().distinct().toList());
    }

    /** Free text: trimmed, at most {@code max} characters, never a CPR number. */
    public static String text(String field, @Nullable String s, int max) {
        String t = s == null ? "" : s.strip();
        if (t.length() > max) {
            throw ProblemException.invalid(field, "Teksten må højst være " + max + " tegn.");
        }
        dk.gennemsyn.platform.cpr.ControlCharacters.check(field, t);
        if (CprGuard.containsCpr(t)) {
            throw ProblemException.cpr(field);
        }
        return t;
    }

    public static ProblemException stale() {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                "Data er ændret af en anden, siden du hentede dem. Hent dem igen, og gentag din ændring.", null);
    }

    public static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
