package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** What notifications has recorded from the events it consumes. */
@Singleton
public class ReceivedEvents {

    @Serdeable
    public record Received(String eventId, String eventType, String summary, String occurredAt) {
    }

    private final TenantTx tenantTx;

    ReceivedEvents(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    void record(EventContext context, String summary) {
        try (PreparedStatement ps = tenantTx.connection().prepareStatement("""
                insert into received_events (event_id, tenant, event_type, aggregate_id, summary, occurred_at)
                values (?::uuid, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, context.eventId());
            ps.setString(2, context.tenant());
            ps.setString(3, context.eventType());
            ps.setString(4, context.aggregateId());
            ps.setString(5, summary);
            ps.setTimestamp(6, Timestamp.from(context.occurredAt()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Received> latest(String tenant, int limit) {
        return tenantTx.read(tenant, () -> {
            try (PreparedStatement ps = tenantTx.connection().prepareStatement(
                    "select event_id, event_type, summary, occurred_at from received_events order by occurred_at desc limit ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Received> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Received(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant().toString()));
                    }
                    return out;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
