package dk.gennemsyn.reporting.plans;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The plans' actions and their progress (plan_action_progress: keyed by the action alone, so a measurement or an
 * escalation that arrives before its action is kept).
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PlanActions extends GenericRepository<PlanActionRow, UUID> {

    /** A review with a plan, and its title as far as it is known. */
    @Introspected
    record Planned(UUID reviewId, String title) {
    }

    /** An action with its latest measurement and whether it was escalated. */
    @Introspected
    record Progress(UUID actionId, String title, String owner, LocalDate dueDate, String status, String indicator,
                    @Nullable Double baseline, @Nullable Double target, @Nullable Double latestValue,
                    boolean escalated) {
    }

    /** The action's newest version; an older one arriving late changes nothing. */
    @Query("""
            insert into plan_actions (action_id, tenant, review_id, focus_area_id, title, owner, due_date, status,
                indicator, baseline, target, version)
            values (:actionId, :tenant, :reviewId, :focusAreaId, :title, :owner, :dueDate, :status,
                :indicator, :baseline, :target, :version)
            on conflict (action_id) do update set title = excluded.title, owner = excluded.owner,
                due_date = excluded.due_date, status = excluded.status, indicator = excluded.indicator,
                baseline = excluded.baseline, target = excluded.target, version = excluded.version
            where plan_actions.version < excluded.version""")
    long assign(UUID actionId, String tenant, UUID reviewId, UUID focusAreaId, String title, String owner,
                LocalDate dueDate, String status, String indicator, @Nullable Double baseline, @Nullable Double target,
                long version);

    /** A measurement; the latest measuring date wins. */
    @Query("""
            insert into plan_action_progress (action_id, tenant, latest_value, latest_on)
            values (:actionId, :tenant, :value, :measuredOn) on conflict (action_id) do update
            set latest_value = excluded.latest_value, latest_on = excluded.latest_on
            where plan_action_progress.latest_on is null or plan_action_progress.latest_on <= excluded.latest_on""")
    long measure(UUID actionId, String tenant, double value, LocalDate measuredOn);

    @Query("""
            insert into plan_action_progress (action_id, tenant, escalated) values (:actionId, :tenant, true)
            on conflict (action_id) do update set escalated = true""")
    long escalate(UUID actionId, String tenant);

    @Query("""
            select distinct a.review_id, coalesce(v.title, 'Gennemgang') as title from plan_actions a
            left join reviews v on v.review_id = a.review_id order by 2""")
    List<Planned> reviews();

    /** The area's actions by due date and title. */
    @Query("""
            select a.action_id, a.title, a.owner, a.due_date, a.status, a.indicator, a.baseline, a.target,
                p.latest_value, coalesce(p.escalated, false) as escalated
            from plan_actions a left join plan_action_progress p on p.action_id = a.action_id
            where a.focus_area_id = :focusAreaId order by a.due_date, a.title""")
    List<Progress> ofArea(UUID focusAreaId);
}
