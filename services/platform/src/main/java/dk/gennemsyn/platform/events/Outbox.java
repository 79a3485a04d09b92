package dk.gennemsyn.platform.events;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dk.gennemsyn.platform.db.CopyText;
import dk.gennemsyn.platform.security.Tenants;
import dk.gennemsyn.proto.platform.v1.Envelope;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes events to the outbox table in the caller's transaction: the event exists if and only if the
 * change it describes was committed. A transaction's events are buffered and written just before it
 * commits (or at {@link #flush()}): one insert from arrays, or COPY from {@link #COPY_FROM} events on (bulk imports
 * write thousands). The relay publishes them afterwards; it is woken on commit.
 */
@Singleton
public class Outbox {

    private final TransactionOperations<Connection> tx;
    private final Provider<OutboxRelay> relay;
    private final Clock clock;
    private final String producer;
    /** Events appended in each open transaction, written at its commit. */
    private final Map<TransactionStatus<?>, List<Envelope>> pending = new ConcurrentHashMap<>();

    public Outbox(TransactionOperations<Connection> tx, Provider<OutboxRelay> relay, Clock clock,
                  @Value("${micronaut.application.name}") String producer) {
        this.tx = tx;
        this.relay = relay;
        this.clock = clock;
        this.producer = producer;
    }

    /** From this many events on, COPY is used: it beats one insert of many arrays for bulk work. */
    static final int COPY_FROM = 100;

    /** Writes a transaction's events: one insert from arrays for a few, COPY for many (bulk imports write thousands). */
    static void write(Connection connection, List<Envelope> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            if (events.size() >= COPY_FROM) {
                copy(connection, events);
                return;
            }
            // One statement for all of them: the server runs it once, where a JDBC batch runs one insert per row.
            int n = events.size();
            String[] ids = new String[n];
            String[] tenants = new String[n];
            String[] types = new String[n];
            byte[][] envelopes = new byte[n][];
            String[] traceparents = new String[n];
            for (int i = 0; i < n; i++) {
                Envelope e = events.get(i);
                ids[i] = e.getEventId();
                tenants[i] = e.getTenant();
                types[i] = e.getEventType();
                envelopes[i] = e.toByteArray();
                traceparents[i] = e.getTraceparent();
            }
            try (PreparedStatement ps = connection.prepareStatement("""
                    insert into outbox (event_id, tenant, event_type, envelope, traceparent)
                    select * from unnest(?::uuid[], ?::text[], ?::text[], ?::bytea[], ?::text[])""")) {
                ps.setArray(1, connection.createArrayOf("uuid", ids));
                ps.setArray(2, connection.createArrayOf("text", tenants));
                ps.setArray(3, connection.createArrayOf("text", types));
                ps.setArray(4, connection.createArrayOf("bytea", envelopes));
                ps.setArray(5, connection.createArrayOf("text", traceparents));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write to the outbox", e);
        }
    }

    /** COPY in text format; the envelope as hex bytea, the text columns escaped as COPY requires. */
    private static void copy(Connection connection, List<Envelope> events) throws SQLException {
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy outbox (event_id, tenant, event_type, envelope, traceparent) from stdin");
        try {
            StringBuilder line = new StringBuilder(80 * 1024);
            for (Envelope e : events) {
                CopyText.text(line, e.getEventId()).append('\t');
                CopyText.text(line, e.getTenant()).append('\t');
                CopyText.text(line, e.getEventType()).append('\t');
                CopyText.hex(line, e.toByteArray()).append('\t');
                CopyText.text(line, e.getTraceparent()).append('\n');
                if (line.length() > 64 * 1024) {
                    CopyText.send(in, line);
                }
            }
            CopyText.send(in, line);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
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
        pending.computeIfAbsent(status, s -> {
            s.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    List<Envelope> events = pending.remove(s);
                    if (events != null) {
                        write((Connection) s.getConnection(), events);
                    }
                }

                @Override
                public void afterCompletion(Status completion) {
                    pending.remove(s);
                    if (completion == Status.COMMITTED) {
                        relay.get().wake();
                    }
                }
            });
            return new ArrayList<>();
        }).add(envelope);
        return eventId;
    }

    /** Writes the events appended so far in this transaction now, so bulk work (imports) keeps memory flat. */
    public void flush() {
        TransactionStatus<?> status = tx.findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("Outbox.flush needs the business transaction"));
        List<Envelope> events = pending.get(status);
        if (events != null) {
            write((Connection) status.getConnection(), events);
            events.clear();
        }
    }
}
