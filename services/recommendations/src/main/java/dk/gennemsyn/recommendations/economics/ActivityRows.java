package dk.gennemsyn.recommendations.economics;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The project's activities, its savings targets per year and each focus area's expected savings.
 * Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ActivityRows extends CrudRepository<ActivityRow, UUID> {

    List<ActivityRow> findByReviewIdOrderByName(UUID reviewId);

    /** Changes the version the change was made from; 0 when that is not the current one (stale). */
    @Query("""
            update activities set name = :name, budget_hours = :budgetHours, budget_kr = :budgetKr,
                actual_hours = :actualHours, actual_kr = :actualKr, version = version + 1
            where id = :id and review_id = :reviewId and version = :version""")
    long change(UUID id, UUID reviewId, long version, String name, BigDecimal budgetHours, long budgetKr,
                BigDecimal actualHours, long actualKr);

    /** The years with a target or an expected saving. */
    @Query("""
            select year from savings_targets where review_id = :reviewId
            union select s.year from focus_area_savings s join focus_areas f on f.id = s.focus_area_id
            where f.review_id = :reviewId
            order by 1""")
    List<Integer> years(UUID reviewId);

    @Query("select target_kr from savings_targets where review_id = :reviewId and year = :year")
    Optional<Long> target(UUID reviewId, int year);

    /** What each focus area is expected to save in the year, in priority order. */
    @Query("""
            select f.id as focus_area_id, f.title as focus_area, s.expected_kr
            from focus_area_savings s join focus_areas f on f.id = s.focus_area_id
            where f.review_id = :reviewId and s.year = :year order by f.priority""")
    List<Economics.Contribution> contributions(UUID reviewId, int year);

    @Query("""
            insert into savings_targets (tenant, review_id, year, target_kr) values (:tenant, :reviewId, :year, :targetKr)
            on conflict (review_id, year) do update set target_kr = excluded.target_kr""")
    long setTarget(String tenant, UUID reviewId, int year, long targetKr);

    @Query("select review_id from focus_areas where id = :focusArea")
    Optional<UUID> reviewOfFocusArea(UUID focusArea);

    @Query("""
            insert into focus_area_savings (tenant, focus_area_id, year, expected_kr)
            values (:tenant, :focusArea, :year, :expectedKr)
            on conflict (focus_area_id, year) do update set expected_kr = excluded.expected_kr""")
    long setContribution(String tenant, UUID focusArea, int year, long expectedKr);
}
