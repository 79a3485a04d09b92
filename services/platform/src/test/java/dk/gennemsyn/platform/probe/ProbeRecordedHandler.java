package dk.gennemsyn.platform.probe;

import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records each probe it receives; a probe named "poison..." always fails, to exercise dead-lettering, and one
 * named "checked-poison..." fails with a checked exception (which Java lets through an interface that declares none).
 */
@Singleton
public class ProbeRecordedHandler implements EventHandler<ProbeRecorded> {

    public final AtomicInteger poisonAttempts = new AtomicInteger();
    /** How often the handler ran per probe, whatever the sink's keys make of it (a duplicate must not run it). */
    public final java.util.Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
    private final Probes probes;

    ProbeRecordedHandler(Probes probes) {
        this.probes = probes;
    }

    @Override
    public Class<ProbeRecorded> eventType() {
        return ProbeRecorded.class;
    }

    @Override
    public void handle(EventContext context, ProbeRecorded event) {
        calls.computeIfAbsent(event.getProbeId(), k -> new AtomicInteger()).incrementAndGet();
        probes.recordReceived(context.eventId(), context.tenant(), event.getProbeId());
        if (event.getProbeId().startsWith("checked-poison")) {
            poisonAttempts.incrementAndGet();
            throw ProbeRecordedHandler.<RuntimeException>sneaky(new java.io.IOException("checked poison probe"));
        }
        if (event.getProbeId().startsWith("poison")) {
            poisonAttempts.incrementAndGet();
            throw new IllegalStateException("poison probe");
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E sneaky(Exception e) throws E {
        throw (E) e;
    }
}
