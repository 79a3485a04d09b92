package dk.gennemsyn.platform.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.context.annotation.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What an operator needs for this service's dead-letter queue: its depth (also a metric), a look at
 * the messages in it, and a replay of one or all of them into this service's queue (only this service's:
 * other consumers handled them already).
 */
// Created at start-up so the depth metric exists before anyone asks for the dead letters.
@Context
public class DeadLetters {

    @Serdeable
    public record DeadLetter(String eventId, String eventType, String tenant, String producer, String occurredAt,
                             long deathCount, String reason) {
    }

    private final RabbitBroker broker;

    public DeadLetters(RabbitBroker broker, MeterRegistry metrics) {
        this.broker = broker;
        Gauge.builder("gennemsyn.dead_letters.depth", this, DeadLetters::depthOrNaN)
                .description("Messages in this service's dead-letter queue").register(metrics);
    }

    public long depth() throws IOException {
        return withChannel(ch -> {
            broker.declareQueues();
            return ch.messageCount(broker.deadLetterQueue());
        });
    }

    private double depthOrNaN() {
        try {
            return depth();
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** Up to {@code limit} messages, left in the queue. */
    public List<DeadLetter> list(int limit) throws IOException {
        return withChannel(ch -> {
            broker.declareQueues();
            List<DeadLetter> out = new ArrayList<>();
            // Unacked gets are returned to the queue when the channel closes, in their order.
            GetResponse r;
            while (out.size() < limit && (r = ch.basicGet(broker.deadLetterQueue(), false)) != null) {
                out.add(describe(r));
            }
            return out;
        });
    }

    /** A dead letter with its content, for the municipality it belongs to. */
    @Serdeable
    public record WithPayload(DeadLetter meta, String payload) {
    }

    /**
     * The municipality's own dead letters with their payloads (as protobuf text), left in the queue: for its
     * administrator. Looks at most {@code scan} messages deep.
     */
    public List<WithPayload> listForTenant(String tenant, int limit, int scan) throws IOException {
        return withChannel(ch -> {
            broker.declareQueues();
            List<WithPayload> out = new ArrayList<>();
            GetResponse r;
            for (int seen = 0; seen < scan && out.size() < limit
                    && (r = ch.basicGet(broker.deadLetterQueue(), false)) != null; seen++) {
                DeadLetter d = describe(r);
                if (tenant.equals(d.tenant())) {
                    out.add(new WithPayload(d, payloadText(r.getBody())));
                }
            }
            return out;
        });
    }

    private static final List<com.google.protobuf.Descriptors.FileDescriptor> SCHEMAS = List.of(
            dk.gennemsyn.proto.caseintake.v1.Caseintake.getDescriptor(),
            dk.gennemsyn.proto.assessment.v1.Assessment.getDescriptor(),
            dk.gennemsyn.proto.recommendations.v1.Recommendations.getDescriptor(),
            dk.gennemsyn.proto.notifications.v1.Notifications.getDescriptor(),
            dk.gennemsyn.proto.platform.v1.Platform.getDescriptor());

    /** The payload as protobuf text if its type is known and it parses; otherwise why not. */
    static String payloadText(byte[] body) {
        dk.gennemsyn.proto.platform.v1.Envelope e;
        try {
            e = dk.gennemsyn.proto.platform.v1.Envelope.parseFrom(body);
        } catch (InvalidProtocolBufferException ex) {
            return "(kan ikke læses: " + body.length + " bytes, ikke en gyldig hændelse)";
        }
        String type = e.getEventType();
        for (var file : SCHEMAS) {
            if (type.startsWith(file.getPackage() + ".")) {
                var descriptor = file.findMessageTypeByName(type.substring(file.getPackage().length() + 1));
                if (descriptor != null) {
                    try {
                        return com.google.protobuf.TextFormat.printer().escapingNonAscii(false).printToString(
                                com.google.protobuf.DynamicMessage.parseFrom(descriptor, e.getPayload()));
                    } catch (InvalidProtocolBufferException ex) {
                        break;
                    }
                }
            }
        }
        return "(kan ikke læses som " + type + ": " + e.getPayload().size() + " bytes)";
    }

    /** Moves matching messages back to this service's queue; returns how many. */
    public int replay(Optional<String> eventId) throws IOException {
        Predicate<GetResponse> wanted = r -> eventId.map(id -> id.equals(r.getProps().getMessageId())).orElse(true);
        return withChannel(ch -> {
            broker.declareQueues();
            ch.confirmSelect();
            long depth = ch.messageCount(broker.deadLetterQueue());
            List<Long> replayed = new ArrayList<>();
            GetResponse r;
            for (long i = 0; i < depth && (r = ch.basicGet(broker.deadLetterQueue(), false)) != null; i++) {
                if (wanted.test(r)) {
                    AMQP.BasicProperties p = r.getProps().builder().headers(Map.of("replayed", true)).build();
                    ch.basicPublish("", broker.queue(), true, p, r.getBody());
                    replayed.add(r.getEnvelope().getDeliveryTag());
                }
            }
            ch.waitForConfirmsOrDie(10_000);
            for (long tag : replayed) {
                ch.basicAck(tag, false);
            }
            return replayed.size();
        });
    }

    private static DeadLetter describe(GetResponse r) {
        Map<String, Object> headers = r.getProps().getHeaders() == null ? Map.of() : r.getProps().getHeaders();
        long deaths = 0;
        String reason = "";
        if (headers.get("x-death") instanceof List<?> deathList && !deathList.isEmpty()
                && deathList.get(0) instanceof Map<?, ?> d) {
            deaths = d.get("count") instanceof Number n ? n.longValue() : 0;
            reason = String.valueOf(d.get("reason"));
        }
        try {
            var e = dk.gennemsyn.proto.platform.v1.Envelope.parseFrom(r.getBody());
            return new DeadLetter(e.getEventId(), e.getEventType(), e.getTenant(), e.getProducer(),
                    java.time.Instant.ofEpochSecond(e.getOccurredAt().getSeconds()).toString(), deaths, reason);
        } catch (InvalidProtocolBufferException ex) {
            return new DeadLetter(r.getProps().getMessageId(), "(ikke en gyldig hændelse)", "", "", "", deaths, reason);
        }
    }

    private interface ChannelWork<T> {
        T run(Channel ch) throws IOException, InterruptedException, java.util.concurrent.TimeoutException;
    }

    private <T> T withChannel(ChannelWork<T> work) throws IOException {
        Channel ch = broker.connection().createChannel();
        try {
            return work.run(ch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        } finally {
            try {
                if (ch.isOpen()) {
                    ch.close();
                }
            } catch (Exception ignored) {
                // closing a broken channel: nothing to do
            }
        }
    }
}
