package dk.gennemsyn.faults;

import com.google.protobuf.ByteString;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dk.gennemsyn.platform.events.EventTypes;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.platform.v1.Envelope;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import dk.gennemsyn.testsupport.TestEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static dk.gennemsyn.faults.FaultSuite.SETTLE;
import static dk.gennemsyn.faults.FaultSuite.sleep;

/** Scenarios where the messages themselves are the fault (duplicates, poison, unroutable): each is applied once or dead-lettered. */
final class MessageFaults {

    private MessageFaults() {
    }

    /** Every event delivered twice more, and 10 % of them a third time: the final state equals the clean run's. */
    static String duplicateStorm(Run run) throws Exception {
        int count = 1500;
        String spy = "fault-spy";
        try (Connection c = run.connection(); Channel ch = c.createChannel()) {
            ch.exchangeDeclare(TestEvents.EXCHANGE, "topic", true);
            ch.queueDeclare(spy, true, false, false, Map.of());
            ch.queueBind(spy, TestEvents.EXCHANGE, "#");
        }
        run.startConsumers(run.amqpUri, run.amqpUri);
        run.producer(count, 500, run.amqpUri, Map.of()).start().awaitUp(Duration.ofSeconds(60));
        run.awaitAllApplied(count, Set.of(), SETTLE);
        run.assertExactlyOnce(Set.of());
        Map<String, Integer> cleanA = run.applied(Run.A);

        List<byte[]> bodies = new ArrayList<>();
        try (Connection c = run.connection(); Channel ch = c.createChannel()) {
            GetResponse r;
            while ((r = ch.basicGet(spy, true)) != null) {
                bodies.add(r.getBody());
            }
        }
        Random random = new Random(2026);
        List<Map.Entry<String, byte[]>> storm = new ArrayList<>();
        for (byte[] body : bodies) {
            int copies = 2 + (random.nextInt(10) == 0 ? 1 : 0);
            for (int i = 0; i < copies; i++) {
                storm.add(Map.entry(EventTypes.of(ProbeRecorded.class), body));
            }
        }
        java.util.Collections.shuffle(storm, random);
        double before = run.get(Run.A).metric("gennemsyn_events_duplicates_total");
        long t0 = System.nanoTime();
        TestEvents.publishRaw(Map.of("gennemsyn.rabbitmq.uri", run.amqpUri), storm);
        long deadline = System.currentTimeMillis() + SETTLE.toMillis();
        while (run.get(Run.A).metric("gennemsyn_events_duplicates_total") - before < storm.size()
                || run.queueDepth(Run.A) > 0 || run.queueDepth(Run.B) > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the storm was not consumed in time");
            }
            sleep(250);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        run.assertExactlyOnce(Set.of());
        if (!run.applied(Run.A).equals(cleanA)) {
            throw new AssertionError("the state after the storm differs from the clean run's");
        }
        run.assertDeadLetters(0);
        return String.format("%d events, then %d duplicate deliveries (%.0f/s): all recognised, the state equals the clean "
                + "run's", count, storm.size(), storm.size() / seconds);
    }

    /** Undecodable bytes, a corrupt payload and a handler that throws a checked exception, inside a batch. */
    static String poisonInBatch(Run run) throws Exception {
        int count = 1000;
        run.startConsumers(run.amqpUri, run.amqpUri);
        run.producer(count, 500, run.amqpUri, Map.of()).start().awaitUp(Duration.ofSeconds(60));
        sleep(1000);
        String type = EventTypes.of(ProbeRecorded.class);
        Set<String> extra = new HashSet<>();
        List<Map.Entry<String, byte[]>> burst = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = UUID.randomUUID().toString();
            extra.add(id);
            burst.add(Map.entry(type, TestEvents.envelope("0250", id, "raw", ProbeRecorded.newBuilder()
                    .setProbeId("raw-" + i).setSequence(1_000_000 + i).build()).toByteArray()));
            if (i == 30) {
                burst.add(Map.entry(type, new byte[] {(byte) 0xFF, 0x01, 0x02}));
            }
            if (i == 60) {
                Envelope corrupt = TestEvents.envelope("0250", UUID.randomUUID().toString(), "corrupt",
                        ProbeRecorded.getDefaultInstance()).toBuilder().setPayload(ByteString.copyFrom(new byte[] {0x0F, 0x01})).build();
                burst.add(Map.entry(type, corrupt.toByteArray()));
            }
            if (i == 90) {
                burst.add(Map.entry(type, TestEvents.envelope("0250", UUID.randomUUID().toString(), "poison",
                        ProbeRecorded.newBuilder().setProbeId(AppliedHandler.POISON).build()).toByteArray()));
            }
        }
        TestEvents.publishRaw(Map.of("gennemsyn.rabbitmq.uri", run.amqpUri), burst);
        double seconds = run.awaitAllApplied(count, extra, SETTLE);
        long deadline = System.currentTimeMillis() + 60_000;
        while (run.deadLetters(Run.A) < 3 || run.deadLetters(Run.B) < 3) {
            if (System.currentTimeMillis() > deadline) {
                break;
            }
            sleep(250);
        }
        run.assertExactlyOnce(extra);
        run.assertDeadLetters(3);
        for (String c : List.of(Run.A, Run.B)) {
            double rejected = run.get(c).metric("gennemsyn_events_rejected_total");
            if (rejected != 2) {
                throw new AssertionError(c + " rejected " + rejected + " messages at once, expected 2");
            }
        }
        return String.format("%d + 100 valid events each applied once; exactly the 3 poisons in each dead-letter queue "
                + "(2 rejected at once, 1 after the delivery limit); settled %.1f s after the burst", count, seconds);
    }

    /** An event no queue binds stays in the outbox, marked, and goes out once a queue binds its type. */
    static String unroutable(Run run) throws Exception {
        int count = 200;
        run.startConsumers(run.amqpUri, run.amqpUri);
        run.producer(count, 200, run.amqpUri, Map.of("faults.produce.unroutable", "true")).start()
                .awaitUp(Duration.ofSeconds(60));
        long deadline = System.currentTimeMillis() + 60_000;
        while (!run.outboxErrors().contains("unroutable") || run.applied(Run.A).size() < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the unroutable event was not marked: " + run.outboxErrors());
            }
            sleep(250);
        }
        if (run.outbox() != 1) {
            throw new AssertionError("expected exactly the unroutable event in the outbox, found " + run.outbox());
        }
        String catcher = "fault-catcher";
        try (Connection c = run.connection(); Channel ch = c.createChannel()) {
            ch.queueDeclare(catcher, true, false, false, Map.of());
            ch.queueBind(catcher, TestEvents.EXCHANGE, EventTypes.of(CaseUpdated.class));
        }
        long t0 = System.nanoTime();
        while (run.outbox() > 0) {
            if (System.nanoTime() - t0 > SETTLE.toNanos()) {
                throw new AssertionError("the unroutable event was never sent once routable");
            }
            sleep(250);
        }
        sleep(500);
        long caught = run.queueDepth(catcher);
        if (caught != 1) {
            throw new AssertionError("the bound queue got " + caught + " copies, expected 1");
        }
        run.assertExactlyOnce(Set.of());
        return String.format("kept in the outbox as unroutable while no queue bound it, delivered once %.1f s after a "
                + "queue was bound; %d other events applied once", (System.nanoTime() - t0) / 1e9, count);
    }
}
