package dk.gennemsyn.reporting.retained;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RetainedEventRows extends GenericRepository<RetainedEventRow, UUID> {

    /** The event, once: a redelivery finds it kept and changes nothing. */
    @Query("""
            insert into retained_events (event_id, tenant, event_type, aggregate_id, occurred_at, payload, review_id)
            values (:eventId, :tenant, :eventType, :aggregateId, :occurredAt, :payload, :reviewId) on conflict do nothing""")
    long keep(UUID eventId, String tenant, String eventType, String aggregateId, Instant occurredAt, byte[] payload,
              String reviewId);

    /** Every archived event that occurred more than {@code seconds} ago; returns how many. */
    @Query("delete from retained_events where occurred_at < now() - make_interval(secs => :seconds)")
    long pruneOlderThan(long seconds);
}
