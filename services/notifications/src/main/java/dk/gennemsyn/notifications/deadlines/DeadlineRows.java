package dk.gennemsyn.notifications.deadlines;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeadlineRows extends GenericRepository<DeadlineRow, String> {

    /** A review's milestone as a deadline, new or moved (a closed one stays closed). */
    @Query("""
            insert into deadlines (id, tenant, review_id, kind, title, due_date) values (:id, :tenant, :reviewId, :kind, :title, :due)
            on conflict (id) do update set kind = excluded.kind, title = excluded.title, due_date = excluded.due_date""")
    long milestone(String id, String tenant, UUID reviewId, String kind, String title, LocalDate due);

    /** The review's milestone deadlines other than these (the milestones it no longer has). */
    @Query("""
            delete from deadlines where review_id = :reviewId and starts_with(id, 'milestone:')
            and not id = any(cast(:kept as text[]))""")
    long removeMilestonesBut(UUID reviewId, String[] kept);

    /** A deadline from another context and whom it concerns. */
    @Query("""
            insert into deadlines (id, tenant, review_id, kind, title, due_date, people)
            values (:id, :tenant, :reviewId, :kind, :title, :due, :people)
            on conflict (id) do update set title = excluded.title, due_date = excluded.due_date, people = excluded.people""")
    long upsert(String id, String tenant, UUID reviewId, String kind, String title, LocalDate due, String[] people);

    @Query("update deadlines set people = array_remove(people, :person) where id = :id")
    long release(String id, String person);

    @Query("update deadlines set closed_at = :at where id = :id and closed_at is null")
    long closeOne(String id, Instant at);

    /** The review's open deadlines of these kinds are met (all kinds if none named). */
    @Query("""
            update deadlines set closed_at = :at where review_id = :reviewId and closed_at is null
            and (cardinality(cast(:kinds as text[])) = 0 or kind = any(cast(:kinds as text[])))""")
    long close(UUID reviewId, String[] kinds, Instant at);

    /** The open deadlines since {@code from} of reviews not closed, by date. */
    @Query("""
            select d.* from deadlines d left join reviews r on r.review_id = d.review_id
            where d.closed_at is null and d.due_date >= :from and (r.state is null or r.state <> 'closed')
            order by d.due_date, d.id""")
    List<DeadlineRow> open(LocalDate from);
}
