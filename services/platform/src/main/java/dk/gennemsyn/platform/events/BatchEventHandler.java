package dk.gennemsyn.platform.events;

import com.google.protobuf.Message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Handles a run of events of one type with one statement per step instead of one per event (an import's 100,000
 * CaseUpdated are screened 200 at a time). Same transaction, idempotency and retries as {@link EventHandler}:
 * the consumer hands it the consecutive events of a batch that share a tenant (the transaction is bound to it) and a
 * correlation id (what the handler writes carries it on); a failure rolls the batch back, and each event is then
 * handled alone, as a run of one. Handle the run as if its events came one after the other, in order.
 */
public interface BatchEventHandler<T extends Message> {

    /** The payload type; its full protobuf name is the routing key bound to this service's queue. */
    Class<T> eventType();

    void handleAll(List<Received<T>> events);

    /**
     * The newest event of each aggregate in the run, in first-seen order: what applying them one after the other
     * leaves when an older version changes nothing. On equal versions the later event wins if {@code sameWins}.
     */
    static <T> List<Received<T>> newest(List<Received<T>> run, Function<T, String> aggregate, ToLongFunction<T> version,
                                        boolean sameWins) {
        Map<String, Received<T>> newest = new LinkedHashMap<>();
        for (Received<T> e : run) {
            newest.merge(aggregate.apply(e.event()), e, (kept, later) -> {
                long a = version.applyAsLong(kept.event());
                long b = version.applyAsLong(later.event());
                return b > a || (sameWins && b == a) ? later : kept;
            });
        }
        return new ArrayList<>(newest.values());
    }

    /** One event of the run, with what its envelope says. */
    record Received<T>(EventContext context, T event) {
    }
}
