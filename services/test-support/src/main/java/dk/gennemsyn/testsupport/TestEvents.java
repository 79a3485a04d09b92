package dk.gennemsyn.testsupport;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dk.gennemsyn.proto.platform.v1.Envelope;

import java.time.Instant;
import java.util.Map;

/** Publishes events straight to the broker, as another service would (or as a redelivery would). */
public final class TestEvents {

    public static final String EXCHANGE = "gennemsyn.events";

    private TestEvents() {
    }

    public static Envelope envelope(String tenant, String eventId, String aggregateId, Message payload) {
        Instant now = Instant.now();
        return Envelope.newBuilder()
                .setEventId(eventId).setTenant(tenant)
                .setEventType(payload.getDescriptorForType().getFullName())
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setProducer("test").setSchemaVersion(1).setCorrelationId("test-" + eventId)
                .setAggregateId(aggregateId)
                .setPayload(payload.toByteString())
                .build();
    }

    /**
     * Publishes each envelope {@code copies} times to the events exchange of the context's vhost. Published
     * {@code mandatory}: a message returned because the service has not bound its queue yet (it subscribes in the
     * background at start-up) is published again until it is routed, for up to 10 s.
     */
    public static void publish(Map<String, String> contextProperties, int copies, Envelope... envelopes) {
        var factory = new ConnectionFactory();
        try {
            factory.setUri(TestInfra.rabbitUri(contextProperties));
            try (Connection c = factory.newConnection("test-publisher"); Channel ch = c.createChannel()) {
                ch.exchangeDeclare(EXCHANGE, "topic", true);
                ch.confirmSelect();
                java.util.List<byte[]> returned = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
                ch.addReturnListener(r -> returned.add(r.getBody()));
                java.util.List<Envelope> pending = new java.util.ArrayList<>();
                for (Envelope e : envelopes) {
                    for (int i = 0; i < copies; i++) {
                        pending.add(e);
                    }
                }
                long deadline = System.currentTimeMillis() + 10_000;
                while (!pending.isEmpty()) {
                    returned.clear();
                    for (Envelope e : pending) {
                        ch.basicPublish(EXCHANGE, e.getEventType(), true, null, e.toByteArray());
                    }
                    ch.waitForConfirmsOrDie(10_000);
                    java.util.List<Envelope> again = new java.util.ArrayList<>();
                    synchronized (returned) {
                        for (byte[] body : returned) {
                            again.add(Envelope.parseFrom(body));
                        }
                    }
                    if (!again.isEmpty() && System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException(again.size() + " event(s) found no queue: is the service consuming?");
                    }
                    if (!again.isEmpty()) {
                        Thread.sleep(100);
                    }
                    pending = again;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish test events", e);
        }
    }

    /**
     * Publishes raw message bodies, each with its routing key, to the events exchange of the context's vhost, as a
     * broken or hostile producer would (bodies that are no envelope, envelopes with corrupt payloads).
     */
    public static void publishRaw(Map<String, String> contextProperties, java.util.List<Map.Entry<String, byte[]>> messages) {
        var factory = new ConnectionFactory();
        try {
            factory.setUri(TestInfra.rabbitUri(contextProperties));
            try (Connection c = factory.newConnection("test-publisher"); Channel ch = c.createChannel()) {
                ch.exchangeDeclare(EXCHANGE, "topic", true);
                ch.confirmSelect();
                java.util.concurrent.atomic.AtomicInteger returned = new java.util.concurrent.atomic.AtomicInteger();
                ch.addReturnListener(r -> returned.incrementAndGet());
                for (var m : messages) {
                    ch.basicPublish(EXCHANGE, m.getKey(), true, null, m.getValue());
                }
                ch.waitForConfirmsOrDie(10_000);
                if (returned.get() > 0) {
                    throw new IllegalStateException(returned.get() + " message(s) found no queue");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish test messages", e);
        }
    }
}
