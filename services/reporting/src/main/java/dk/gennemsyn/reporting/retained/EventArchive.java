package dk.gennemsyn.reporting.retained;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * Every event reporting builds from, kept as it arrived (the payload bytes), once: the read models can be rebuilt from
 * these rows, and a new report can be built over history (docs/architecture.md).
 */
@Singleton
public class EventArchive {

    private final TenantTx tenantTx;

    EventArchive(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    /** Inside the handler's transaction; the review it concerns is kept beside it, for erasure. */
    public void keep(EventContext c, Message event) {
        var reviewField = event.getDescriptorForType().findFieldByName("review_id");
        String review = reviewField == null ? "" : String.valueOf(event.getField(reviewField));
        tenantTx.update("""
                insert into retained_events (event_id, tenant, event_type, aggregate_id, occurred_at, payload, review_id)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                UUID.fromString(c.eventId()), c.tenant(), c.eventType(), c.aggregateId(), c.occurredAt(), event.toByteArray(),
                review);
    }
}
