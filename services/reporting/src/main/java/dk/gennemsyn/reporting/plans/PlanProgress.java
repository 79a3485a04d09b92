package dk.gennemsyn.reporting.plans;

import dk.gennemsyn.platform.web.DanishFormat;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.proto.recommendations.v1.ActionAssigned;
import dk.gennemsyn.proto.recommendations.v1.ActionOverdue;
import dk.gennemsyn.proto.recommendations.v1.FocusAreaPrioritised;
import dk.gennemsyn.proto.recommendations.v1.FocusAreaRank;
import dk.gennemsyn.proto.recommendations.v1.IndicatorRecorded;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Action-plan progress per review, built only from recommendations' events: the focus areas in priority order, each
 * action's status and due date (newest version wins, so out-of-order delivery is harmless), its indicator's latest
 * measurement (the latest measuring date wins) and whether it was escalated as overdue.
 */
@Singleton
public class PlanProgress implements dk.gennemsyn.reporting.model.Projection {


    @Serdeable
    public record Action(UUID actionId, String title, String owner, LocalDate dueDate, String status, String state,
                         String indicator, @Nullable Double baseline, @Nullable Double target, @Nullable Double latest,
                         @Nullable Integer progressPercent, boolean escalated) {
    }

    @Serdeable
    public record FocusArea(UUID focusAreaId, String title, int priority, String horizon, List<Action> actions) {
    }

    @Serdeable
    public record Review(UUID reviewId, String title, Map<String, Integer> states, List<FocusArea> focusAreas) {
    }

    /** Danish labels of the states a plan's actions are counted in. */
    public static final Map<String, String> STATES = Map.of("overdue", "Overskredet", "due_soon", "Frist inden 14 dage",
            "on_track", "I gang / planlagt", "done", "Gennemført", "dropped", "Opgivet");

    private final TenantTx tenantTx;
    private final PlanFocusAreas areas;
    private final PlanActions actions;
    private final dk.gennemsyn.reporting.retained.EventArchive archive;
    private final Clock clock;

    PlanProgress(TenantTx tenantTx, PlanFocusAreas areas, PlanActions actions,
                 dk.gennemsyn.reporting.retained.EventArchive archive, Clock clock) {
        this.tenantTx = tenantTx;
        this.areas = areas;
        this.actions = actions;
        this.archive = archive;
        this.clock = clock;
    }

    @Override
    public Collection<Class<? extends Message>> eventTypes() {
        return List.of(FocusAreaPrioritised.class, ActionAssigned.class, IndicatorRecorded.class, ActionOverdue.class);
    }

    @Override
    public void handle(EventContext c, Message event) {
        archive.keep(c, event);
        apply(c, event);
    }

    @Override
    public void apply(EventContext c, Message event) {
        if (event instanceof FocusAreaPrioritised e) {
            for (FocusAreaRank r : e.getRanksList()) {
                areas.rank(UUID.fromString(r.getFocusAreaId()), c.tenant(), UUID.fromString(e.getReviewId()), r.getTitle(),
                        r.getPriority(), r.getHorizon());
            }
        } else if (event instanceof ActionAssigned a) {
            actions.assign(UUID.fromString(a.getActionId()), c.tenant(), UUID.fromString(a.getReviewId()),
                    UUID.fromString(a.getFocusAreaId()), a.getTitle(), a.getOwner(), LocalDate.parse(a.getDueDate()),
                    a.getStatus(), a.getIndicator(), a.getIndicator().isEmpty() ? null : a.getBaseline(),
                    a.getIndicator().isEmpty() ? null : a.getTarget(), a.getVersion());
        } else if (event instanceof IndicatorRecorded m) {
            // Keyed by the action alone: kept even when it arrives before the action itself.
            actions.measure(UUID.fromString(m.getActionId()), c.tenant(), m.getValue(), LocalDate.parse(m.getMeasuredOn()));
        } else if (event instanceof ActionOverdue o) {
            actions.escalate(UUID.fromString(o.getActionId()), c.tenant());
        }
    }

    /** Every review of the tenant with a plan. */
    public List<Review> forTenant(String tenant) {
        return tenantTx.read(tenant, () -> {
            LocalDate today = LocalDate.now(clock.withZone(DanishFormat.ZONE));
            return actions.reviews().stream().map(r -> review(r.reviewId(), r.title(), today)).toList();
        });
    }

    private Review review(UUID review, String title, LocalDate today) {
        Map<String, Integer> states = new LinkedHashMap<>();
        for (String s : List.of("overdue", "due_soon", "on_track", "done", "dropped")) {
            states.put(s, 0);
        }
        List<FocusArea> focusAreas = new ArrayList<>();
        for (PlanFocusAreaRow f : areas.ofReview(review)) {
            List<Action> actions = this.actions.ofArea(f.focusAreaId()).stream().map(a -> new Action(a.actionId(),
                    a.title(), a.owner(), a.dueDate(), a.status(), state(a.status(), a.dueDate(), today), a.indicator(),
                    a.baseline(), a.target(), a.latestValue(), progress(a.baseline(), a.target(), a.latestValue()),
                    a.escalated())).toList();
            actions.forEach(a -> states.merge(a.state(), 1, Integer::sum));
            if (!actions.isEmpty()) {
                focusAreas.add(new FocusArea(f.focusAreaId(), f.title(), f.priority(), f.horizon(), actions));
            }
        }
        return new Review(review, title, states, focusAreas);
    }

    static String state(String status, LocalDate due, LocalDate today) {
        if (status.equals("done") || status.equals("dropped")) {
            return status;
        }
        if (due.isBefore(today)) {
            return "overdue";
        }
        return ChronoUnit.DAYS.between(today, due) <= 14 ? "due_soon" : "on_track";
    }

    /** How far the latest measurement has come from baseline towards target, 0-100 %. */
    @Nullable
    static Integer progress(@Nullable Double baseline, @Nullable Double target, @Nullable Double latest) {
        if (baseline == null || target == null || latest == null || target.equals(baseline)) {
            return null;
        }
        double p = (latest - baseline) / (target - baseline) * 100;
        return (int) Math.round(Math.max(0, Math.min(100, p)));
    }
}
