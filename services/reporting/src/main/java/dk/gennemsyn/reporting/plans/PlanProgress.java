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
    private final dk.gennemsyn.reporting.retained.EventArchive archive;
    private final Clock clock;

    PlanProgress(TenantTx tenantTx, dk.gennemsyn.reporting.retained.EventArchive archive, Clock clock) {
        this.tenantTx = tenantTx;
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
                tenantTx.update("""
                        insert into plan_focus_areas (focus_area_id, tenant, review_id, title, priority, horizon)
                        values (?::uuid, ?, ?::uuid, ?, ?, ?) on conflict (focus_area_id) do update
                        set title = excluded.title, priority = excluded.priority, horizon = excluded.horizon""",
                        r.getFocusAreaId(), c.tenant(), e.getReviewId(), r.getTitle(), r.getPriority(), r.getHorizon());
            }
        } else if (event instanceof ActionAssigned a) {
            tenantTx.update("""
                    insert into plan_actions (action_id, tenant, review_id, focus_area_id, title, owner, due_date, status,
                        indicator, baseline, target, version)
                    values (?::uuid, ?, ?::uuid, ?::uuid, ?, ?, ?::date, ?, ?, ?, ?, ?)
                    on conflict (action_id) do update set title = excluded.title, owner = excluded.owner,
                        due_date = excluded.due_date, status = excluded.status, indicator = excluded.indicator,
                        baseline = excluded.baseline, target = excluded.target, version = excluded.version
                    where plan_actions.version < excluded.version""",
                    a.getActionId(), c.tenant(), a.getReviewId(), a.getFocusAreaId(), a.getTitle(), a.getOwner(),
                    a.getDueDate(), a.getStatus(), a.getIndicator(), a.getIndicator().isEmpty() ? null : a.getBaseline(),
                    a.getIndicator().isEmpty() ? null : a.getTarget(), a.getVersion());
        } else if (event instanceof IndicatorRecorded m) {
            // Keyed by the action alone: kept even when it arrives before the action itself.
            tenantTx.update("""
                    insert into plan_action_progress (action_id, tenant, latest_value, latest_on)
                    values (?::uuid, ?, ?, ?::date) on conflict (action_id) do update
                    set latest_value = excluded.latest_value, latest_on = excluded.latest_on
                    where plan_action_progress.latest_on is null or plan_action_progress.latest_on <= excluded.latest_on""",
                    m.getActionId(), c.tenant(), m.getValue(), m.getMeasuredOn());
        } else if (event instanceof ActionOverdue o) {
            tenantTx.update("""
                    insert into plan_action_progress (action_id, tenant, escalated) values (?::uuid, ?, true)
                    on conflict (action_id) do update set escalated = true""", o.getActionId(), c.tenant());
        }
    }

    /** Every review of the tenant with a plan. */
    public List<Review> forTenant(String tenant) {
        return tenantTx.read(tenant, () -> {
            LocalDate today = LocalDate.now(clock.withZone(DanishFormat.ZONE));
            List<Review> out = new ArrayList<>();
            for (Object[] r : tenantTx.query("""
                    select distinct a.review_id, coalesce(v.title, 'Gennemgang') from plan_actions a
                    left join reviews v on v.review_id = a.review_id order by 2""",
                    rs -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2)})) {
                out.add(review((UUID) r[0], (String) r[1], today));
            }
            return out;
        });
    }

    private Review review(UUID review, String title, LocalDate today) {
        Map<String, Integer> states = new LinkedHashMap<>();
        for (String s : List.of("overdue", "due_soon", "on_track", "done", "dropped")) {
            states.put(s, 0);
        }
        List<FocusArea> areas = new ArrayList<>();
        for (Object[] f : tenantTx.query("""
                select f.focus_area_id, f.title, f.priority, f.horizon from plan_focus_areas f where f.review_id = ?
                union select distinct a.focus_area_id, '(indsatsområde)', 999, 'short' from plan_actions a
                where a.review_id = ? and not exists (select 1 from plan_focus_areas f where f.focus_area_id = a.focus_area_id)
                order by 3, 2""", rs -> new Object[]{rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4)},
                review, review)) {
            List<Action> actions = tenantTx.query("""
                    select a.action_id, a.title, a.owner, a.due_date, a.status, a.indicator, a.baseline, a.target,
                        p.latest_value, coalesce(p.escalated, false)
                    from plan_actions a left join plan_action_progress p on p.action_id = a.action_id
                    where a.focus_area_id = ? order by a.due_date, a.title""", rs -> {
                LocalDate due = rs.getObject(4, LocalDate.class);
                String status = rs.getString(5);
                Double baseline = (Double) rs.getObject(7);
                Double target = (Double) rs.getObject(8);
                Double latest = (Double) rs.getObject(9);
                return new Action(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), due, status,
                        state(status, due, today), rs.getString(6), baseline, target, latest,
                        progress(baseline, target, latest), rs.getBoolean(10));
            }, f[0]);
            actions.forEach(a -> states.merge(a.state(), 1, Integer::sum));
            if (!actions.isEmpty()) {
                areas.add(new FocusArea((UUID) f[0], (String) f[1], (Integer) f[2], (String) f[3], actions));
            }
        }
        return new Review(review, title, states, areas);
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
