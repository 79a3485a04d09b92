package dk.gennemsyn.platform.events;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.AMQP;
import dk.gennemsyn.platform.db.KnownTenants;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Consumes this service's queue and hands each event to its {@link EventHandler}, exactly once in effect:
 * <ol>
 *   <li>the inbox row (consumer, event id) and the handler's changes share one transaction, bound to the
 *       event's tenant; a duplicate delivery finds the row and does nothing;</li>
 *   <li>a delivery is acked only after that transaction committed, or nacked to the dead-letter queue on
 *       purpose; every delivery of a batch is settled before the next batch starts, so the one "multiple" ack
 *       per batch can only cover deliveries this worker finished;</li>
 *   <li>a message that can never be handled (not an envelope, no handler, a payload that does not parse) is
 *       dead-lettered at once, and the rest of its batch is applied;</li>
 *   <li>a failing handler rolls back and its message is requeued; after the queue's delivery limit the broker
 *       moves it to the dead-letter queue, and the messages behind it keep flowing;</li>
 *   <li>while the database is unavailable the worker keeps its deliveries and tries again with backoff: an
 *       outage must not spend the events' delivery attempts and send good events to the dead letters.</li>
 * </ol>
 * Throughput: each consumer channel hands what it has prefetched to one worker, which handles up to
 * {@code batch-size} events in one transaction (one commit, one fsync) and acks them after it. If anything
 * in a batch fails, the batch is rolled back and its events are handled again one per transaction, so a
 * failing event never holds back or takes down the others. Within a batch, consecutive events for one
 * {@link BatchEventHandler} (same tenant, same correlation) are handed to it together.
 * A service with no handlers consumes nothing.
 */
@Singleton
public class EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

    private final Map<String, ConsumerWorker.Registration> handlers = new HashMap<>();
    private final RabbitBroker broker;
    private final KnownTenants tenants;
    private final Inbox inbox;
    private final CrashPoints crashPoints;
    private final TransactionOperations<Connection> tx;
    private final Traces traces;
    private final ConsumerMeters meters;
    private final int prefetch;
    private final int consumers;
    private final int batchSize;
    private final List<Thread> workers = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private volatile boolean running;
    private Thread starter;

    @SuppressWarnings("unchecked")
    public EventConsumer(List<EventHandler<?>> eventHandlers, List<MultiEventHandler> multiHandlers,
                         List<BatchEventHandler<?>> batchHandlers, RabbitBroker broker, TransactionOperations<Connection> tx, KnownTenants tenants, Inbox inbox,
                         CrashPoints crashPoints, MeterRegistry metrics, Traces traces,
                         @Value("${gennemsyn.rabbitmq.prefetch:200}") int prefetch,
                         @Value("${gennemsyn.rabbitmq.consumers:1}") int consumers,
                         @Value("${gennemsyn.rabbitmq.batch-size:200}") int batchSize) {
        for (EventHandler<?> h : eventHandlers) {
            register(h.eventType(), ((EventHandler<Message>) h)::handle, null);
        }
        for (BatchEventHandler<?> h : batchHandlers) {
            BatchEventHandler<Message> b = (BatchEventHandler<Message>) h;
            register(h.eventType(),
                    (context, event) -> b.handleAll(List.of(new BatchEventHandler.Received<>(context, event))), b::handleAll);
        }
        for (MultiEventHandler h : multiHandlers) {
            for (Class<? extends Message> type : h.eventTypes()) {
                register(type, h::handle, h.batchedTypes().contains(type) ? h::handleAll : null);
            }
        }
        this.broker = broker;
        this.tenants = tenants;
        this.inbox = inbox;
        this.crashPoints = crashPoints;
        this.traces = traces;
        this.tx = tx;
        this.meters = ConsumerMeters.register(metrics);
        this.prefetch = prefetch;
        this.consumers = consumers;
        this.batchSize = Math.max(1, batchSize);
    }

    private void register(Class<? extends Message> eventType, BiConsumer<EventContext, Message> handler,
                          Consumer<List<BatchEventHandler.Received<Message>>> batch) {
        String type = EventTypes.of(eventType);
        if (handlers.containsKey(type)) {
            throw new IllegalStateException("Two handlers for " + type);
        }
        handlers.put(type, new ConsumerWorker.Registration(handler, batch, parser(eventType)));
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
        broker.bind(handlers.keySet());
        for (int i = 0; i < consumers; i++) {
            Channel ch = broker.connection().createChannel();
            ch.basicQos(prefetch);
            BlockingQueue<ConsumerWorker.Delivery> pending = new LinkedBlockingQueue<>();
            ch.basicConsume(broker.queue(), false, broker.service() + "-" + i, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                    pending.add(new ConsumerWorker.Delivery(ch, env.getDeliveryTag(), props, body));
                }
            });
            channels.add(ch);
            Thread worker = new Thread(new ConsumerWorker(handlers, tx, inbox, tenants, meters, crashPoints, traces, batchSize,
                    () -> running, pending), "event-consumer-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        LOG.info("Consuming {} with {} consumer(s) for {}", broker.queue(), consumers, handlers.keySet());
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

    /**
     * Stops in the order that leaves nothing half done: no new deliveries (cancel), the batch in hand committed and
     * acknowledged (join), then the channels closed. Deliveries prefetched but not started go back to the queue when
     * the channel closes. Anything cut short is redelivered and caught by the inbox, never lost.
     */
    @PreDestroy
    synchronized void stop() {
        if (starter != null) {
            starter.interrupt();
        }
        for (Channel ch : channels) {
            try {
                for (int i = 0; i < consumers; i++) {
                    if (ch.isOpen()) {
                        ch.basicCancel(broker.service() + "-" + i);
                    }
                }
            } catch (Exception e) {
                LOG.debug("Cancelling a consumer: {}", e.toString());
            }
        }
        running = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread w : workers) {
            try {
                w.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        channels.forEach(EventConsumer::closeQuietly);
        channels.clear();
        workers.forEach(Thread::interrupt);
        workers.clear();
        LOG.info("Event consumers stopped");
    }
}
