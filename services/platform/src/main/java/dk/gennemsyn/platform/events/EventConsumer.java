package dk.gennemsyn.platform.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.AMQP;
import dk.gennemsyn.platform.db.KnownTenants;
import dk.gennemsyn.platform.security.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Consumes this service's queue and hands each event to its {@link EventHandler}, exactly once in effect:
 * <ol>
 *   <li>the inbox row (consumer, event id) and the handler's changes share one transaction, bound to the
 *       event's tenant; a duplicate delivery finds the row and does nothing;</li>
 *   <li>the message is acked only after that transaction committed;</li>
 *   <li>a failing handler rolls back and the message is requeued; after the queue's delivery limit it
 *       moves to the dead-letter queue, and the messages behind it keep flowing;</li>
 *   <li>a message that can never be handled (not an envelope, no handler) is dead-lettered at once.</li>
 * </ol>
 * Throughput: each consumer channel hands what it has prefetched to one worker, which handles up to
 * {@code batch-size} events in one transaction (one commit, one fsync) and acks them after it. If anything
 * in a batch fails, the batch is rolled back and its events are handled again one per transaction, so a
 * failing event never holds back or takes down the others.
 * A service with no handlers consumes nothing.
 */
@Singleton
public class EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

    private record Registration(EventHandler<Message> handler, Parser<? extends Message> parser) {
    }

    private final Map<String, Registration> handlers = new HashMap<>();
    private final RabbitBroker broker;
    private final KnownTenants tenants;
    private final TransactionOperations<Connection> tx;
    private final int prefetch;
    private final int consumers;
    private final int batchSize;
    private final List<Thread> workers = new ArrayList<>();
    private final Counter handled;
    private final Counter duplicates;
    private final Counter failed;
    private final List<Channel> channels = new ArrayList<>();
    private volatile boolean running;
    private Thread starter;

    @SuppressWarnings("unchecked")
    public EventConsumer(List<EventHandler<?>> eventHandlers, List<MultiEventHandler> multiHandlers,
                         RabbitBroker broker, TransactionOperations<Connection> tx, KnownTenants tenants,
                         MeterRegistry metrics,
                         @Value("${gennemsyn.rabbitmq.prefetch:200}") int prefetch,
                         @Value("${gennemsyn.rabbitmq.consumers:1}") int consumers,
                         @Value("${gennemsyn.rabbitmq.batch-size:200}") int batchSize) {
        for (EventHandler<?> h : eventHandlers) {
            register(h.eventType(), (EventHandler<Message>) h);
        }
        for (MultiEventHandler h : multiHandlers) {
            for (Class<? extends Message> type : h.eventTypes()) {
                register(type, new EventHandler<>() {
                    @Override
                    public Class<Message> eventType() {
                        return (Class<Message>) (Class<?>) type;
                    }

                    @Override
                    public void handle(EventContext context, Message event) {
                        h.handle(context, event);
                    }
                });
            }
        }
        this.broker = broker;
        this.tenants = tenants;
        this.tx = tx;
        this.prefetch = prefetch;
        this.consumers = consumers;
        this.batchSize = Math.max(1, batchSize);
        this.handled = Counter.builder("gennemsyn.events.handled").register(metrics);
        this.duplicates = Counter.builder("gennemsyn.events.duplicates")
                .description("Deliveries of events already handled (skipped)").register(metrics);
        this.failed = Counter.builder("gennemsyn.events.failed").register(metrics);
    }

    private void register(Class<? extends Message> eventType, EventHandler<Message> handler) {
        String type = EventTypes.of(eventType);
        if (handlers.containsKey(type)) {
            throw new IllegalStateException("Two handlers for " + type);
        }
        handlers.put(type, new Registration(handler, parser(eventType)));
    }

    /** True once the queue is bound and the consumers are registered. */
    public synchronized boolean isSubscribed() {
        return !channels.isEmpty();
    }

    public boolean hasHandlers() {
        return !handlers.isEmpty();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (hasHandlers()) {
            start();
        }
    }

    /** Starts consuming; if the broker is not there yet, keeps trying in the background. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        starter = new Thread(() -> {
            int attempt = 0;
            while (running) {
                try {
                    subscribe();
                    return;
                } catch (Exception e) {
                    attempt++;
                    LOG.warn("Cannot subscribe to RabbitMQ yet (attempt {}): {}", attempt, e.toString());
                    try {
                        Thread.sleep(OutboxRelay.backoff(attempt).toMillis());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, "event-consumer-start");
        starter.setDaemon(true);
        starter.start();
    }

    private synchronized void subscribe() throws IOException {
        Channel setup = broker.connection().createChannel();
        try {
            broker.declareQueues(setup);
            for (String type : handlers.keySet()) {
                setup.queueBind(broker.queue(), RabbitBroker.EXCHANGE, type);
            }
        } finally {
            closeQuietly(setup);
        }
        for (int i = 0; i < consumers; i++) {
            Channel ch = broker.connection().createChannel();
            ch.basicQos(prefetch);
            BlockingQueue<Delivery> pending = new LinkedBlockingQueue<>();
            ch.basicConsume(broker.queue(), false, broker.service() + "-" + i, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                    pending.add(new Delivery(ch, env.getDeliveryTag(), props, body));
                }
            });
            channels.add(ch);
            Thread worker = new Thread(() -> work(pending), "event-consumer-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        LOG.info("Consuming {} with {} consumer(s) for {}", broker.queue(), consumers, handlers.keySet());
    }

    private record Delivery(Channel channel, long tag, AMQP.BasicProperties props, byte[] body) {
    }

    /** A delivery that parsed, with its handler. */
    private record Work(Delivery delivery, dk.gennemsyn.proto.platform.v1.Envelope envelope, Registration registration) {
    }

    private void work(BlockingQueue<Delivery> pending) {
        List<Delivery> batch = new ArrayList<>(batchSize);
        while (running) {
            try {
                Delivery first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, batchSize - 1);
                handleBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.error("Event consumer worker error: {}", e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void handleBatch(List<Delivery> deliveries) throws IOException {
        List<Work> batch = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries) {
            Work w = parse(d);
            if (w != null) {
                batch.add(w);
            }
        }
        if (batch.size() > 1) {
            try {
                List<Boolean> first = tx.executeWrite(status -> handleBatchInTransaction(status.getConnection(), batch));
                for (int i = 0; i < batch.size(); i++) {
                    (first.get(i) ? handled : duplicates).increment();
                }
                // One ack for the whole batch: the deliveries came in tag order from one channel, and any
                // before them are settled already (acked, or nacked by parse), so "multiple" acks just these.
                Delivery last = batch.get(batch.size() - 1).delivery();
                last.channel().basicAck(last.tag(), true);
                return;
            } catch (RuntimeException e) {
                LOG.debug("Batch of {} failed, handling them one by one: {}", batch.size(), e.toString());
            }
        }
        for (Work w : batch) {
            handleAlone(w);
        }
    }

    /** Null (and dead-lettered at once) when the message can never be handled. */
    private Work parse(Delivery d) throws IOException {
        try {
            var envelope = dk.gennemsyn.proto.platform.v1.Envelope.parseFrom(d.body());
            Registration registration = handlers.get(envelope.getEventType());
            if (registration == null || !Tenants.isValid(envelope.getTenant())) {
                throw new IllegalArgumentException("no handler or bad tenant for " + envelope.getEventType());
            }
            return new Work(d, envelope, registration);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            LOG.error("Dead-lettering a message that cannot be handled: {}", e.getMessage());
            failed.increment();
            d.channel().basicNack(d.tag(), false, false);
            return null;
        }
    }

    private void handleAlone(Work w) throws IOException {
        try {
            boolean first = tx.executeWrite(status -> handleInTransaction(status.getConnection(), w));
            (first ? handled : duplicates).increment();
            w.delivery().channel().basicAck(w.delivery().tag(), false);
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warn("Handler for {} failed (event {}), requeueing: {}", w.envelope().getEventType(),
                    w.envelope().getEventId(), e.toString());
            w.delivery().channel().basicNack(w.delivery().tag(), false, true);
        }
    }

    /**
     * Claims the inbox rows of a whole batch in one statement, then runs the handler of each event that was
     * not handled before, binding the tenant only when it changes. Returns, per event, whether it was new.
     */
    private List<Boolean> handleBatchInTransaction(Connection c, List<Work> batch) throws Exception {
        Set<String> fresh = claim(c, batch);
        List<Boolean> out = new ArrayList<>(batch.size());
        String boundTenant = null;
        for (Work w : batch) {
            // remove: the same event twice in one batch is handled once
            if (!fresh.remove(w.envelope().getEventId())) {
                out.add(false);
                continue;
            }
            if (!w.envelope().getTenant().equals(boundTenant)) {
                bindTenant(c, w.envelope().getTenant());
                boundTenant = w.envelope().getTenant();
                tenants.remember(boundTenant);
            }
            invoke(w);
            out.add(true);
        }
        return out;
    }

    /** Binds the event's tenant, claims its inbox row and runs the handler. False if it was handled before. */
    private boolean handleInTransaction(Connection c, Work w) throws Exception {
        bindTenant(c, w.envelope().getTenant());
        if (claim(c, List.of(w)).isEmpty()) {
            return false;
        }
        tenants.remember(w.envelope().getTenant());
        invoke(w);
        return true;
    }

    /** Inserts the inbox rows; returns the event ids that were not there yet. */
    private Set<String> claim(Connection c, List<Work> works) throws SQLException {
        int n = works.size();
        String[] ids = new String[n];
        String[] tenants = new String[n];
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            var e = works.get(i).envelope();
            ids[i] = e.getEventId();
            tenants[i] = e.getTenant();
            types[i] = e.getEventType();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into inbox (consumer, event_id, tenant, event_type)
                select ?, event_id, tenant, event_type from unnest(?::uuid[], ?::text[], ?::text[])
                    as t(event_id, tenant, event_type)
                on conflict do nothing
                returning event_id""")) {
            ps.setString(1, broker.service());
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.setArray(3, c.createArrayOf("text", tenants));
            ps.setArray(4, c.createArrayOf("text", types));
            Set<String> fresh = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
            return fresh;
        }
    }

    private static void bindTenant(Connection c, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('app.tenant', ?, true)")) {
            ps.setString(1, tenant);
            ps.execute();
        }
    }

    /** Runs the handler with the event's correlation and trace context in the MDC. */
    private void invoke(Work w) throws Exception {
        var envelope = w.envelope();
        Object header = w.delivery().props().getHeaders() == null ? null
                : w.delivery().props().getHeaders().get(Correlation.TRACEPARENT);
        String traceparent = Correlation.childOf(header != null ? header.toString() : envelope.getTraceparent());
        MDC.put(Correlation.CORRELATION_ID, envelope.getCorrelationId());
        MDC.put(Correlation.TENANT, envelope.getTenant());
        MDC.put(Correlation.TRACEPARENT, traceparent);
        MDC.put(Correlation.TRACE_ID, Correlation.traceId(traceparent));
        try {
            Message payload = w.registration().parser().parseFrom(envelope.getPayload());
            var ts = envelope.getOccurredAt();
            w.registration().handler().handle(new EventContext(envelope.getEventId(), envelope.getTenant(),
                    envelope.getEventType(), Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()),
                    envelope.getCorrelationId(), envelope.getProducer(), envelope.getAggregateId()), payload);
        } finally {
            MDC.clear();
        }
    }

    private static Parser<? extends Message> parser(Class<? extends Message> type) {
        try {
            return (Parser<? extends Message>) type.getMethod("parser").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type + " is not a generated protobuf message", e);
        }
    }

    private static void closeQuietly(Channel ch) {
        try {
            if (ch.isOpen()) {
                ch.close();
            }
        } catch (Exception e) {
            LOG.debug("Closing channel: {}", e.toString());
        }
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (starter != null) {
            starter.interrupt();
        }
        channels.forEach(EventConsumer::closeQuietly);
        channels.clear();
        workers.forEach(Thread::interrupt);
        workers.clear();
    }
}
