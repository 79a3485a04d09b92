package dk.gennemsyn.platform.events;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dk.gennemsyn.platform.security.Tenants;
import dk.gennemsyn.proto.platform.v1.Envelope;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes events to the outbox table in the caller's transaction: the event exists if and only if the
 * change it describes was committed. The relay publishes it afterwards; it is woken on commit.
 */
@Singleton
public class Outbox {

    private final TransactionOperations<Connection> tx;
    private final Provider<OutboxRelay> relay;
    private final Clock clock;
    private final String producer;

    public Outbox(TransactionOperations<Connection> tx, Provider<OutboxRelay> relay, Clock clock,
                  @Value("${micronaut.application.name}") String producer) {
        this.tx = tx;
        this.relay = relay;
        this.clock = clock;
        this.producer = producer;
    }

    /** Appends an event about {@code aggregateId}; must be called inside a transaction. Returns the event id. */
    public String append(String tenant, String aggregateId, Message event) {
        Tenants.requireValid(tenant);
        TransactionStatus<?> status = tx.findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("Outbox.append needs the business transaction"));
        Instant now = clock.instant();
        String eventId = UUID.randomUUID().toString();
        String eventType = EventTypes.of(event);
        Envelope envelope = Envelope.newBuilder()
                .setEventId(eventId)
                .setTenant(tenant)
                .setEventType(eventType)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setCorrelationId(Correlation.correlationId())
                .setTraceparent(Correlation.traceparent())
                .setProducer(producer)
                .setSchemaVersion(EventTypes.schemaVersion(event.getDescriptorForType()))
                .setAggregateId(aggregateId)
                .setPayload(event.toByteString())
                .build();
        Connection connection = (Connection) status.getConnection();
        try (PreparedStatement ps = connection.prepareStatement(
                "insert into outbox (event_id, tenant, event_type, envelope, traceparent) values (?::uuid, ?, ?, ?, ?)")) {
            ps.setString(1, eventId);
            ps.setString(2, tenant);
            ps.setString(3, eventType);
            ps.setBytes(4, envelope.toByteArray());
            ps.setString(5, envelope.getTraceparent());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write to the outbox", e);
        }
        status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.get().wake();
            }
        });
        return eventId;
    }
}
