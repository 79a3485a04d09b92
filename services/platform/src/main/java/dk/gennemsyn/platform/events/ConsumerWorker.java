package dk.gennemsyn.platform.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dk.gennemsyn.platform.db.DatabaseUnavailable;
import dk.gennemsyn.platform.db.KnownTenants;
import dk.gennemsyn.platform.security.Tenants;
import io.micronaut.transaction.TransactionOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The worker of one consumer channel: takes what the channel prefetched, up to {@code batchSize} at a time, and
 * settles every delivery of a batch before it takes the next (see {@link EventConsumer} for the guarantees).
 */
final class ConsumerWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerWorker.class);

    /** A type's handler of one event, and of a run when it takes runs (else null). */
    record Registration(BiConsumer<EventContext, Message> handler,
                        Consumer<List<BatchEventHandler.Received<Message>>> batch, Parser<? extends Message> parser) {
    }

    private final Map<String, Registration> handlers;
    private final TransactionOperations<Connection> tx;
    private final Inbox inbox;
    private final KnownTenants tenants;
    private final ConsumerMeters meters;
    private final CrashPoints crashPoints;
    private final Traces traces;
    private final int batchSize;
    private final BooleanSupplier running;
    private final BlockingQueue<Delivery> pending;

    ConsumerWorker(Map<String, Registration> handlers, TransactionOperations<Connection> tx, Inbox inbox,
                   KnownTenants tenants, ConsumerMeters meters, CrashPoints crashPoints, Traces traces, int batchSize,
                   BooleanSupplier running, BlockingQueue<Delivery> pending) {
        this.handlers = handlers;
        this.traces = traces;
        this.tx = tx;
        this.inbox = inbox;
        this.tenants = tenants;
        this.meters = meters;
        this.crashPoints = crashPoints;
        this.batchSize = batchSize;
        this.running = running;
        this.pending = pending;
    }

    /** One delivery from one channel; settled once acked or nacked. Only its channel's worker touches it. */
    static final class Delivery {
        final Channel channel;
        final long tag;
        final AMQP.BasicProperties props;
        final byte[] body;
        boolean settled;

        Delivery(Channel channel, long tag, AMQP.BasicProperties props, byte[] body) {
            this.channel = channel;
            this.tag = tag;
            this.props = props;
            this.body = body;
        }
    }

    /** A delivery that decoded, payload and all, with its handler. */
    private record Work(Delivery delivery, dk.gennemsyn.proto.platform.v1.Envelope envelope, Registration registration,
                        Message payload) {
    }

    @Override
    public void run() {
        List<Delivery> batch = new ArrayList<>(batchSize);
        while (running.getAsBoolean()) {
            Delivery first;
            try {
                first = pending.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            pending.drainTo(batch, batchSize - 1);
            try {
                handleBatch(batch);
            } catch (Throwable e) {
                LOG.error("Event consumer worker error, requeueing what it had not settled: {}", e.toString(), e);
            } finally {
                // The invariant the batch's multiple ack rests on: nothing of this batch is left unsettled.
                requeueUnsettled(batch);
                batch.clear();
            }
        }
    }

    private void handleBatch(List<Delivery> deliveries) {
        List<Work> batch = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries) {
            Work w = decode(d);
            if (w != null) {
                batch.add(w);
            }
        }
        if (batch.size() > 1) {
            for (int attempt = 1; running.getAsBoolean(); attempt++) {
                try {
                    List<Boolean> first = tx.executeWrite(status -> handleBatchInTransaction(status.getConnection(), batch));
                    for (int i = 0; i < batch.size(); i++) {
                        (first.get(i) ? meters.handled() : meters.duplicates()).increment();
                    }
                    crashPoints.reached(CrashPoints.CONSUMER_AFTER_COMMIT);
                    ack(deliveries, batch);
                    return;
                } catch (Exception e) {
                    if (!DatabaseUnavailable.is(e)) {
                        LOG.debug("Batch of {} failed, handling them one by one: {}", batch.size(), e.toString());
                        break;
                    }
                    if (!waitForDatabase(attempt, e)) {
                        return;
                    }
                }
            }
        }
        for (Work w : batch) {
            if (running.getAsBoolean()) {
                handleAlone(w);
            }
        }
    }

    /**
     * Acks the handled deliveries of a batch. One "multiple" ack of the last covers exactly them when every other
     * delivery of the batch is settled already (dead-lettered), and earlier batches are settled by the worker's
     * invariant; otherwise each is acked by itself.
     */
    private void ack(List<Delivery> deliveries, List<Work> handledWork) {
        Delivery last = handledWork.get(handledWork.size() - 1).delivery();
        Set<Delivery> acking = new HashSet<>();
        handledWork.forEach(w -> acking.add(w.delivery()));
        boolean othersSettled = deliveries.stream().filter(d -> d.tag <= last.tag && !acking.contains(d))
                .allMatch(d -> d.settled);
        try {
            if (acking.size() == 1) {
                last.channel.basicAck(last.tag, false);
            } else if (othersSettled) {
                last.channel.basicAck(last.tag, true);
            } else {
                for (Delivery d : acking) {
                    d.channel.basicAck(d.tag, false);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Committed: a redelivery finds the inbox rows and changes nothing.
            LOG.warn("Could not ack {} handled deliveries (they will be redelivered as duplicates): {}",
                    acking.size(), e.toString());
        }
        acking.forEach(d -> d.settled = true);
    }

    /** Null, and dead-lettered at once, when the message can never be handled. */
    private Work decode(Delivery d) {
        try {
            var envelope = dk.gennemsyn.proto.platform.v1.Envelope.parseFrom(d.body);
            Registration registration = handlers.get(envelope.getEventType());
            if (registration == null) {
                throw new IllegalArgumentException("no handler for " + envelope.getEventType());
            }
            if (!Tenants.isValid(envelope.getTenant())) {
                throw new IllegalArgumentException("bad tenant in " + envelope.getEventType());
            }
            // Parsed here, not in the transaction: a corrupt payload is known before it can fail a batch.
            Message payload = registration.parser().parseFrom(envelope.getPayload());
            return new Work(d, envelope, registration, payload);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            LOG.error("Dead-lettering a message that cannot be handled (message id {}): {}", d.props.getMessageId(),
                    e.toString());
            meters.rejected().increment();
            settle(d, false);
            return null;
        }
    }

    private void handleAlone(Work w) {
        for (int attempt = 1; running.getAsBoolean(); attempt++) {
            try {
                boolean first = tx.executeWrite(status -> handleInTransaction(status.getConnection(), w));
                (first ? meters.handled() : meters.duplicates()).increment();
                crashPoints.reached(CrashPoints.CONSUMER_AFTER_COMMIT);
                ack(List.of(w.delivery()), List.of(w));
                return;
            } catch (Exception e) {
                if (DatabaseUnavailable.is(e)) {
                    if (!waitForDatabase(attempt, e)) {
                        return;
                    }
                    continue;
                }
                meters.failed().increment();
                LOG.warn("Handler for {} failed (event {}), requeueing: {}", w.envelope().getEventType(),
                        w.envelope().getEventId(), e.toString());
                settle(w.delivery(), true);
                return;
            }
        }
    }

    /** Nack: requeued (counts towards the delivery limit) or straight to the dead-letter queue. */
    private static void settle(Delivery d, boolean requeue) {
        try {
            d.channel.basicNack(d.tag, false, requeue);
        } catch (IOException | RuntimeException e) {
            // The channel is gone: the broker requeues everything it had not settled.
            LOG.warn("Could not nack delivery {}: {}", d.tag, e.toString());
        }
        d.settled = true;
    }

    private void requeueUnsettled(List<Delivery> batch) {
        if (!running.getAsBoolean()) {
            return; // stopping: closing the channel returns whatever it had not settled
        }
        for (Delivery d : batch) {
            if (!d.settled) {
                meters.failed().increment();
                settle(d, true);
            }
        }
    }

    /** Backs off while the database is unavailable; false if the consumer stopped meanwhile. */
    private boolean waitForDatabase(int attempt, Exception e) {
        meters.waited().increment();
        Duration backoff = OutboxRelay.backoff(attempt);
        if (attempt == 1) {
            LOG.warn("Database unavailable, keeping the deliveries and trying again: {}", e.toString());
        }
        return sleep(backoff);
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return running.getAsBoolean();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Claims the inbox rows of a whole batch in one statement, then runs the handler of each event that was
     * not handled before, in order, binding the tenant only when it changes. Consecutive events for one batch
     * handler that share tenant and correlation go to it as one run. Returns, per event, whether it was new.
     */
    private List<Boolean> handleBatchInTransaction(Connection c, List<Work> batch) throws Exception {
        Set<String> fresh = inbox.claim(c, batch.stream().map(ConsumerWorker::claim).toList());
        List<Boolean> out = new ArrayList<>(batch.size());
        List<Work> run = new ArrayList<>();
        String boundTenant = null;
        for (Work w : batch) {
            // remove: the same event twice in one batch is handled once
            if (!fresh.remove(w.envelope().getEventId())) {
                out.add(false);
                continue;
            }
            if (!run.isEmpty() && !sameRun(run.get(0), w)) {
                invokeRun(run);
                run.clear();
            }
            if (!w.envelope().getTenant().equals(boundTenant)) {
                bindTenant(c, w.envelope().getTenant());
                boundTenant = w.envelope().getTenant();
                tenants.remember(boundTenant);
            }
            if (w.registration().batch() != null) {
                run.add(w);
            } else {
                invoke(w);
            }
            out.add(true);
        }
        if (!run.isEmpty()) {
            invokeRun(run);
        }
        return out;
    }

    private static boolean sameRun(Work a, Work b) {
        return a.registration() == b.registration() && a.envelope().getTenant().equals(b.envelope().getTenant())
                && a.envelope().getCorrelationId().equals(b.envelope().getCorrelationId());
    }

    /** A run for one batch handler: one span (continuing the first event's trace) and the first's MDC. */
    private void invokeRun(List<Work> run) {
        if (run.size() == 1) {
            invoke(run.get(0));
            return;
        }
        List<BatchEventHandler.Received<Message>> events = run.stream()
                .map(w -> new BatchEventHandler.Received<>(context(w.envelope()), w.payload())).toList();
        inSpan(run.get(0), events.size(), () -> run.get(0).registration().batch().accept(events));
    }

    /** Binds the event's tenant, claims its inbox row and runs the handler. False if it was handled before. */
    private boolean handleInTransaction(Connection c, Work w) throws Exception {
        bindTenant(c, w.envelope().getTenant());
        if (inbox.claim(c, List.of(claim(w))).isEmpty()) {
            return false;
        }
        tenants.remember(w.envelope().getTenant());
        invoke(w);
        return true;
    }

    private static Inbox.Claim claim(Work w) {
        var e = w.envelope();
        return new Inbox.Claim(e.getEventId(), e.getTenant(), e.getEventType());
    }

    private static void bindTenant(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('app.tenant', ?, true)")) {
            ps.setString(1, tenant);
            ps.execute();
        }
    }

    private void invoke(Work w) {
        inSpan(w, 1, () -> w.registration().handler().accept(context(w.envelope()), w.payload()));
    }

    /**
     * Runs a handler in a consumer span that continues the (first) event's trace, with the correlation and trace
     * context in the MDC (the logs, and the events the handler writes, carry it on).
     */
    private void inSpan(Work w, int events, Runnable handler) {
        var envelope = w.envelope();
        Object header = w.delivery().props.getHeaders() == null ? null
                : w.delivery().props.getHeaders().get(Correlation.TRACEPARENT);
        String parent = header != null ? header.toString() : envelope.getTraceparent();
        Span span = traces.start("process " + envelope.getEventType(), SpanKind.CONSUMER, parent);
        span.setAttribute("gennemsyn.tenant", envelope.getTenant());
        if (events > 1) {
            span.setAttribute("messaging.batch.message_count", events);
        }
        String traceparent = Traces.traceparent(span, Correlation.childOf(parent));
        MDC.put(Correlation.CORRELATION_ID, envelope.getCorrelationId());
        MDC.put(Correlation.TENANT, envelope.getTenant());
        MDC.put(Correlation.TRACEPARENT, traceparent);
        MDC.put(Correlation.TRACE_ID, Correlation.traceId(traceparent));
        try (Scope ignored = span.makeCurrent()) {
            handler.run();
        } catch (RuntimeException e) {
            span.recordException(e);
            throw e;
        } finally {
            span.end();
            MDC.clear();
        }
    }

    private static EventContext context(dk.gennemsyn.proto.platform.v1.Envelope envelope) {
        var ts = envelope.getOccurredAt();
        return new EventContext(envelope.getEventId(), envelope.getTenant(), envelope.getEventType(),
                Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()), envelope.getCorrelationId(),
                envelope.getProducer(), envelope.getAggregateId());
    }
}
