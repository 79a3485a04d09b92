package dk.gennemsyn.platform.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ReturnListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes outbox rows to RabbitMQ, oldest first, and deletes them only when the broker has confirmed
 * them (so the table holds exactly the unsent events). Publishes are {@code mandatory}: a row the broker
 * returns as unroutable stays, is counted and logged, and is retried later. Rows are locked with SKIP
 * LOCKED so several replicas can relay side by side, and so can several workers in one service: each
 * waits for its own confirms, so confirm latency is overlapped (events may then be published out of
 * commit order; consumers never rely on that order). While the broker or database is down it retries
 * with exponential backoff; rows left unsent by a crash are simply found by the next pass.
 */
@Singleton
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** First retry of an unroutable event (e.g. published before its consumer bound its queue); doubles up to 5 min. */
    private static final Duration UNROUTABLE_RETRY = Duration.ofSeconds(5);

    private final TransactionOperations<Connection> tx;
    private final RabbitBroker broker;
    private final CrashPoints crashPoints;
    private final int batchSize;
    private final Duration pollInterval;
    private final Counter published;
    private final Counter unroutable;
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicInteger failingWorkers = new AtomicInteger();
    private final Counter failuresCounter;

    private final int workers;
    private final Traces traces;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private long wakeups;
    private volatile boolean running;
    private final List<Worker> threads = new ArrayList<>();
    private final AtomicLong lastLag = new AtomicLong();

    public OutboxRelay(TransactionOperations<Connection> tx, RabbitBroker broker, MeterRegistry metrics, CrashPoints crashPoints,
                       Traces traces,
                       @Value("${gennemsyn.outbox.batch-size:200}") int batchSize,
                       @Value("${gennemsyn.outbox.poll-interval:500ms}") Duration pollInterval,
                       @Value("${gennemsyn.outbox.workers:1}") int workers) {
        this.tx = tx;
        this.broker = broker;
        this.crashPoints = crashPoints;
        this.traces = traces;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.workers = Math.max(1, workers);
        this.published = Counter.builder("gennemsyn.outbox.published").description("Events confirmed by the broker")
                .register(metrics);
        this.unroutable = Counter.builder("gennemsyn.outbox.unroutable")
                .description("Events the broker returned as unroutable (left unsent)").register(metrics);
        Gauge.builder("gennemsyn.outbox.lag.seconds", lagMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest unsent outbox row").register(metrics);
        Gauge.builder("gennemsyn.outbox.relay.failing", failingWorkers, v -> v.get() > 0 ? 1 : 0)
                .description("1 while the relay cannot publish (broker or database down) and backs off, else 0")
                .register(metrics);
        // Not a readiness check: the outbox absorbs a broker outage, so a pod without the broker still takes traffic.
        Gauge.builder("gennemsyn.rabbitmq.connected", broker, b -> b.isConnected() ? 1 : 0)
                .description("1 while the service holds an open connection to RabbitMQ, else 0").register(metrics);
        this.failuresCounter = Counter.builder("gennemsyn.outbox.relay.failures")
                .description("Relay attempts that failed (each followed by a backoff)").register(metrics);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < workers; i++) {
            Worker w = new Worker();
            Thread thread = new Thread(w::loop, "outbox-relay-" + i);
            thread.setDaemon(true);
            w.thread = thread;
            threads.add(w);
            thread.start();
        }
        LOG.info("Outbox relay started with {} worker(s)", workers);
    }

    /** Called after a commit that wrote outbox rows: publish now rather than at the next poll. */
    public void wake() {
        lock.lock();
        try {
            wakeups++;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    static Duration backoff(int failures) {
        long millis = 100L << Math.min(failures, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** One relay worker: its own confirm channel and its own record of returned messages. */
    private final class Worker {
        private Thread thread;
        private Channel channel;
        private final Set<String> returned = ConcurrentHashMap.newKeySet();
        private long seenWakeups;

        void loop() {
            int failures = 0;
            long failingSince = 0;
            while (running) {
                try {
                    int n = relayBatch(this);
                    if (failures > 0) {
                        LOG.info("Outbox relay publishing again after {} failed attempt(s) over {} s", failures,
                                (System.currentTimeMillis() - failingSince) / 1000);
                        failures = 0;
                        failingWorkers.decrementAndGet();
                    }
                    if (n < batchSize) {
                        await(pollInterval, true);
                    }
                } catch (Exception | Error e) {
                    if (failures == 0) {
                        // Logged once per outage; the attempts are counted (gennemsyn.outbox.relay.failures).
                        LOG.warn("Outbox relay cannot publish, retrying with backoff up to {} s: {}",
                                MAX_BACKOFF.toSeconds(), e.toString());
                        failingSince = System.currentTimeMillis();
                        failingWorkers.incrementAndGet();
                    } else {
                        LOG.debug("Outbox relay failed again ({} in a row): {}", failures + 1, e.toString());
                    }
                    failures++;
                    failuresCounter.increment();
                    closeChannel();
                    // Commits during an outage do not cut the backoff short: each would be one more failed attempt.
                    await(backoff(failures), false);
                }
            }
            if (failures > 0) {
                failingWorkers.decrementAndGet();
            }
            closeChannel();
        }

        /**
         * Sleeps until the time is up, or (if {@code wakeable}) until a commit wakes the relay, returning at once if
         * one already did. Stopping always wakes it.
         */
        private void await(Duration d, boolean wakeable) {
            lock.lock();
            try {
                long deadline = System.nanoTime() + d.toNanos();
                long left;
                while (running && (left = deadline - System.nanoTime()) > 0
                        && !(wakeable && seenWakeups != wakeups)) {
                    woken.awaitNanos(left);
                }
                seenWakeups = wakeups;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                lock.unlock();
            }
        }

        Channel channel() throws IOException {
            if (channel == null || !channel.isOpen()) {
                Channel ch = broker.connection().createChannel();
                broker.declareExchanges();
                ch.confirmSelect();
                ch.addReturnListener((ReturnListener) (code, text, exchange, key, props, body) -> {
                    if (props.getMessageId() != null) {
                        returned.add(props.getMessageId());
                    }
                });
                channel = ch;
            }
            return channel;
        }

        void closeChannel() {
            Channel ch = channel;
            channel = null;
            if (ch != null && ch.isOpen()) {
                try {
                    ch.close();
                } catch (Exception e) {
                    LOG.debug("Closing relay channel: {}", e.toString());
                }
            }
        }
    }

    /** Publishes one batch; returns how many rows it took. */
    int relayBatch(Worker worker) throws Exception {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            // Losing a delete in a crash only re-publishes the event, which consumers de-duplicate:
            // this commit need not wait for the disk.
            try (PreparedStatement ps = c.prepareStatement("set local synchronous_commit = off")) {
                ps.execute();
            }
            record Row(long id, String ctid, String eventId, String type, byte[] envelope, String traceparent,
                       long ageMillis) {
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select id, ctid::text, event_id, event_type, envelope, traceparent,
                           (extract(epoch from now() - created_at) * 1000)::bigint from outbox
                    where next_attempt_at <= now()
                    order by id limit ? for update skip locked""")) {
                ps.setInt(1, batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
                                rs.getString(6), rs.getLong(7)));
                    }
                }
            }
            if (rows.isEmpty()) {
                updateLagNowAndThen(c);
                return 0;
            }
            // The batch's first row is the oldest one due: its age is the lag, with no query of its own (scanning
            // for the lowest id behind a drained backlog's dead index entries took 45 ms a time).
            lagMillis.set(rows.get(0).ageMillis());
            crashPoints.reached(CrashPoints.RELAY_BEFORE_PUBLISH);
            Channel ch = worker.channel();
            Set<String> returned = worker.returned;
            returned.clear();
            for (Row r : rows) {
                // A producer span in the trace of the change that wrote the row; the consumer continues from it.
                Span span = traces.start("publish " + r.type(), SpanKind.PRODUCER, r.traceparent());
                // Only what the broker and tools need: every header and property costs the broker on each
                // publish (PerfTest with our former set of five: ~3 % slower). Type and tenant are in the envelope.
                var props = new AMQP.BasicProperties.Builder()
                        .messageId(r.eventId())
                        .contentType("application/x-protobuf")
                        .deliveryMode(2)
                        // W3C trace context travels in a message header, as tracing tools expect.
                        .headers(Map.of(Correlation.TRACEPARENT, Traces.traceparent(span, r.traceparent())))
                        .build();
                try {
                    ch.basicPublish(RabbitBroker.EXCHANGE, r.type(), true, props, r.envelope());
                } finally {
                    span.end();
                }
            }
            // Returns arrive before the confirms of the same messages, so after this `returned` is complete.
            ch.waitForConfirmsOrDie(10_000);
            crashPoints.reached(CrashPoints.RELAY_AFTER_CONFIRM);
            List<String> sent = new ArrayList<>();
            List<Long> bounced = new ArrayList<>();
            for (Row r : rows) {
                if (returned.contains(r.eventId())) {
                    bounced.add(r.id());
                } else {
                    sent.add(r.ctid());
                }
            }
            delete(c, sent);
            if (!bounced.isEmpty()) {
                markUnroutable(c, bounced);
                unroutable.increment(bounced.size());
                LOG.error("{} event(s) were unroutable (no queue bound for their type) and stay unsent", bounced.size());
            }
            published.increment(sent.size());
            return rows.size();
        });
    }

    private void updateLagNowAndThen(Connection c) throws SQLException {
        long now = System.currentTimeMillis();
        long last = lastLag.get();
        if (now - last < 1000 || !lastLag.compareAndSet(last, now)) {
            return;
        }
        // Nothing due: the oldest row waiting for its next attempt, if any (the lowest id is the oldest, near enough:
        // ids are taken at insert, created_at at transaction start).
        try (PreparedStatement ps = c.prepareStatement(
                "select extract(epoch from now() - created_at) * 1000 from outbox order by id limit 1");
             ResultSet rs = ps.executeQuery()) {
            lagMillis.set(rs.next() ? rs.getLong(1) : 0);
        }
    }

    /**
     * Sent rows go at once: deleting costs the database far less than marking them sent and pruning later. By row
     * address (the rows are locked since the select): a plan by id, cached while the table was small, scanned the
     * whole heap of a drained backlog's dead rows (13 ms and 6,000 pages a batch in assessment during an import).
     */
    private static void delete(Connection c, List<String> ctids) throws SQLException {
        if (ctids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("delete from outbox where ctid = any(?::tid[])")) {
            ps.setArray(1, c.createArrayOf("text", ctids.toArray()));
            ps.executeUpdate();
        }
    }

    private static void markUnroutable(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update outbox set attempts = attempts + 1, last_error = 'unroutable',
                       next_attempt_at = now() + make_interval(secs => least(300, ? * power(2, least(attempts, 6))))
                where id = any(?)""")) {
            ps.setLong(1, UNROUTABLE_RETRY.toSeconds());
            ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** Rows not yet confirmed, by event id, with their last error (for tests and diagnosis). */
    public Map<String, String> unsent() {
        return tx.executeRead(status -> {
            Map<String, String> out = new HashMap<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "select event_id, coalesce(last_error, '') from outbox");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        wake();
        for (Worker w : threads) {
            try {
                w.thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }
}
