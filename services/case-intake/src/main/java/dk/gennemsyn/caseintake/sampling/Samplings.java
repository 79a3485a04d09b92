package dk.gennemsyn.caseintake.sampling;

import dk.gennemsyn.caseintake.cases.Cases;
import dk.gennemsyn.caseintake.reviews.Membership;
import dk.gennemsyn.caseintake.reviews.ReviewRecords.Review;
import dk.gennemsyn.caseintake.reviews.ReviewState;
import dk.gennemsyn.caseintake.reviews.Reviews;
import dk.gennemsyn.platform.accesslog.AccessLog;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.web.Paging;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpStatus;
import dk.gennemsyn.platform.db.JsonColumns;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Drawing a review's samples and recording the protocol; purposive selection with a forklæde. Tiers: the
 * screening sample (from the tenant's cases), the deep-review subset (from the screening sample) and the subset
 * for an independent second review (from the deep-review subset). Every selected case is published as
 * CaseSelectedForReview for the assessment service. Hand SQL only for the sampling frame: a query assembled from the
 * filter's optional conditions (the rest are repositories).
 */
@Singleton
public class Samplings {

    public static final Set<String> TIERS = Set.of("screening", "deep", "second");
    public static final Set<String> METHODS = Set.of("simple", "proportional", "fixed");
    public static final int MIN_FORKLAEDE = 10;

    /** The population filter; null or empty means "any". */
    @Serdeable
    public record Filter(@Nullable List<String> caseTypes, @Nullable List<String> teams, @Nullable List<UUID> measureIds,
                         @Nullable Boolean open, @Nullable LocalDate eventFrom, @Nullable LocalDate eventTo,
                         @Nullable Integer notReviewedMonths) {
    }

    public record Request(String tier, String method, @Nullable Integer size, @Nullable String strataBy,
                          @Nullable Map<String, Integer> perStratum, @Nullable Long seed, @Nullable Filter filter) {
    }

    @Serdeable
    public record Frame(Filter filter, String tier, @Nullable String strataBy, int frameSize, String frameDigest) {
    }

    @Serdeable
    public record Exclusions(int alreadySelected, int reviewedRecently, @Nullable Integer months) {
    }

    @Serdeable
    public record Protocol(UUID id, UUID reviewId, String tier, String method, long seed, Frame frame, int frameSize,
                           List<Draw.Allocation> strata, Exclusions exclusions, int sampleSize, List<String> aliases,
                           List<UUID> caseIds, String drawnBy, Instant drawnAt) {
    }

    @Serdeable
    @Introspected
    public record Selected(UUID caseId, String alias, String caseType, String selection, boolean screening,
                           boolean deepReview, boolean secondReview, String forklaede, Instant selectedAt,
                           String selectedBy, long version) {
    }

    @Serdeable
    record StoredResult(List<UUID> caseIds, List<String> aliases) {
    }

    private final TenantTx tenantTx;
    private final SamplingRows samplings;
    private final SelectionRows selections;
    private final Reviews reviews;
    private final Outbox outbox;
    private final AccessLog accessLog;
    private final Membership membership;
    private final JsonColumns json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Samplings(TenantTx tenantTx, SamplingRows samplings, SelectionRows selections, Reviews reviews, Outbox outbox,
              AccessLog accessLog, Membership membership, JsonColumns json, Clock clock) {
        this.tenantTx = tenantTx;
        this.samplings = samplings;
        this.selections = selections;
        this.reviews = reviews;
        this.outbox = outbox;
        this.accessLog = accessLog;
        this.membership = membership;
        this.json = json;
        this.clock = clock;
    }

    public Protocol draw(Caller caller, UUID reviewId, Request req) {
        if (!TIERS.contains(req.tier())) {
            throw ProblemException.invalid("tier", "Vælg lag: screening, deep (dybdegående) eller second (anden gennemgang).");
        }
        if (!METHODS.contains(req.method())) {
            throw ProblemException.invalid("method", "Vælg metode: simple (simpel tilfældig), proportional eller fixed (fast antal pr. gruppe).");
        }
        if (!req.method().equals("simple") && !Set.of("caseType", "team").contains(req.strataBy())) {
            throw ProblemException.invalid("strataBy", "Stratificér efter caseType (sagstype) eller team.");
        }
        if (!req.method().equals("fixed") && (req.size() == null || req.size() < 1)) {
            throw ProblemException.invalid("size", "Angiv stikprøvens størrelse (mindst 1).");
        }
        if (req.method().equals("fixed") && (req.perStratum() == null || req.perStratum().isEmpty())) {
            throw ProblemException.invalid("perStratum", "Angiv antal sager pr. gruppe.");
        }
        Filter filter = req.filter() == null ? new Filter(null, null, null, null, null, null, null) : req.filter();
        if (filter.caseTypes() != null) {
            filter.caseTypes().forEach(Cases::caseType);
        }
        if (filter.notReviewedMonths() != null && (filter.notReviewedMonths() < 1 || filter.notReviewedMonths() > 120)) {
            throw ProblemException.invalid("filter.notReviewedMonths", "Angiv mellem 1 og 120 måneder.");
        }
        long seed = req.seed() != null ? req.seed() : random.nextLong() & Long.MAX_VALUE;
        return tenantTx.write(caller.tenant(), () -> {
            Review review = reviews.load(reviewId);
            Set<String> allowed = req.tier().equals("screening") ? Set.of(ReviewState.PLANNING.code, ReviewState.SAMPLING.code)
                    : Set.of(ReviewState.PLANNING.code, ReviewState.SAMPLING.code, ReviewState.REVIEWING.code);
            if (!allowed.contains(review.state())) {
                throw new ProblemException(HttpStatus.CONFLICT, "wrong-state",
                        "Stikprøven kan ikke trækkes i fasen '" + review.stateLabel() + "'.", null);
            }
            if (samplings.existsByReviewIdAndTier(reviewId, req.tier())) {
                throw new ProblemException(HttpStatus.CONFLICT, "already-drawn",
                        "Denne stikprøve er allerede trukket for gennemgangen (se protokollen).", "tier");
            }
            FrameRows rows = frame(reviewId, req.tier(), req.strataBy(), filter);
            List<Draw.FrameCase> frame = rows.frame();
            Draw.Result result = switch (req.method()) {
                case "simple" -> Draw.simple(frame, req.size(), seed);
                case "proportional" -> Draw.proportional(frame, req.size(), seed);
                default -> Draw.fixed(frame, req.perStratum(), seed);
            };
            UUID id = UUID.randomUUID();
            List<String> aliases = aliases(result.sample());
            Frame frameDef = new Frame(filter, req.tier(), req.strataBy(), frame.size(), Draw.frameDigest(frame));
            Exclusions exclusions = new Exclusions(rows.alreadySelected(), rows.reviewedRecently(), filter.notReviewedMonths());
            Instant now = clock.instant();
            samplings.save(new SamplingRow(id, caller.tenant(), reviewId, req.tier(), req.method(), seed,
                    json.write(frameDef), frame.size(), json.write(result.strata()), json.write(exclusions),
                    result.sample().size(), json.write(new StoredResult(result.sample(), aliases)), caller.userId(), now));
            String selection = req.method().equals("simple") ? "random" : "stratified";
            for (UUID caseId : result.sample()) {
                switch (req.tier()) {
                    case "screening" -> selections.drawn(caller.tenant(), reviewId, caseId, selection, id, now,
                            caller.userId());
                    case "deep" -> selections.toDeepReview(reviewId, caseId);
                    default -> selections.toSecondReview(reviewId, caseId);
                }
                accessLog.record(caller, caseId.toString(), AccessLog.Action.UPDATE, "stikprøve");
                publish(caller.tenant(), reviewId, caseId);
            }
            if (ReviewState.PLANNING.code.equals(review.state())) {
                // Drawing the first sample is what the sampling phase is; move there on its own.
                reviews.transition(caller, reviewId, ReviewState.SAMPLING.code);
            }
            return protocols(reviewId).stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        });
    }

    public List<Protocol> protocols(Caller caller, UUID reviewId) {
        return tenantTx.read(caller.tenant(), () -> {
            reviews.load(reviewId);
            membership.requireReviewAccess(caller, reviewId);
            return protocols(reviewId);
        });
    }

    /** Chooses a case by hand: only with a forklæde (why it was chosen and what to watch). */
    public Selected choose(Caller caller, UUID reviewId, UUID caseId, String forklaede, boolean deepReview,
                           boolean secondReview) {
        String text = forklaede(forklaede);
        return tenantTx.write(caller.tenant(), () -> {
            Reviews.requireOpen(reviews.load(reviewId));
            if (!selections.caseExists(caseId)) {
                throw ProblemException.invalid("caseId", "Sagen findes ikke.");
            }
            if (selections.isSelected(reviewId, caseId)) {
                throw new ProblemException(HttpStatus.CONFLICT, "already-selected",
                        "Sagen er allerede udvalgt til gennemgangen. Ret dens forklæde i stedet.", "caseId");
            }
            selections.chosen(caller.tenant(), reviewId, caseId, deepReview, secondReview, text, clock.instant(),
                    caller.userId());
            accessLog.record(caller, caseId.toString(), AccessLog.Action.UPDATE, "udvalgt med forklæde");
            publish(caller.tenant(), reviewId, caseId);
            return selected(reviewId, caseId);
        });
    }

    /** Edits a selected case's forklæde; expectedVersion from the ETag (412 if someone changed it meanwhile). */
    public Selected editForklaede(Caller caller, UUID reviewId, UUID caseId, long expectedVersion, String forklaede) {
        String text = forklaede(forklaede);
        return tenantTx.write(caller.tenant(), () -> {
            Reviews.requireOpen(reviews.load(reviewId));
            Selected current = selected(reviewId, caseId);
            if (current.version() != expectedVersion) {
                throw new ProblemException(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                        "Forklædet er ændret af en anden, siden du hentede det. Hent det igen.", null);
            }
            selections.changeForklaede(reviewId, caseId, text);
            accessLog.record(caller, caseId.toString(), AccessLog.Action.UPDATE, "forklæde");
            publish(caller.tenant(), reviewId, caseId);
            return selected(reviewId, caseId);
        });
    }

    public Paging.Page<Selected> selection(Caller caller, UUID reviewId, int page, int size, String purpose) {
        Paging.of(page, size, io.micronaut.data.model.Sort.UNSORTED);
        return tenantTx.write(caller.tenant(), () -> {
            reviews.load(reviewId);
            membership.requireReviewAccess(caller, reviewId);
            var found = selections.page(reviewId, Pageable.from(page, size));
            List<Selected> items = found.getContent();
            accessLog.recordAll(caller, items.stream().map(s -> s.caseId().toString()).toList(), AccessLog.Action.READ, purpose);
            return new Paging.Page<>(items, page, size, found.getTotalSize());
        });
    }

    public Selected selectedCase(Caller caller, UUID reviewId, UUID caseId) {
        return tenantTx.write(caller.tenant(), () -> {
            membership.requireReviewAccess(caller, reviewId);
            Selected s = selected(reviewId, caseId);
            accessLog.record(caller, caseId.toString(), AccessLog.Action.READ, "forklæde");
            return s;
        });
    }

    // ---- inside a tenant transaction -------------------------------------------------------------------------

    private record FrameRows(List<Draw.FrameCase> frame, int alreadySelected, int reviewedRecently) {
    }

    private FrameRows frame(UUID reviewId, String tier, @Nullable String strataBy, Filter f) {
        String stratum = "caseType".equals(strataBy) ? "c.case_type" : "team".equals(strataBy) ? "coalesce(c.team, '(uden team)')" : "''";
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        args.add(reviewId);
        Integer months = f.notReviewedMonths();
        args.add(clock.instant().atOffset(ZoneOffset.UTC).minusMonths(months == null ? 0 : months).toInstant());
        String from;
        switch (tier) {
            case "screening" -> from = " from cases c";
            case "deep" -> {
                from = " from cases c join review_cases this on this.case_id = c.id and this.review_id = ?";
                where.append(" and not this.deep_review");
            }
            default -> {
                from = " from cases c join review_cases this on this.case_id = c.id and this.review_id = ?";
                where.append(" and this.deep_review and not this.second_review");
            }
        }
        if (f.caseTypes() != null && !f.caseTypes().isEmpty()) {
            where.append(" and c.case_type = any(?)");
            args.add(tenantTx.array("text", f.caseTypes()));
        }
        if (f.teams() != null && !f.teams().isEmpty()) {
            where.append(" and c.team = any(?)");
            args.add(tenantTx.array("text", f.teams()));
        }
        if (f.open() != null) {
            where.append(" and c.open = ?");
            args.add(f.open());
        }
        if (f.measureIds() != null && !f.measureIds().isEmpty()) {
            where.append(" and exists (select 1 from timeline_events t where t.case_id = c.id and t.measure_id = any(?))");
            args.add(tenantTx.array("uuid", f.measureIds()));
        }
        if (f.eventFrom() != null || f.eventTo() != null) {
            where.append(" and exists (select 1 from timeline_events t where t.case_id = c.id and t.occurred_on >= ?"
                    + " and t.occurred_on <= ?)");
            args.add(f.eventFrom() == null ? LocalDate.of(1900, 1, 1) : f.eventFrom());
            args.add(f.eventTo() == null ? LocalDate.of(9999, 12, 31) : f.eventTo());
        }
        // "already" and "recent" are computed for every candidate so the protocol can count the exclusions.
        String sql = "select c.id, " + stratum + ","
                + " exists (select 1 from review_cases o where o.case_id = c.id and o.review_id = ?) as already,"
                + " exists (select 1 from review_cases o where o.case_id = c.id and o.selected_at >= ?) as recent"
                + from + where;
        List<Object> all = new ArrayList<>(args);
        if (!tier.equals("screening")) {
            all.add(2, reviewId); // the join's parameter comes after the two in the select list
        }
        List<Object[]> rows = tenantTx.query(sql, rs -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2),
                rs.getBoolean(3), rs.getBoolean(4)}, all.toArray());
        List<Draw.FrameCase> frame = new ArrayList<>();
        int already = 0;
        int recent = 0;
        for (Object[] r : rows) {
            if (tier.equals("screening") && (Boolean) r[2]) {
                already++;
            } else if (tier.equals("screening") && months != null && (Boolean) r[3]) {
                recent++;
            } else {
                frame.add(new Draw.FrameCase((UUID) r[0], (String) r[1]));
            }
        }
        return new FrameRows(frame, already, recent);
    }

    private List<Protocol> protocols(UUID reviewId) {
        return samplings.findByReviewIdOrderByDrawnAt(reviewId).stream().map(s -> {
            StoredResult r = json.read(s.result(), StoredResult.class);
            return new Protocol(s.id(), s.reviewId(), s.tier(), s.method(), s.seed(), json.read(s.frame(), Frame.class),
                    s.frameSize(), List.of(json.read(s.strata(), Draw.Allocation[].class)),
                    json.read(s.exclusions(), Exclusions.class), s.sampleSize(),
                    r.aliases() == null ? List.of() : r.aliases(), r.caseIds() == null ? List.of() : r.caseIds(),
                    s.drawnBy(), s.drawnAt());
        }).toList();
    }

    private Selected selected(UUID reviewId, UUID caseId) {
        return selections.selected(reviewId, caseId).orElseThrow(() -> ProblemException.notFound("Sagen er ikke udvalgt til gennemgangen."));
    }

    private void publish(String tenant, UUID reviewId, UUID caseId) {
        Selected s = selected(reviewId, caseId);
        outbox.append(tenant, caseId.toString(), CaseSelectedForReview.newBuilder().setReviewId(reviewId.toString())
                .setCaseId(caseId.toString()).setAlias(s.alias()).setCaseType(s.caseType()).setSelection(s.selection())
                .setScreening(s.screening()).setDeepReview(s.deepReview()).setSecondReview(s.secondReview())
                .setForklaede(s.forklaede()).setVersion(s.version()).build());
    }

    private List<String> aliases(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return selections.aliases(ids.stream().map(UUID::toString).toArray(String[]::new));
    }

    static String forklaede(@Nullable String text) {
        String t = Cases.text("forklaede", text, 4000);
        if (t.length() < MIN_FORKLAEDE) {
            throw ProblemException.invalid("forklaede", "En sag valgt med håndkraft skal have et forklæde: skriv i et par "
                    + "linjer, hvorfor den er valgt, og hvad gennemgangen skal se efter.");
        }
        return t;
    }

}
