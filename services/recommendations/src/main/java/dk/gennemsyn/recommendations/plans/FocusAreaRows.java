package dk.gennemsyn.recommendations.plans;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface FocusAreaRows extends CrudRepository<FocusAreaRow, UUID> {

    /** A recommendation feeding a focus area. */
    @Introspected
    record Fed(UUID id, String code) {
    }

    /** The review's areas in priority order. */
    @Query("select * from focus_areas where review_id = :reviewId order by priority, title")
    List<FocusAreaRow> inOrder(UUID reviewId);

    /** Changes the text of the version the change was made from; 0 when that is not the current one (stale). */
    @Query("""
            update focus_areas set title = :title, description = :description, horizon = :horizon, version = version + 1
            where id = :id and version = :version""")
    long updateText(UUID id, long version, String title, String description, String horizon);

    @Query("update focus_areas set priority = :priority, horizon = :horizon, version = version + 1 where id = :id")
    void reorder(UUID id, int priority, String horizon);

    @Query("select coalesce(max(priority), 0) + 1 from focus_areas where review_id = :reviewId")
    int nextPriority(UUID reviewId);

    /** Links an accepted recommendation to the area (the link table has no id of its own). */
    @Query("""
            insert into focus_area_recommendations (tenant, focus_area_id, recommendation_id)
            values (:tenant, :focusAreaId, :recommendationId)""")
    long feed(String tenant, UUID focusAreaId, UUID recommendationId);

    /** The recommendations feeding the area, in code order. */
    @Query("""
            select r.id, r.code from focus_area_recommendations f join recommendations r on r.id = f.recommendation_id
            where f.focus_area_id = :focusAreaId order by length(r.code), r.code""")
    List<Fed> fedBy(UUID focusAreaId);
}
