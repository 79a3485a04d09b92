package dk.gennemsyn.platform.events;

import com.google.protobuf.Message;

import java.util.Collection;

/**
 * One handler for several event types, when what it does is the same for each and the list of types is data
 * (notifications turns every event its catalogue lists into messages). Same transaction and idempotency as
 * {@link EventHandler}; a type may have only one handler of either kind.
 */
public interface MultiEventHandler {

    Collection<Class<? extends Message>> eventTypes();

    void handle(EventContext context, Message event);
}
