package dk.gennemsyn.platform.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.AMQP;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * A service with no handlers consumes nothing.
 */
@Singleton
public class EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);

    private record Registration(EventHandler<Message> handler, Parser<? extends Message> parser) {
    }

    private final Map<String, Registration> handlers = new HashMap<>();
    private final RabbitBroker broker;
    private final TransactionOperations<Connection> tx;
    private final int prefetch;
    private final int consumers;
    private final Counter handled;
    private final Counter duplicates;
    private final Counter failed;
    private final List<Channel> channels = new ArrayList<>();
    private volatile boolean running;
    private Thread starter;

    @SuppressWarnings("unchecked")
    public EventConsumer(List<EventHandler<?>> eventHandlers, RabbitBroker broker, TransactionOperations<Connection> tx,
                         MeterRegistry metrics,
                         @Value("${gennemsyn.rabbitmq.prefetch:50}") int prefetch,
                         @Value("${gennemsyn.rabbitmq.consumers:4}") int consumers) {
        for (EventHandler<?> h : eventHandlers) {
            String type = EventTypes.of(h.eventType());
            if (handlers.containsKey(type)) {
                throw new IllegalStateException("Two handlers for " + type);
            }
            handlers.put(type, new Registration((EventHandler<Message>) h, parser(h.eventType())));
        }
        this.broker = broker;
        this.tx = tx;
        this.prefetch = prefetch;
        this.consumers = consumers;
        this.handled = Counter.builder("gennemsyn.events.handled").register(metrics);
        this.duplicates = Counter.builder("gennemsyn.events.duplicates")
                .description("Deliveries of events already handled (skipped)").register(metrics);
        this.failed = Counter.builder("gennemsyn.events.failed").register(metrics);
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
            ch.basicConsume(broker.queue(), false, broker.service() + "-" + i, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                        throws IOException {
                    deliver(getChannel(), env.getDeliveryTag(), props, body);
                }
            });
            channels.add(ch);
        }
        LOG.info("Consuming {} with {} consumer(s) for {}", broker.queue(), consumers, handlers.keySet());
    }

    private void deliver(Channel ch, long tag, AMQP.BasicProperties props, byte[] body) throws IOException {
        dk.gennemsyn.proto.platform.v1.Envelope envelope;
        Registration registration;
        try {
            envelope = dk.gennemsyn.proto.platform.v1.Envelope.parseFrom(body);
            registration = handlers.get(envelope.getEventType());
            if (registration == null || !Tenants.isValid(envelope.getTenant())) {
                throw new IllegalArgumentException("no handler or bad tenant for " + envelope.getEventType());
            }
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            LOG.error("Dead-lettering a message that cannot be handled: {}", e.getMessage());
            failed.increment();
            ch.basicNack(tag, false, false);
            return;
        }
        MDC.put(Correlation.CORRELATION_ID, envelope.getCorrelationId());
        MDC.put(Correlation.TENANT, envelope.getTenant());
        Object header = props.getHeaders() == null ? null : props.getHeaders().get(Correlation.TRACEPARENT);
        String traceparent = Correlation.childOf(header != null ? header.toString() : envelope.getTraceparent());
        MDC.put(Correlation.TRACEPARENT, traceparent);
        MDC.put(Correlation.TRACE_ID, Correlation.traceId(traceparent));
        try {
            boolean first = handleOnce(envelope, registration);
            (first ? handled : duplicates).increment();
            ch.basicAck(tag, false);
        } catch (Exception e) {
            failed.increment();
            LOG.warn("Handler for {} failed (event {}), requeueing: {}", envelope.getEventType(),
                    envelope.getEventId(), e.toString());
            ch.basicNack(tag, false, true);
        } finally {
            MDC.clear();
        }
    }

    /** Returns false when the event had already been handled by this consumer. */
    private boolean handleOnce(dk.gennemsyn.proto.platform.v1.Envelope envelope, Registration registration) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement("select set_config('app.tenant', ?, true)")) {
                ps.setString(1, envelope.getTenant());
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into inbox (consumer, event_id, tenant, event_type) values (?, ?::uuid, ?, ?)
                    on conflict do nothing""")) {
                ps.setString(1, broker.service());
                ps.setString(2, envelope.getEventId());
                ps.setString(3, envelope.getTenant());
                ps.setString(4, envelope.getEventType());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            Message payload = registration.parser().parseFrom(envelope.getPayload());
            var ts = envelope.getOccurredAt();
            registration.handler().handle(new EventContext(envelope.getEventId(), envelope.getTenant(),
                    envelope.getEventType(), Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()),
                    envelope.getCorrelationId(), envelope.getProducer(), envelope.getAggregateId()), payload);
            return true;
        });
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
    }
}
