package dk.gennemsyn.reporting.plans;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface PlanFocusAreas extends GenericRepository<PlanFocusAreaRow, UUID> {

    @Query("""
            insert into plan_focus_areas (focus_area_id, tenant, review_id, title, priority, horizon)
            values (:focusAreaId, :tenant, :reviewId, :title, :priority, :horizon) on conflict (focus_area_id) do update
            set title = excluded.title, priority = excluded.priority, horizon = excluded.horizon""")
    long rank(UUID focusAreaId, String tenant, UUID reviewId, String title, int priority, String horizon);

    /**
     * The review's focus areas by priority and title, and one unnamed area (last) for each area its actions name that
     * no prioritisation has announced yet.
     */
    @Query("""
            select f.focus_area_id, f.tenant, f.review_id, f.title, f.priority, f.horizon from plan_focus_areas f
            where f.review_id = :reviewId
            union select distinct a.focus_area_id, a.tenant, a.review_id, '(indsatsområde)', 999, 'short' from plan_actions a
            where a.review_id = :reviewId
                and not exists (select 1 from plan_focus_areas f where f.focus_area_id = a.focus_area_id)
            order by 5, 4""")
    List<PlanFocusAreaRow> ofReview(UUID reviewId);
}
