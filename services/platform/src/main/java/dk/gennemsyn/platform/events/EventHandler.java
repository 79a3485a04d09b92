package dk.gennemsyn.platform.events;

import com.google.protobuf.Message;

/**
 * Handles one event type, named after the event ({@code CaseUpdatedHandler}). Runs inside a
 * transaction bound to the event's tenant, together with the inbox row that makes it idempotent:
 * throw to roll back and have the event redelivered (and dead-lettered after the delivery limit).
 */
public interface EventHandler<T extends Message> {

    /** The payload type; its full protobuf name is the routing key bound to this service's queue. */
    Class<T> eventType();

    void handle(EventContext context, T event);
}
