package dk.gennemsyn.platform.events;

import com.google.protobuf.ByteString;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.probe.ProbeRecordedHandler;
import dk.gennemsyn.platform.probe.Probes;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.platform.v1.Envelope;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.ServiceTest;
import dk.gennemsyn.testsupport.TestEvents;
import dk.gennemsyn.testsupport.TestInfra;
import dk.gennemsyn.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox → RabbitMQ → inbox path against the real broker and database. */
@MicronautTest(transactional = false)
class EventBackboneTest extends ServiceTest {

    static final String A = "0250";

    @Inject TenantTx tenantTx;
    @Inject Outbox outbox;
    @Inject OutboxRelay relay;
    @Inject Probes probes;
    @Inject ProbeRecordedHandler handler;
    @Inject DeadLetters deadLetters;
    @Inject TransactionOperations<Connection> tx;
    @Inject @Client("/") HttpClient http;
    @Inject EventConsumer consumer;
    @Inject RabbitBroker broker;
    @Inject Inbox inbox;
    @Inject MeterRegistry meters;

    /** Every ProbeRecorded the broker routes, seen by a spy queue of the test's own. */
    final ConcurrentLinkedQueue<String> spied = new ConcurrentLinkedQueue<>();
    com.rabbitmq.client.Connection spyConnection;

    @Override
    protected String service() {
        return "platform-test";
    }

    @BeforeAll
    void spy() throws Exception {
        var factory = new ConnectionFactory();
        factory.setUri(TestInfra.rabbitUri(getProperties()));
        spyConnection = factory.newConnection("spy");
        Channel ch = spyConnection.createChannel();
        ch.exchangeDeclare(RabbitBroker.EXCHANGE, "topic", true);
        String q = ch.queueDeclare().getQueue();
        ch.queueBind(q, RabbitBroker.EXCHANGE, EventTypes.of(ProbeRecorded.class));
        ch.basicConsume(q, true, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, com.rabbitmq.client.Envelope env, AMQP.BasicProperties props,
                                       byte[] body) throws java.io.IOException {
                try {
                    spied.add(ProbeRecorded.parseFrom(Envelope.parseFrom(body).getPayload()).getProbeId());
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    spied.add("(undecodable)"); // the poison some tests publish on purpose
                }
            }
        });
    }

    @AfterAll
    void closeSpy() throws Exception {
        spyConnection.close();
    }

    /** Returns the event's id. */
    String commitProbe(String name) {
        return tenantTx.write(A, () -> {
            probes.insert(A, name);
            return outbox.append(A, name, ProbeRecorded.newBuilder().setProbeId(name).build());
        });
    }

    List<String> received() {
        return tenantTx.read(A, probes::received);
    }

    /**
     * The signal that any second copy of what was sent before has shown up (instead of a sleep): the events' outbox
     * rows are gone, so they cannot be published again, and a later probe has reached the spy, which gets the
     * exchange's messages in order.
     */
    void afterAnySecondCopy(String barrier, java.util.Collection<String> sentIds) {
        Eventually.await(Duration.ofSeconds(10), "the events' outbox rows gone",
                () -> sentIds.stream().noneMatch(relay.unsent()::containsKey));
        commitProbe(barrier);
        Eventually.await(Duration.ofSeconds(10), "the later probe seen", () -> spiedCount(barrier) == 1);
    }

    long spiedCount(String name) {
        return spied.stream().filter(name::equals).count();
    }

    @Test
    void anEventIsPublishedExactlyOnceAfterCommit() throws Exception {
        String id = commitProbe("committed");
        Eventually.await(Duration.ofSeconds(10), "the probe to be consumed", () -> received().contains("committed"));
        afterAnySecondCopy("committed-barrier", java.util.List.of(id));
        assertThat(spiedCount("committed")).isEqualTo(1);
        assertThat(received().stream().filter("committed"::equals)).hasSize(1);
        assertThat(relay.unsent()).isEmpty();
    }

    /**
     * A transaction's events are written with one insert from arrays (a few) or with COPY (bulk work such as
     * imports): either way each arrives once, intact, and a rollback leaves none.
     */
    @ParameterizedTest
    @ValueSource(ints = {7, Outbox.COPY_FROM * 3 + 7})
    void aTransactionWithManyEventsPublishesEachOnceIntact(int n) throws Exception {
        String prefix = "bulk" + n + "-";
        // Characters COPY's text format must escape, in an id that travels in the payload.
        List<String> ids = new ArrayList<>();
        tenantTx.write(A, () -> {
            for (int i = 0; i < n; i++) {
                String name = prefix + i + (i % 50 == 0 ? "\t\\n\\æ" : "");
                probes.insert(A, name);
                ids.add(outbox.append(A, name, ProbeRecorded.newBuilder().setProbeId(name).build()));
            }
        });
        assertThatThrownBy(() -> tenantTx.write(A, () -> {
            for (int i = 0; i < n; i++) {
                outbox.append(A, prefix + "rolled-back", ProbeRecorded.newBuilder().setProbeId(prefix + "rolled-back").build());
            }
            outbox.flush(); // written inside the transaction, then rolled back with it
            throw new IllegalStateException("business rule failed");
        })).hasMessageContaining("business rule failed");
        Eventually.await(Duration.ofSeconds(20), "every bulk probe", () -> received().stream()
                .filter(r -> r.startsWith(prefix)).count() >= n);
        afterAnySecondCopy("barrier-" + prefix, ids);
        assertThat(received().stream().filter(r -> r.startsWith(prefix)).distinct()).hasSize(n);
        assertThat(spied.stream().filter(r -> r.startsWith(prefix))).hasSize(n)
                .contains(prefix + "0\t\\n\\æ", prefix + (n - 1)).doesNotContain(prefix + "rolled-back");
        assertThat(relay.unsent()).doesNotContainKeys(ids.toArray(String[]::new));
    }

    @Test
    void anEventIsNeverPublishedWhenTheTransactionRollsBack() throws Exception {
        assertThatThrownBy(() -> tenantTx.write(A, () -> {
            probes.insert(A, "rolled-back");
            outbox.append(A, "rolled-back", ProbeRecorded.newBuilder().setProbeId("rolled-back").build());
            throw new IllegalStateException("business rule failed");
        })).hasMessageContaining("business rule failed");
        // An event committed afterwards is relayed after it would have been: once it arrived, nothing is pending.
        commitProbe("after-rollback");
        Eventually.await(Duration.ofSeconds(10), "the later probe", () -> spiedCount("after-rollback") == 1);
        assertThat(spiedCount("rolled-back")).isZero();
        assertThat(received()).doesNotContain("rolled-back");
        assertThat(tenantTx.read(A, probes::names)).doesNotContain("rolled-back");
    }

    /** A batch is acked with one "multiple" ack: every handled delivery must be settled, none left unacked. */
    @Test
    void everyHandledDeliveryIsAcked() throws Exception {
        int n = 450; // more than the prefetch (200): several batches, whose tags the acks must cover exactly
        tenantTx.write(A, () -> {
            for (int i = 0; i < n; i++) {
                probes.insert(A, "acked-" + i);
                outbox.append(A, "acked-" + i, ProbeRecorded.newBuilder().setProbeId("acked-" + i).build());
            }
        });
        Eventually.await(Duration.ofSeconds(20), "all handled",
                () -> received().stream().filter(r -> r.startsWith("acked-")).count() == n);
        // Closing the consumer's channels puts any delivery it did not ack back in the queue.
        consumer.stop();
        try (Channel ch = spyConnection.createChannel()) {
            // The broker has processed the close once the queue has no consumer: anything unacked is back by then.
            Eventually.await(Duration.ofSeconds(10), "the consumer gone from the queue", () -> {
                try {
                    return ch.consumerCount(broker.queue()) == 0;
                } catch (java.io.IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            });
            assertThat(ch.messageCount(broker.queue())).isZero();
        } finally {
            consumer.start();
            Eventually.await(Duration.ofSeconds(10), "consuming again", consumer::isSubscribed);
        }
        assertThat(received().stream().filter(r -> r.startsWith("acked-"))).hasSize(n);
    }

    @Test
    void theSameMessageDeliveredTwiceHasOneEffect() throws Exception {
        String eventId = UUID.randomUUID().toString();
        double duplicatesBefore = meters.counter("gennemsyn.events.duplicates").count();
        double failedBefore = meters.counter("gennemsyn.events.failed").count();
        long deadBefore = deadLetters.depth();
        var envelope = TestEvents.envelope(A, eventId, "duplicated", ProbeRecorded.newBuilder().setProbeId("duplicated").build());
        // Once, handled; then twice more after it (another batch: only the inbox remembers the first).
        TestEvents.publish(getProperties(), 1, envelope);
        Eventually.await(Duration.ofSeconds(10), "the event handled", () -> received().contains("duplicated"));
        TestEvents.publish(getProperties(), 2, envelope);
        Eventually.await(Duration.ofSeconds(10), "all three copies routed", () -> spiedCount("duplicated") == 3);
        // The signal that all three were consumed: one handled, two counted as duplicates (not a sleep).
        Eventually.await(Duration.ofSeconds(10), "the two copies skipped as duplicates",
                () -> meters.counter("gennemsyn.events.duplicates").count() - duplicatesBefore == 2);
        // The handler ran once: the sink's key would hide a second run, the call count does not.
        assertThat(handler.calls.get("duplicated").get()).isEqualTo(1);
        assertThat(received().stream().filter("duplicated"::equals)).hasSize(1);
        assertThat(inboxRows(eventId)).isEqualTo(1);
        assertThat(meters.counter("gennemsyn.events.failed").count()).isEqualTo(failedBefore);
        assertThat(deadLetters.depth()).isEqualTo(deadBefore);
    }

    /**
     * The inbox is pruned after its retention (14 days): a row inside the window still catches a duplicate, a row
     * older than the retention is gone.
     */
    @Test
    void pruningKeepsTheRetentionWindowSoALateDuplicateIsStillCaught() throws Exception {
        String recent = UUID.randomUUID().toString();
        String old = UUID.randomUUID().toString();
        TestEvents.publish(getProperties(), 1,
                TestEvents.envelope(A, recent, "recent", ProbeRecorded.newBuilder().setProbeId("retained-recent").build()),
                TestEvents.envelope(A, old, "old", ProbeRecorded.newBuilder().setProbeId("retained-old").build()));
        Eventually.await(Duration.ofSeconds(10), "both handled",
                () -> received().containsAll(List.of("retained-recent", "retained-old")));
        // As if handled 13 and 15 days ago (the application role may not rewrite history: the owner does).
        ageInboxRow(recent, "13 days");
        ageInboxRow(old, "15 days");

        int pruned = inbox.prune();
        assertThat(pruned).isGreaterThanOrEqualTo(1);
        assertThat(inboxRows(recent)).isEqualTo(1);
        assertThat(inboxRows(old)).isZero();

        // The duplicate of the event inside the window arrives late: it is recognised and has no effect.
        double duplicatesBefore = meters.counter("gennemsyn.events.duplicates").count();
        TestEvents.publish(getProperties(), 1,
                TestEvents.envelope(A, recent, "recent", ProbeRecorded.newBuilder().setProbeId("retained-recent").build()));
        Eventually.await(Duration.ofSeconds(10), "the late duplicate to be recognised",
                () -> meters.counter("gennemsyn.events.duplicates").count() > duplicatesBefore);
        assertThat(received().stream().filter("retained-recent"::equals)).hasSize(1);
    }

    void ageInboxRow(String eventId, String age) throws Exception {
        String db = getProperties().get("datasources.default.url").replaceAll(".*/", "");
        try (Connection c = TestInfra.adminConnection(db);
             PreparedStatement ps = c.prepareStatement(
                     "update inbox set handled_at = now() - ?::interval where event_id = ?::uuid")) {
            ps.setString(1, age);
            ps.setString(2, eventId);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aMessageThatAlwaysFailsIsDeadLetteredAndTheOthersKeepFlowing() throws Exception {
        long before = deadLetters.depth();
        String poison = commitProbe("poison-1");
        for (int i = 0; i < 5; i++) {
            commitProbe("behind-poison-" + i);
        }
        Eventually.await(Duration.ofSeconds(20), "the messages behind the poison to be handled",
                () -> received().stream().filter(n -> n.startsWith("behind-poison-")).count() == 5);
        Eventually.await(Duration.ofSeconds(20), "the poison in the dead-letter queue",
                () -> depth() == before + 1);
        assertThat(received()).doesNotContain("poison-1");
        assertThat(handler.poisonAttempts.get()).isPositive();
        // The broker dead-lettered it because the queue's delivery limit was reached, not for another reason.
        var dead = deadLetters.list(50).stream().filter(d -> poison.equals(d.eventId())).findFirst().orElseThrow();
        assertThat(dead.reason()).isEqualTo("delivery_limit");
        assertThat(dead.deathCount()).isEqualTo(1);

        // An operator sees it, and can replay it (it fails again and returns to the dead letters).
        String operator = TestTokens.token("0000", "operator");
        var listing = Http.call(http.toBlocking(), HttpRequest.GET("/admin/dead-letters").bearerAuth(operator));
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.body()).contains("gennemsyn.platform.v1.ProbeRecorded").contains("\"tenant\":\"0250\"");
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/admin/dead-letters")
                .bearerAuth(TestTokens.token(A, "tenant-admin"))).status()).isEqualTo(403);
        // The operator sees what and whose, never the content; the municipality's administrator sees its own content.
        assertThat(listing.body()).contains(poison).doesNotContain("probe_id");
        var own = Http.call(http.toBlocking(), HttpRequest.GET("/api/dead-letters")
                .bearerAuth(TestTokens.token(A, "tenant-admin")));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.body()).contains(poison).contains("probe_id: \\\"poison-1\\\"");
        var foreign = Http.call(http.toBlocking(), HttpRequest.GET("/api/dead-letters")
                .bearerAuth(TestTokens.token("0573", "tenant-admin")));
        assertThat(foreign.status()).isEqualTo(200);
        assertThat(foreign.body()).doesNotContain(poison).doesNotContain("poison-1");
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/api/dead-letters")
                .bearerAuth(TestTokens.token(A, "projektleder"))).status()).isEqualTo(403);
        assertThat(Http.call(http.toBlocking(), HttpRequest.GET("/api/dead-letters")
                .bearerAuth(operator)).status()).isEqualTo(403);

        int attemptsBefore = handler.poisonAttempts.get();
        var replay = Http.call(http.toBlocking(), HttpRequest.POST("/admin/dead-letters/replay?eventId=" + poison, "").bearerAuth(operator));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).contains("\"replayed\":1");
        Eventually.await(Duration.ofSeconds(20), "the replayed poison to be tried again and dead-lettered again",
                () -> handler.poisonAttempts.get() > attemptsBefore && depth() == before + 1);
    }

    /**
     * One batch with three kinds of poison among valid events: bytes that are no envelope, a valid envelope with a
     * corrupt payload, and a handler that throws a checked exception. The valid events are all applied once, the
     * undecodable two go to the dead letters at once, the failing one after the delivery limit, every one is
     * counted, and nothing is left unacked in the queue (no delivery was dropped, none stranded).
     */
    @Test
    void poisonInsideABatchIsDeadLetteredAndTheRestOfTheBatchIsApplied() throws Exception {
        String type = EventTypes.of(ProbeRecorded.class);
        int valid = 150;
        double rejectedBefore = meters.counter("gennemsyn.events.rejected").count();
        double failedBefore = meters.counter("gennemsyn.events.failed").count();
        long dlqBefore = deadLetters.depth();
        List<Map.Entry<String, byte[]>> messages = new ArrayList<>();
        for (int i = 0; i < valid; i++) {
            if (i == 40) {
                messages.add(Map.entry(type, new byte[] {(byte) 0xFF, 0x01, 0x02, 0x03}));
            }
            if (i == 80) {
                messages.add(Map.entry(type, TestEvents.envelope(A, UUID.randomUUID().toString(), "corrupt",
                        ProbeRecorded.getDefaultInstance()).toBuilder()
                        .setPayload(ByteString.copyFrom(new byte[] {0x0F, 0x01})).build().toByteArray()));
            }
            if (i == 120) {
                messages.add(Map.entry(type, TestEvents.envelope(A, UUID.randomUUID().toString(), "checked",
                        ProbeRecorded.newBuilder().setProbeId("checked-poison").build()).toBuilder()
                        .setCorrelationId("one-import").build().toByteArray()));
            }
            // One correlation: the checked poison sits inside the batch handler's run and must not take it down.
            messages.add(Map.entry(type, TestEvents.envelope(A, UUID.randomUUID().toString(), "batched-" + i,
                    ProbeRecorded.newBuilder().setProbeId("batched-" + i).build()).toBuilder()
                    .setCorrelationId("one-import").build().toByteArray()));
        }
        // Published while the consumer is stopped, so they arrive as one prefetch and are handled as one batch.
        consumer.stop();
        try {
            TestEvents.publishRaw(getProperties(), messages);
        } finally {
            consumer.start();
        }
        Eventually.await(Duration.ofSeconds(30), "every valid event of the batch applied",
                () -> received().stream().filter(r -> r.startsWith("batched-")).count() == valid);
        Eventually.await(Duration.ofSeconds(30), "the three poisons dead-lettered", () -> depth() == dlqBefore + 3);
        assertThat(received().stream().filter(r -> r.startsWith("batched-")).distinct()).hasSize(valid);
        assertThat(received()).doesNotContain("checked-poison");
        assertThat(meters.counter("gennemsyn.events.rejected").count() - rejectedBefore).isEqualTo(2);
        // Tried until the queue's delivery limit (5), each failure counted.
        assertThat(meters.counter("gennemsyn.events.failed").count() - failedBefore).isGreaterThanOrEqualTo(5);
        var reasons = deadLetters.list(50).stream().map(DeadLetters.DeadLetter::reason).toList();
        assertThat(reasons).contains("rejected", "delivery_limit");

        // Closing the consumer's channels would put any delivery it never settled back in the queue.
        consumer.stop();
        try (Channel ch = spyConnection.createChannel()) {
            // The broker has processed the close once the queue has no consumer: anything unacked is back by then.
            Eventually.await(Duration.ofSeconds(10), "the consumer gone from the queue", () -> {
                try {
                    return ch.consumerCount(broker.queue()) == 0;
                } catch (java.io.IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            });
            assertThat(ch.messageCount(broker.queue())).isZero();
        } finally {
            consumer.start();
            Eventually.await(Duration.ofSeconds(10), "consuming again", consumer::isSubscribed);
        }
    }

    @Test
    void consecutiveEventsOfOneTenantAndCorrelationReachTheBatchHandlerAsOneRunInOrder() throws Exception {
        String b = "0101";
        String type = EventTypes.of(ProbeRecorded.class);
        // Three groups, published in this order: A under one correlation, B, then A under another.
        List<String> order = new ArrayList<>();
        List<Map.Entry<String, byte[]>> messages = new ArrayList<>();
        String[][] groups = {{A, "import-1", "30"}, {b, "import-1", "10"}, {A, "import-2", "10"}};
        for (String[] g : groups) {
            for (int i = 0; i < Integer.parseInt(g[2]); i++) {
                String probe = "run-" + g[0] + "-" + g[1] + "-" + i;
                order.add(probe);
                messages.add(Map.entry(type, TestEvents.envelope(g[0], UUID.randomUUID().toString(), probe,
                        ProbeRecorded.newBuilder().setProbeId(probe).build()).toBuilder().setCorrelationId(g[1])
                        .build().toByteArray()));
            }
        }
        int runsBefore = handler.runs.size();
        consumer.stop();
        try {
            TestEvents.publishRaw(getProperties(), messages);
        } finally {
            consumer.start();
        }
        Eventually.await(Duration.ofSeconds(30), "all 50 applied", () ->
                received().stream().filter(r -> r.startsWith("run-")).count() == 40
                        && tenantTx.read(b, probes::received).stream().filter(r -> r.startsWith("run-")).count() == 10);

        var runs = handler.runs.subList(runsBefore, handler.runs.size()).stream()
                .filter(r -> r.probes().get(0).startsWith("run-")).toList();
        // Each run is one tenant under one correlation, and the runs together are the events in publish order.
        for (var run : runs) {
            assertThat(run.tenants().stream().distinct()).hasSize(1);
            assertThat(run.correlations().stream().distinct()).hasSize(1);
        }
        assertThat(runs.stream().flatMap(r -> r.probes().stream()).toList()).isEqualTo(order);
        // Handed over together, not one by one: fewer runs than events, and a run of several.
        assertThat(runs.size()).isLessThan(order.size());
        assertThat(runs.stream().mapToInt(r -> r.probes().size()).max().orElse(0)).isGreaterThan(1);
    }

    @Test
    void anUnroutableEventIsNotMarkedSent() {
        // No queue in this vhost binds CaseUpdated: the broker returns the mandatory publish.
        String eventId = tenantTx.write(A, () -> outbox.append(A, "case-1",
                CaseUpdated.newBuilder().setCaseId("case-1").setAlias("Sag 1").build()));
        Eventually.await(Duration.ofSeconds(10), "the relay to try it", () -> "unroutable".equals(relay.unsent().get(eventId)));
        assertThat(relay.unsent()).containsEntry(eventId, "unroutable");
    }

    long depth() {
        try {
            return deadLetters.depth();
        } catch (Exception e) {
            return -1;
        }
    }

    int inboxRows(String eventId) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "select count(*) from inbox where event_id = ?::uuid")) {
                ps.setString(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
