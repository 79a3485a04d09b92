package dk.gennemsyn.faults;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Commits {@code faults.produce.count} probe events at {@code faults.produce.rate} per second, a few per transaction,
 * each with its ground-truth row in {@code produced}, alternating two tenants. After a failed commit (database
 * restarting), or a restart, it counts what is committed and goes on from there, so the total is exact.
 */
@Singleton
@Requires(property = "faults.produce.count")
class Producer {

    private static final Logger LOG = LoggerFactory.getLogger(Producer.class);
    static final List<String> TENANTS = List.of("0250", "0330");
    private static final int PER_TX = 5;

    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final int count;
    private final int rate;
    private final boolean unroutable;

    Producer(TenantTx tenantTx, Outbox outbox, @Value("${faults.produce.count}") int count,
             @Value("${faults.produce.rate:300}") int rate, @Value("${faults.produce.unroutable:false}") boolean unroutable) {
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.count = count;
        this.rate = rate;
        this.unroutable = unroutable;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        Thread t = new Thread(this::produce, "fault-producer");
        t.setDaemon(true);
        t.start();
    }

    private void produce() {
        long[] state = committed();
        if (unroutable && state[0] == 0) {
            // An event no queue binds: the broker returns it, and it must stay in the outbox, not be lost.
            commitRetrying(() -> tenantTx.write(TENANTS.get(0), () -> {
                outbox.append(TENANTS.get(0), "unroutable", CaseUpdated.newBuilder().setCaseId("unroutable").build());
            }));
        }
        LOG.info("Producing {} events at {}/s ({} already committed)", count - state[0], rate, state[0]);
        long start = System.nanoTime();
        long sent = 0;
        while (state[0] < count) {
            int n = (int) Math.min(PER_TX, count - state[0]);
            long first = state[1];
            String tenant = TENANTS.get((int) (first / PER_TX % TENANTS.size()));
            try {
                tenantTx.write(tenant, () -> {
                    for (long s = first; s < first + n; s++) {
                        String id = outbox.append(tenant, "probe-" + s,
                                ProbeRecorded.newBuilder().setProbeId("probe-" + s).setSequence(s).build());
                        tenantTx.update("insert into produced (event_id, tenant, sequence) values (?::uuid, ?, ?)",
                                id, tenant, s);
                    }
                });
                state[0] += n;
                state[1] += n;
            } catch (RuntimeException e) {
                // The commit may have happened with its answer lost (the database went away): count again.
                LOG.warn("Commit failed, counting what is committed and going on: {}", e.toString());
                sleep(200);
                state = committed();
            }
            sent += n;
            long wait = start + sent * 1_000_000_000L / rate - System.nanoTime();
            if (wait > 0) {
                sleep(wait / 1_000_000);
            }
        }
        LOG.info("Produced all {} events", count);
    }

    /** How many events are committed, and the next sequence number; retried while the database is away. */
    private long[] committed() {
        long[] state = new long[2];
        commitRetrying(() -> {
            long done = 0;
            long next = 0;
            for (String tenant : TENANTS) {
                long[] r = tenantTx.read(tenant, () -> tenantTx.query(
                        "select count(*), coalesce(max(sequence), -1) from produced",
                        rs -> new long[] {rs.getLong(1), rs.getLong(2)}).get(0));
                done += r[0];
                next = Math.max(next, r[1] + 1);
            }
            state[0] = done;
            state[1] = next;
        });
        return state;
    }

    private static void commitRetrying(Runnable commit) {
        while (true) {
            try {
                commit.run();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Commit failed, trying again: {}", e.toString());
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
