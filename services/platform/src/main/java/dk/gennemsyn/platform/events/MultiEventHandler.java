package dk.gennemsyn.platform.events;

import com.google.protobuf.Message;

import java.util.Collection;
import java.util.List;

/**
 * One handler for several event types, when what it does is the same for each and the list of types is data
 * (notifications turns every event its catalogue lists into messages). Same transaction and idempotency as
 * {@link EventHandler}; a type may have only one handler of any kind. Types it lists in {@link #batchedTypes} it gets
 * in runs, as a {@link BatchEventHandler} would.
 */
public interface MultiEventHandler {

    Collection<Class<? extends Message>> eventTypes();

    void handle(EventContext context, Message event);

    /** The types whose consecutive events go to {@link #handleAll} as one run (see {@link BatchEventHandler}). */
    default Collection<Class<? extends Message>> batchedTypes() {
        return List.of();
    }

    /** A run of events of one batched type, as {@link BatchEventHandler#handleAll}. */
    default void handleAll(List<BatchEventHandler.Received<Message>> events) {
        events.forEach(e -> handle(e.context(), e.event()));
    }
}
