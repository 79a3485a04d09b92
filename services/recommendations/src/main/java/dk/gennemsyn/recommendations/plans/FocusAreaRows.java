package dk.gennemsyn.recommendations.plans;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface FocusAreaRows extends CrudRepository<FocusAreaRow, UUID> {

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
}
