package dk.gennemsyn.recommendations.plans;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.proto.recommendations.v1.ActionAssigned;
import dk.gennemsyn.proto.recommendations.v1.ActionCompleted;
import dk.gennemsyn.proto.recommendations.v1.IndicatorRecorded;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.recommendations.access.Access;
import dk.gennemsyn.platform.history.History;
import dk.gennemsyn.recommendations.recs.Recommendations;
import dk.gennemsyn.recommendations.reviews.ReviewCopies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The development plan of a review: focus areas (indsatsområder) fed by accepted recommendations, in priority order
 * with a time horizon, and their actions. An action has an owner, dates, a status and a measurable indicator with
 * baseline and target; it cannot start without one (the Task Force found plans "without measurable goals"). Progress
 * notes and indicator values are kept over time, and the plan shows what is on track, at risk and overdue.
 */
@Singleton
public class Plans {


    @Serdeable
    @io.micronaut.core.annotation.Introspected
    public record Measurement(BigDecimal value, LocalDate measuredOn, boolean fromScreening) {
    }

    @Serdeable
    @io.micronaut.core.annotation.Introspected
    public record Note(String body, String writtenBy, Instant writtenAt) {
    }

    @Serdeable
    public record Action(UUID id, UUID focusAreaId, UUID reviewId, String title, String owner, String ownerName,
                         @Nullable LocalDate startDate, LocalDate dueDate, String status, String statusLabel,
                         String statusReason, String indicator, String unit, @Nullable BigDecimal baseline,
                         @Nullable BigDecimal target, List<Measurement> measurements, List<Note> notes, String health,
                         String healthLabel, long version, @Nullable String measureRule) {

        /** Bound to a legal rule: measured at every case-system import, never typed in. */
        public boolean bound() {
            return measureRule != null;
        }

        public boolean hasIndicator() {
            return !indicator.isBlank() && baseline != null && target != null;
        }

        public boolean open() {
            return !status.equals("done") && !status.equals("dropped");
        }

        @Nullable
        public Measurement latest() {
            return measurements.isEmpty() ? null : measurements.get(measurements.size() - 1);
        }
    }

    @Serdeable
    public record FocusArea(UUID id, UUID reviewId, String title, String description, int priority, String horizon,
                            String horizonLabel, List<String> recommendationCodes, List<UUID> recommendationIds,
                            List<Action> actions, long version) {
    }

    @Serdeable
    public record Board(UUID reviewId, List<FocusArea> focusAreas, Map<String, Long> health) {
    }

    public record ActionInput(@Nullable String title, @Nullable String owner, @Nullable LocalDate startDate,
                              @Nullable LocalDate dueDate, @Nullable String indicator, @Nullable String unit,
                              @Nullable BigDecimal baseline, @Nullable BigDecimal target, @Nullable String measure) {
    }

    public static final Map<String, String> STATUSES = Recommendations.ordered(
            "not_started", "Ikke startet", "in_progress", "I gang", "done", "Gennemført", "blocked", "Blokeret",
            "dropped", "Opgivet");
    public static final Map<String, String> HORIZONS = Recommendations.ordered("short", "Kort sigt", "long", "Lang sigt");
    public static final Map<String, String> HEALTH = Recommendations.ordered(
            "overdue", "Overskredet", "at_risk", "I risiko", "on_track", "På sporet", "done", "Afsluttet");

    private final ActionRows rows;
    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Access access;
    private final ReviewCopies reviews;
    private final Clock clock;
    private final BoundIndicators bound;
    private final History history;
    private final FocusAreas focusAreas;

    Plans(ActionRows rows, TenantTx tenantTx, Outbox outbox, Access access, ReviewCopies reviews, Clock clock,
          BoundIndicators bound, History history, FocusAreas focusAreas) {
        this.rows = rows;
        this.focusAreas = focusAreas;
        this.bound = bound;
        this.history = history;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.access = access;
        this.reviews = reviews;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(DanishFormat.ZONE));
    }

    public Board board(Caller caller, UUID review) {
        return tenantTx.read(caller.tenant(), () -> {
            access.requireRead(caller, review);
            return board(review, today());
        });
    }

    /** Inside a tenant transaction: the plan as it stands on {@code day}. */
    public Board board(UUID review, LocalDate day) {
        List<FocusArea> areas = focusAreas.ofReview(review);
        List<FocusArea> full = new ArrayList<>();
        Map<String, Long> health = new java.util.LinkedHashMap<>();
        HEALTH.keySet().forEach(k -> health.put(k, 0L));
        for (FocusArea a : areas) {
            List<Action> actions = rows.ofFocusArea(a.id()).stream().map(r -> action(r, day)).toList();
            actions.forEach(x -> health.merge(x.health(), 1L, Long::sum));
            List<FocusAreaRows.Fed> recs = focusAreas.fedBy(a.id());
            full.add(new FocusArea(a.id(), a.reviewId(), a.title(), a.description(), a.priority(), a.horizon(),
                    a.horizonLabel(), recs.stream().map(FocusAreaRows.Fed::code).toList(),
                    recs.stream().map(FocusAreaRows.Fed::id).toList(), actions, a.version()));
        }
        return new Board(review, full, health);
    }

    /** An action's or focus area's changes, newest first. */
    public List<History.Entry> history(Caller caller, UUID object) {
        return tenantTx.read(caller.tenant(), () -> {
            UUID review = rows.reviewOfActionOrArea(object).stream().findFirst()
                    .orElseThrow(() -> ProblemException.notFound("Handlingen eller indsatsområdet findes ikke."));
            access.requireRead(caller, review);
            return history.of(object, user -> reviews.name(review, user));
        });
    }

    /** The legal rules an indicator of the review can be bound to (code → Danish name). */
    public Map<String, String> measures(Caller caller, UUID review) {
        return tenantTx.read(caller.tenant(), () -> {
            access.requireRead(caller, review);
            return bound.rules(review);
        });
    }

    public Action createAction(Caller caller, UUID focusArea, ActionInput in, @Nullable UUID meetingId) {
        Access.requireAny(caller, Access.PLANNERS, "Kun projektleder og tovholder kan oprette handlinger.");
        return tenantTx.write(caller.tenant(), () -> {
            FocusArea area = area(focusArea);
            access.requireRead(caller, area.reviewId());
            ActionInput v = validate(bound.complete(area.reviewId(), in));
            UUID id = UUID.randomUUID();
            rows.save(new ActionRow(id, caller.tenant(), area.reviewId(), focusArea, v.title(), v.owner(),
                    reviews.name(area.reviewId(), v.owner()), v.startDate(), v.dueDate(), "not_started", "", v.indicator(),
                    v.unit(), v.baseline(), v.target(), meetingId, null, null, v.measure(), 1));
            if (v.measure() != null) {
                bound.bound(caller.tenant(), id, v.measure());
            }
            return assigned(caller.tenant(), loadAction(id, today()));
        });
    }

    public Action updateAction(Caller caller, UUID id, long expectedVersion, ActionInput in) {
        Access.requireAny(caller, Access.PLANNERS, "Kun projektleder og tovholder kan ændre handlinger.");
        return tenantTx.write(caller.tenant(), () -> {
            Action a = loadAction(id, today());
            access.requireRead(caller, a.reviewId());
            ActionInput v = validate(bound.complete(a.reviewId(), in));
            if (a.status().equals("in_progress") && (v.indicator().isBlank() || v.baseline() == null || v.target() == null)) {
                throw ProblemException.invalid("indicator", "En igangværende handling skal have en målbar indikator.");
            }
            if (rows.change(id, expectedVersion, v.title(), v.owner(), reviews.name(a.reviewId(), v.owner()),
                    v.startDate(), v.dueDate(), v.indicator(), v.unit(), v.baseline(), v.target(), v.measure()) == 0) {
                throw Recommendations.stale();
            }
            if (v.measure() != null && !v.measure().equals(a.measureRule())) {
                // Bound to another rule: the old rule's measurements measured something else.
                rows.removeMeasuredValues(id);
                bound.bound(caller.tenant(), id, v.measure());
            }
            Action after = loadAction(id, today());
            Map<String, String> rules = bound.rules(a.reviewId());
            history.record(caller, id, shown(a, rules), shown(after, rules));
            return assigned(caller.tenant(), after);
        });
    }

    /** A status change by a planner or the action's owner; starting needs an indicator, dropping a reason. */
    public Action setStatus(Caller caller, UUID id, long expectedVersion, @Nullable String status, @Nullable String reason) {
        if (status == null || !STATUSES.containsKey(status)) {
            throw ProblemException.invalid("status", "Vælg en status: " + String.join(", ", STATUSES.values()) + ".");
        }
        String why = Recommendations.text("reason", reason, 2000);
        return tenantTx.write(caller.tenant(), () -> {
            Action a = loadAction(id, today());
            requireOwnerOrPlanner(caller, a);
            if (status.equals("in_progress") && !a.hasIndicator()) {
                throw new ProblemException(HttpStatus.CONFLICT, "indicator-required",
                        "Handlingen kan ikke sættes i gang uden en målbar indikator med udgangspunkt og mål.", "indicator");
            }
            if ((status.equals("dropped") || status.equals("blocked")) && why.isBlank()) {
                throw ProblemException.invalid("reason", "Skriv hvorfor handlingen er " + STATUSES.get(status).toLowerCase() + ".");
            }
            if (rows.changeStatus(id, expectedVersion, status, why) == 0) {
                throw Recommendations.stale();
            }
            Action after = loadAction(id, today());
            if (status.equals("done") || status.equals("dropped")) {
                outbox.append(caller.tenant(), id.toString(), ActionCompleted.newBuilder().setActionId(id.toString())
                        .setReviewId(a.reviewId().toString()).setTitle(a.title()).setOwner(a.owner()).setStatus(status)
                        .setReason(why).build());
            }
            return assigned(caller.tenant(), after);
        });
    }

    public Action addNote(Caller caller, UUID id, @Nullable String body) {
        String b = Recommendations.text("body", body, 4000);
        if (b.isBlank()) {
            throw ProblemException.invalid("body", "Skriv en statusnote.");
        }
        return tenantTx.write(caller.tenant(), () -> {
            Action a = loadAction(id, today());
            requireOwnerOrPlanner(caller, a);
            rows.addNote(UUID.randomUUID(), caller.tenant(), id, b, caller.userId());
            return loadAction(id, today());
        });
    }

    public Action recordIndicator(Caller caller, UUID id, @Nullable BigDecimal value, @Nullable LocalDate measuredOn) {
        if (value == null) {
            throw ProblemException.invalid("value", "Angiv indikatorens værdi.");
        }
        LocalDate on = measuredOn == null ? today() : measuredOn;
        if (on.isAfter(today())) {
            throw ProblemException.invalid("measuredOn", "En måling kan ikke ligge i fremtiden.");
        }
        return tenantTx.write(caller.tenant(), () -> {
            Action a = loadAction(id, today());
            requireOwnerOrPlanner(caller, a);
            if (!a.hasIndicator()) {
                throw new ProblemException(HttpStatus.CONFLICT, "indicator-required", "Handlingen har ingen indikator.", "indicator");
            }
            if (a.bound()) {
                throw new ProblemException(HttpStatus.CONFLICT, "indicator-bound",
                        "Indikatoren måles automatisk ved hver import fra sagssystemet og kan ikke tastes.", "value");
            }
            rows.addValue(UUID.randomUUID(), caller.tenant(), id, value, on, caller.userId());
            outbox.append(caller.tenant(), id.toString(), IndicatorRecorded.newBuilder().setActionId(id.toString())
                    .setReviewId(a.reviewId().toString()).setIndicator(a.indicator()).setValue(value.doubleValue())
                    .setBaseline(a.baseline().doubleValue()).setTarget(a.target().doubleValue()).setMeasuredOn(on.toString())
                    .build());
            return loadAction(id, today());
        });
    }

    public Action action(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> {
            Action a = loadAction(id, today());
            access.requireRead(caller, a.reviewId());
            return a;
        });
    }

    private void requireOwnerOrPlanner(Caller caller, Action a) {
        access.requireRead(caller, a.reviewId());
        if (!caller.hasAnyRole(Access.PLANNERS) && !caller.userId().equals(a.owner())) {
            throw Access.forbidden("Kun handlingens ejer, projektleder og tovholder kan melde status.");
        }
    }

    private Action assigned(String tenant, Action a) {
        outbox.append(tenant, a.id().toString(), ActionAssigned.newBuilder().setActionId(a.id().toString())
                .setReviewId(a.reviewId().toString()).setFocusAreaId(a.focusAreaId().toString()).setTitle(a.title())
                .setOwner(a.owner()).setStartDate(a.startDate() == null ? "" : a.startDate().toString())
                .setDueDate(a.dueDate().toString()).setStatus(a.status()).setIndicator(a.indicator())
                .setBaseline(a.baseline() == null ? 0 : a.baseline().doubleValue())
                .setTarget(a.target() == null ? 0 : a.target().doubleValue()).setVersion(a.version()).build());
        return a;
    }

    private ActionInput validate(ActionInput in) {
        String title = Recommendations.text("title", in.title(), 300);
        if (title.isBlank()) {
            throw ProblemException.invalid("title", "Beskriv handlingen.");
        }
        if (in.owner() == null || in.owner().isBlank()) {
            throw ProblemException.invalid("owner", "Vælg handlingens ejer (typisk en tovholder).");
        }
        if (in.dueDate() == null) {
            throw ProblemException.invalid("dueDate", "Angiv hvornår handlingen skal være gennemført.");
        }
        if (in.startDate() != null && in.startDate().isAfter(in.dueDate())) {
            throw ProblemException.invalid("startDate", "Start kan ikke ligge efter fristen.");
        }
        String indicator = Recommendations.text("indicator", in.indicator(), 300);
        if (!indicator.isBlank() && (in.baseline() == null || in.target() == null)) {
            throw ProblemException.invalid(in.baseline() == null ? "baseline" : "target",
                    "En indikator skal have både udgangspunkt og mål.");
        }
        if (indicator.isBlank() && (in.baseline() != null || in.target() != null)) {
            throw ProblemException.invalid("indicator", "Beskriv hvad der måles.");
        }
        if (in.baseline() != null && in.target() != null && in.baseline().compareTo(in.target()) == 0) {
            throw ProblemException.invalid("target", "Målet skal være forskelligt fra udgangspunktet.");
        }
        return new ActionInput(title, in.owner().strip(), in.startDate(), in.dueDate(), indicator,
                Recommendations.text("unit", in.unit(), 40), in.baseline(), in.target(),
                in.measure() == null || in.measure().isBlank() ? null : in.measure().strip());
    }

    /** An action's fields as its form shows them, for the history. */
    private static Map<String, String> shown(Action a, Map<String, String> rules) {
        DanishFormat f = DanishFormat.INSTANCE;
        return History.values("Handling", a.title(), "Ejer", a.ownerName(), "Start", f.date(a.startDate()),
                "Frist", f.date(a.dueDate()), "Indikator", a.indicator(), "Enhed", a.unit(),
                "Udgangspunkt", f.decimal(a.baseline()), "Mål", f.decimal(a.target()),
                "Måles fra screeningen", a.bound() ? rules.getOrDefault(a.measureRule(), a.measureRule()) : "");
    }

    private FocusArea area(UUID id) {
        return focusAreas.area(id);
    }

    /** Inside a tenant transaction: the action and its health on {@code day}. */
    public Action loadAction(UUID id, LocalDate day) {
        return action(rows.findById(id).orElseThrow(() -> ProblemException.notFound("Handlingen findes ikke.")), day);
    }

    private Action action(ActionRow a, LocalDate day) {
        List<Measurement> values = rows.values(a.id());
        Action stored = new Action(a.id(), a.focusAreaId(), a.reviewId(), a.title(), a.owner(), a.ownerName(),
                a.startDate(), a.dueDate(), a.status(), STATUSES.get(a.status()), a.statusReason(), a.indicator(), a.unit(),
                a.baseline(), a.target(), values, rows.notes(a.id()), "", "", a.version(), a.measureRule());
        String health = Health.of(stored, day, rows.lastProgress(a.id()).orElse(null));
        return new Action(a.id(), a.focusAreaId(), a.reviewId(), a.title(), a.owner(), a.ownerName(), a.startDate(),
                a.dueDate(), a.status(), stored.statusLabel(), a.statusReason(), a.indicator(), a.unit(), a.baseline(),
                a.target(), stored.measurements(), stored.notes(), health, HEALTH.get(health), a.version(), a.measureRule());
    }
}
