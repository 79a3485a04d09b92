package dk.gennemsyn.benchmarks;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.EventContext;
import dk.gennemsyn.platform.events.EventHandler;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Consumes the benchmark's events as a real handler would (a row in its own transaction) and times them. */
@Singleton
class BenchHandler implements EventHandler<ProbeRecorded> {

    final ConcurrentHashMap<Long, Long> latencyMicros = new ConcurrentHashMap<>();
    final AtomicLong lastReceivedNanos = new AtomicLong();
    /** Distinct sequence numbers handled so far (warm-up and measurement alike: one code path for both). */
    final AtomicLong handled = new AtomicLong();
    private final TenantTx tenantTx;

    BenchHandler(TenantTx tenantTx) {
        this.tenantTx = tenantTx;
    }

    @Override
    public Class<ProbeRecorded> eventType() {
        return ProbeRecorded.class;
    }

    @Override
    public void handle(EventContext context, ProbeRecorded event) {
        tenantTx.update("insert into bench_received (event_id, tenant, sequence) values (?::uuid, ?, ?)",
                context.eventId(), context.tenant(), event.getSequence());
        // Time from just before the producer's commit to this handler (its commit follows).
        long nowMicros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        // A batch can be rolled back and handled again one by one: count each sequence once.
        if (latencyMicros.put(event.getSequence(), Math.max(0, nowMicros - event.getCommittedAtMicros())) == null) {
            handled.incrementAndGet();
        }
        lastReceivedNanos.set(System.nanoTime());
    }
}
