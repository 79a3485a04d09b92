package dk.gennemsyn.notifications.inbox;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

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
        tenantTx.update("""
                insert into received_events (event_id, tenant, event_type, aggregate_id, summary, occurred_at)
                values (?::uuid, ?, ?, ?, ?, ?)""",
                context.eventId(), context.tenant(), context.eventType(), context.aggregateId(), summary,
                context.occurredAt());
    }

    /** An erased review's cases: the messages about them go (they name the case by alias). */
    void forgetCases(List<String> caseIds) {
        for (String id : caseIds) {
            tenantTx.update("delete from received_events where aggregate_id = ?", id);
        }
    }

    public List<Received> latest(String tenant, int limit) {
        return tenantTx.read(tenant, () -> tenantTx.query(
                "select event_id, event_type, summary, occurred_at from received_events order by occurred_at desc limit ?",
                rs -> new Received(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant().toString()),
                limit));
    }
}
