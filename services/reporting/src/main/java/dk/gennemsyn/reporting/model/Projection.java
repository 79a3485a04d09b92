package dk.gennemsyn.reporting.model;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.MultiEventHandler;

/** A read model built from events: applied as they arrive (after archiving them), and again by a {@link Rebuild}. */
public interface Projection extends MultiEventHandler {

    /** Inside the tenant's transaction: the event's effect, idempotent and safe for older events arriving late. */
    void apply(EventContext context, Message event);
}
