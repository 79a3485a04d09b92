package dk.gennemsyn.reporting.retained;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.BatchEventHandler.Received;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.db.KnownTenants;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Every event reporting builds from, kept as it arrived (the payload bytes), once: the read models can be rebuilt from
 * these rows, and a new report can be built over history (docs/architecture.md). Events older than the retention
 * (default 5 years, {@code gennemsyn.reporting.archive-retention}) are pruned; a rebuild then covers that window.
 */
@Singleton
public class EventArchive {

    private static final Logger LOG = LoggerFactory.getLogger(EventArchive.class);

    private final TenantTx tenantTx;
    private final RetainedEventRows rows;
    private final KnownTenants tenants;
    private final Duration retention;

    EventArchive(TenantTx tenantTx, RetainedEventRows rows, KnownTenants tenants,
                 @Value("${gennemsyn.reporting.archive-retention:1826d}") Duration retention) {
        this.tenantTx = tenantTx;
        this.rows = rows;
        this.tenants = tenants;
        this.retention = retention;
    }

    /** Deletes every tenant's archived events that occurred before the retention; returns how many. */
    public int prune() {
        int total = 0;
        for (String tenant : tenants.all()) {
            total += tenantTx.write(tenant, () -> (int) rows.pruneOlderThan(retention.toSeconds()));
        }
        return total;
    }

    @Scheduled(fixedDelay = "${gennemsyn.reporting.archive-prune-interval:6h}", initialDelay = "10m")
    void pruneNowAndThen() {
        try {
            int n = prune();
            if (n > 0) {
                LOG.info("Pruned {} archived event(s) older than {}", n, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Archive pruning failed, trying again later: {}", e.toString());
        }
    }

    /** Inside the handler's transaction; the review it concerns is kept beside it, for erasure. */
    public void keep(EventContext c, Message event) {
        rows.keep(UUID.fromString(c.eventId()), c.tenant(), c.eventType(), c.aggregateId(), c.occurredAt(),
                event.toByteArray(), review(event));
    }

    /** A run of events, as {@link #keep} each, in one statement over arrays (hand SQL: a repository sends one each). */
    public void keepAll(List<Received<Message>> events) {
        Connection c = tenantTx.connection();
        try (PreparedStatement ps = c.prepareStatement("""
                insert into retained_events (event_id, tenant, event_type, aggregate_id, occurred_at, payload, review_id)
                select id, tenant, type, aggregate, at, payload, review
                from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::bytea[], ?::text[])
                    as t(id, tenant, type, aggregate, at, payload, review)
                on conflict do nothing""")) {
            int n = events.size();
            Object[][] columns = new Object[6][n];
            byte[][] payloads = new byte[n][];
            for (int i = 0; i < n; i++) {
                EventContext e = events.get(i).context();
                columns[0][i] = e.eventId();
                columns[1][i] = e.tenant();
                columns[2][i] = e.eventType();
                columns[3][i] = e.aggregateId();
                columns[4][i] = e.occurredAt().toString();
                columns[5][i] = review(events.get(i).event());
                payloads[i] = events.get(i).event().toByteArray();
            }
            ps.setArray(1, c.createArrayOf("uuid", columns[0]));
            ps.setArray(2, c.createArrayOf("text", columns[1]));
            ps.setArray(3, c.createArrayOf("text", columns[2]));
            ps.setArray(4, c.createArrayOf("text", columns[3]));
            ps.setArray(5, c.createArrayOf("text", columns[4]));
            ps.setArray(6, c.createArrayOf("bytea", payloads));
            ps.setArray(7, c.createArrayOf("text", columns[5]));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("archiving events failed", e);
        }
    }

    private static String review(Message event) {
        var reviewField = event.getDescriptorForType().findFieldByName("review_id");
        return reviewField == null ? "" : String.valueOf(event.getField(reviewField));
    }
}
