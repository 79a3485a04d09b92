package dk.gennemsyn.platform.events;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inbox: one row per (consumer, event) handled, claimed in the handler's transaction, so a second delivery
 * of the same event finds the row and changes nothing. Hand SQL because a batch is claimed in one set-based
 * statement. Rows older than the retention are pruned: duplicates come from redeliveries and relay restarts,
 * seconds to minutes after the first copy, never weeks; the retention is far beyond that.
 */
@Singleton
public class Inbox {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    /** What a claim needs of an event. */
    public record Claim(String eventId, String tenant, String eventType) {
    }

    private final TransactionOperations<Connection> tx;
    private final String consumer;
    private final Duration retention;

    public Inbox(TransactionOperations<Connection> tx, @Value("${micronaut.application.name}") String consumer,
                 @Value("${gennemsyn.inbox.retention:14d}") Duration retention) {
        this.tx = tx;
        this.consumer = consumer;
        this.retention = retention;
    }

    /** Inserts the rows of the events given, in the caller's transaction; returns the ids that were not there yet. */
    Set<String> claim(Connection c, List<Claim> claims) throws SQLException {
        int n = claims.size();
        String[] ids = new String[n];
        String[] tenants = new String[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = claims.get(i).eventId();
            tenants[i] = claims.get(i).tenant();
            types[i] = claims.get(i).eventType();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into inbox (consumer, event_id, tenant, event_type)
                select ?, event_id, tenant, event_type from unnest(?::uuid[], ?::text[], ?::text[])
                    as t(event_id, tenant, event_type)
                on conflict do nothing
                returning event_id""")) {
            ps.setString(1, consumer);
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.setArray(3, c.createArrayOf("text", tenants));
            ps.setArray(4, c.createArrayOf("text", types));
            Set<String> fresh = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
            return fresh;
        }
    }

    /**
     * Deletes rows older than the retention; returns how many. One statement, by a scan once an hour: an index on
     * handled_at would cost every claim more than the scan costs the pruning.
     */
    public int prune() {
        return tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "delete from inbox where handled_at < now() - make_interval(secs => ?)")) {
                ps.setLong(1, retention.toSeconds());
                return ps.executeUpdate();
            }
        });
    }

    @Scheduled(fixedDelay = "${gennemsyn.inbox.prune-interval:1h}", initialDelay = "5m")
    void pruneNowAndThen() {
        try {
            int n = prune();
            if (n > 0) {
                LOG.info("Pruned {} inbox row(s) older than {}", n, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Inbox pruning failed, trying again later: {}", e.toString());
        }
    }
}
