package dk.gennemsyn.platform.probe;

import dk.gennemsyn.platform.events.BatchEventHandler;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records each probe it receives; a probe named "poison..." always fails, to exercise dead-lettering, and one
 * named "checked-poison..." fails with a checked exception (which Java lets through an interface that declares none).
 * A batch handler, so every backbone test goes through the consumer's runs; {@link #runs} keeps what each run held.
 */
@Singleton
public class ProbeRecordedHandler implements BatchEventHandler<ProbeRecorded> {

    /** One call of {@link #handleAll}: the tenant, correlation id and probe id of each of its events, in order. */
    public record Run(List<String> tenants, List<String> correlations, List<String> probes) {
    }

    public final List<Run> runs = new java.util.concurrent.CopyOnWriteArrayList<>();

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
    public void handleAll(List<Received<ProbeRecorded>> events) {
        runs.add(new Run(events.stream().map(e -> e.context().tenant()).toList(),
                events.stream().map(e -> e.context().correlationId()).toList(),
                events.stream().map(e -> e.event().getProbeId()).toList()));
        for (Received<ProbeRecorded> e : events) {
            handle(e.context(), e.event());
        }
    }

    private void handle(EventContext context, ProbeRecorded event) {
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
