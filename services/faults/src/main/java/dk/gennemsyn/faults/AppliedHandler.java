package dk.gennemsyn.faults;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * A consumer's handler: one row per application (no unique key, so a second application would show). A probe named
 * "checked-poison..." fails with a checked exception, every time.
 */
@Singleton
@Requires(property = "faults.consume", value = "true")
class AppliedHandler implements EventHandler<ProbeRecorded> {

    static final String POISON = "checked-poison";

    private final TenantTx tenantTx;

    AppliedHandler(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    @Override
    public Class<ProbeRecorded> eventType() {
        return ProbeRecorded.class;
    }

    @Override
    public void handle(EventContext context, ProbeRecorded event) {
        if (event.getProbeId().startsWith(POISON)) {
            throw AppliedHandler.<RuntimeException>sneaky(new IOException("poison probe " + event.getProbeId()));
        }
        tenantTx.update("insert into applied (event_id, tenant, sequence) values (?::uuid, ?, ?)",
                context.eventId(), context.tenant(), event.getSequence());
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E sneaky(Exception e) throws E {
        throw (E) e;
    }
}
