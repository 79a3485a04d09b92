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
 * each with its ground-truth row in {@code produced}, alternating two tenants. A transaction that fails (database
 * restarting) is tried again; after a restart it goes on from what is already committed, so the total is exact.
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
        long done = 0;
        long next = 0;
        for (String tenant : TENANTS) {
            long[] r = tenantTx.read(tenant, () -> tenantTx.query(
                    "select count(*), coalesce(max(sequence), -1) from produced", rs -> new long[] {rs.getLong(1), rs.getLong(2)}).get(0));
            done += r[0];
            next = Math.max(next, r[1] + 1);
        }
        if (unroutable && done == 0) {
            // An event no queue binds: the broker returns it, and it must stay in the outbox, not be lost.
            commitRetrying(() -> tenantTx.write(TENANTS.get(0), () -> {
                outbox.append(TENANTS.get(0), "unroutable", CaseUpdated.newBuilder().setCaseId("unroutable").build());
            }));
        }
        LOG.info("Producing {} events at {}/s ({} already committed)", count - done, rate, done);
        long start = System.nanoTime();
        long sent = 0;
        while (done < count) {
            int n = (int) Math.min(PER_TX, count - done);
            long first = next;
            String tenant = TENANTS.get((int) (first / PER_TX % TENANTS.size()));
            commitRetrying(() -> tenantTx.write(tenant, () -> {
                for (long s = first; s < first + n; s++) {
                    String id = outbox.append(tenant, "probe-" + s,
                            ProbeRecorded.newBuilder().setProbeId("probe-" + s).setSequence(s).build());
                    tenantTx.update("insert into produced (event_id, tenant, sequence) values (?::uuid, ?, ?)",
                            id, tenant, s);
                }
            }));
            done += n;
            next += n;
            sent += n;
            long dueNanos = start + sent * 1_000_000_000L / rate;
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                sleep(wait / 1_000_000);
            }
        }
        LOG.info("Produced all {} events", count);
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
