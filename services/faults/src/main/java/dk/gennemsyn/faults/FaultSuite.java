package dk.gennemsyn.faults;

import com.google.protobuf.ByteString;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dk.gennemsyn.platform.events.CrashPoints;
import dk.gennemsyn.platform.events.EventTypes;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.platform.v1.Envelope;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import dk.gennemsyn.testsupport.TcpProxy;
import dk.gennemsyn.testsupport.TestEvents;
import dk.gennemsyn.testsupport.TestInfra;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./dev.sh faults}: each scenario injects one fault into a producer and two consumers built on the platform,
 * on the real PostgreSQL and RabbitMQ, and then checks exact counts: every event the producer committed is applied
 * exactly once by each consumer, the dead letters hold exactly the poison, and the time to recover is printed.
 * The last line is {@code N passed, N failed}; the exit code is the number failed.
 *
 * <p>Arguments: scenario names to run only those (default: all).
 */
public final class FaultSuite {

    private interface Scenario {
        String run(Run run) throws Exception;
    }

    private static final Duration SETTLE = Duration.ofSeconds(120);
    private final Path logDir;

    private FaultSuite(Path logDir) {
        this.logDir = logDir;
    }

    public static void main(String[] args) throws Exception {
        Path logDir = Path.of(System.getProperty("faults.logs", "target/faults"));
        Files.createDirectories(logDir);
        FaultSuite suite = new FaultSuite(logDir);
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("broker-kill-9", suite::brokerKilled);
        scenarios.put("relay-crash-before-publish", suite::relayCrashBeforePublish);
        scenarios.put("relay-crash-after-confirm", suite::relayCrashAfterConfirm);
        scenarios.put("consumer-crash-after-commit", suite::consumerCrashAfterCommit);
        scenarios.put("duplicate-storm", suite::duplicateStorm);
        scenarios.put("poison-in-batch", suite::poisonInBatch);
        scenarios.put("unroutable-publish", suite::unroutable);
        scenarios.put("network-flap", suite::networkFlap);
        scenarios.put("postgres-restart-immediate", suite::postgresRestart);
        Set<String> only = Set.of(args);
        int passed = 0;
        int failed = 0;
        for (var e : scenarios.entrySet()) {
            if (!only.isEmpty() && !only.contains(e.getKey())) {
                continue;
            }
            Files.createDirectories(logDir.resolve(e.getKey()));
            long t0 = System.nanoTime();
            System.out.printf("RUN   %s%n", e.getKey());
            try (Run run = new Run(e.getKey(), logDir)) {
                String result = e.getValue().run(run);
                passed++;
                System.out.printf("PASS  %s (%.0f s): %s%n", e.getKey(), (System.nanoTime() - t0) / 1e9, result);
            } catch (Throwable t) {
                failed++;
                System.out.printf("FAIL  %s (%.0f s): %s%n", e.getKey(), (System.nanoTime() - t0) / 1e9, t);
                ensureServersUp();
            }
        }
        System.out.printf("%d passed, %d failed%n", passed, failed);
        System.exit(failed);
    }

    /** kill -9 of the broker while events flow, then a restart. */
    private String brokerKilled(Run run) throws Exception {
        int count = 3000;
        run.startConsumers(run.amqpUri, run.amqpUri);
        run.producer(count, 300, run.amqpUri, Map.of()).start().awaitUp(Duration.ofSeconds(60));
        sleep(3000);
        shell("pkill -9 -f 'beam.smp.*rabbit'");
        sleep(500);
        shell("! rabbitmq-diagnostics -q ping >/dev/null 2>&1"); // it really is gone
        sleep(2500);
        startBroker();
        double recovery = run.awaitAllApplied(count, Set.of(), SETTLE);
        run.assertExactlyOnce(Set.of());
        run.assertDeadLetters(0);
        return String.format("%d events each applied once by both consumers, 0 dead letters; all applied %.1f s after "
                + "the broker was back", count, recovery);
    }

    /** The relay halts with committed rows locked and nothing published; restarted, it publishes them. */
    private String relayCrashBeforePublish(Run run) throws Exception {
        return relayCrash(run, CrashPoints.RELAY_BEFORE_PUBLISH, false);
    }

    /** The relay halts after the broker confirmed a batch but before deleting its rows: those go out twice. */
    private String relayCrashAfterConfirm(Run run) throws Exception {
        return relayCrash(run, CrashPoints.RELAY_AFTER_CONFIRM, true);
    }

    private String relayCrash(Run run, String point, boolean duplicatesExpected) throws Exception {
        int count = 2000;
        run.startConsumers(run.amqpUri, run.amqpUri);
        Proc producer = run.producer(count, 400, run.amqpUri, Map.of()).start(Map.of("gennemsyn.crash-point", point + ":10"));
        int exit = producer.awaitExit(Duration.ofSeconds(60));
        long unsent = run.outbox();
        if (exit != 137 || unsent == 0) {
            throw new AssertionError("expected a halt at " + point + " with rows left in the outbox; exit " + exit
                    + ", " + unsent + " unsent");
        }
        long t0 = System.nanoTime();
        producer.start().awaitUp(Duration.ofSeconds(60));
        run.awaitAllApplied(count, Set.of(), SETTLE);
        double recovery = (System.nanoTime() - t0) / 1e9;
        run.assertExactlyOnce(Set.of());
        run.assertDeadLetters(0);
        double duplicates = run.get(Run.A).metric("gennemsyn_events_duplicates_total")
                + run.get(Run.B).metric("gennemsyn_events_duplicates_total");
        if (duplicatesExpected && duplicates == 0) {
            throw new AssertionError("the crash after the confirm should have made the relay publish duplicates");
        }
        return String.format("halted at %s with %d rows unsent; after the restart %d events each applied once "
                + "(%.0f duplicate deliveries recognised), 0 dead letters, recovered in %.1f s", point, unsent, count,
                duplicates, recovery);
    }

    /** A consumer halts after its transaction committed and before it acked: the broker delivers those again. */
    private String consumerCrashAfterCommit(Run run) throws Exception {
        int count = 2000;
        Proc a = run.consumer(Run.A, run.amqpUri).start(Map.of("gennemsyn.crash-point", CrashPoints.CONSUMER_AFTER_COMMIT + ":5"));
        Proc b = run.consumer(Run.B, run.amqpUri).start();
        a.awaitUp(Duration.ofSeconds(60));
        b.awaitUp(Duration.ofSeconds(60));
        run.awaitSubscribed(Run.A);
        run.awaitSubscribed(Run.B);
        run.producer(count, 400, run.amqpUri, Map.of()).start().awaitUp(Duration.ofSeconds(60));
        int exit = a.awaitExit(Duration.ofSeconds(60));
        if (exit != 137) {
            throw new AssertionError("consumer a should have halted at the crash point, exit " + exit);
        }
        long t0 = System.nanoTime();
        a.start().awaitUp(Duration.ofSeconds(60));
        run.awaitAllApplied(count, Set.of(), SETTLE);
        double recovery = (System.nanoTime() - t0) / 1e9;
        run.assertExactlyOnce(Set.of());
        run.assertDeadLetters(0);
        double duplicates = a.metric("gennemsyn_events_duplicates_total");
        if (duplicates == 0) {
            throw new AssertionError("the batch committed but not acked should have been delivered again");
        }
        return String.format("%d events each applied once; the restarted consumer recognised %.0f redelivered "
                + "duplicates; recovered in %.1f s", count, duplicates, recovery);
    }

    /** Every event delivered twice more, and 10 % of them a third time: the final state equals the clean run's. */
    private String duplicateStorm(Run run) throws Exception {
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
    private String poisonInBatch(Run run) throws Exception {
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
    private String unroutable(Run run) throws Exception {
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

    /** The producer and consumer a reach the broker through a proxy that drops every connection every 2 s for 60 s. */
    private String networkFlap(Run run) throws Exception {
        int count = 7000;
        URI broker = URI.create(run.amqpUri);
        try (TcpProxy proxy = new TcpProxy(broker.getHost(), broker.getPort())) {
            String viaProxy = run.amqpUri.replace(broker.getHost() + ":" + broker.getPort(), "127.0.0.1:" + proxy.port());
            run.startConsumers(viaProxy, run.amqpUri);
            Proc a = run.get(Run.A);
            double threadsBefore = a.metric("jvm_threads_live_threads");
            run.producer(count, 100, viaProxy, Map.of()).start().awaitUp(Duration.ofSeconds(60));
            sleep(2000);
            proxy.latency(Duration.ofMillis(500));
            long flapEnd = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < flapEnd) {
                proxy.cut();
                proxy.restore();
                sleep(2000);
            }
            proxy.latency(Duration.ZERO);
            long t0 = System.nanoTime();
            run.awaitAllApplied(count, Set.of(), SETTLE);
            double recovery = (System.nanoTime() - t0) / 1e9;
            run.assertExactlyOnce(Set.of());
            run.assertDeadLetters(0);
            if (recovery > 30) {
                throw new AssertionError(String.format("took %.1f s after the flap to catch up (goal 30 s)", recovery));
            }
            // No leak: one connection per process again, and no threads piling up.
            String vhost = URLEncoder.encode(broker.getPath().substring(1), StandardCharsets.UTF_8);
            long deadline = System.currentTimeMillis() + 15_000;
            int connectionsA;
            int connectionsP;
            do {
                sleep(1000);
                String json = TestInfra.managementGet("/api/vhosts/" + vhost + "/connections");
                connectionsA = occurrences(json, "\"connection_name\":\"" + Run.A + "\"");
                connectionsP = occurrences(json, "\"connection_name\":\"" + Run.PRODUCER + "\"");
            } while ((connectionsA != 1 || connectionsP != 1) && System.currentTimeMillis() < deadline);
            double threadsAfter = a.metric("jvm_threads_live_threads");
            if (connectionsA != 1 || connectionsP != 1 || threadsAfter > threadsBefore + 5) {
                throw new AssertionError("leak after the flap: connections a " + connectionsA + ", producer " + connectionsP
                        + ", threads " + threadsBefore + " -> " + threadsAfter);
            }
            return String.format("%d proxy connections dropped over 60 s with 500 ms latency; %d events each applied "
                    + "once %.1f s after the flap ended; one connection per process, threads %.0f -> %.0f",
                    proxy.accepted(), count, recovery, threadsBefore, threadsAfter);
        }
    }

    /** PostgreSQL restarted with -m immediate (a crash) while events are produced and consumed. */
    private String postgresRestart(Run run) throws Exception {
        int count = 3000;
        run.startConsumers(run.amqpUri, run.amqpUri);
        run.producer(count, 300, run.amqpUri, Map.of()).start().awaitUp(Duration.ofSeconds(60));
        sleep(3000);
        String dir = requireEnv("GENNEMSYN_TEST_PG_DIR");
        String bin = requireEnv("GENNEMSYN_PG_BIN");
        shell("runuser -u postgres -- " + bin + "/pg_ctl -D " + dir + " -m immediate -w restart >/dev/null");
        long t0 = System.nanoTime();
        run.awaitAllApplied(count, Set.of(), SETTLE);
        double recovery = (System.nanoTime() - t0) / 1e9;
        run.assertExactlyOnce(Set.of());
        run.assertDeadLetters(0);
        return String.format("%d events each applied once by both consumers, none dead-lettered by the outage; "
                + "caught up %.1f s after the restart", count, recovery);
    }

    private static int occurrences(String s, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void startBroker() {
        shell("rabbitmq-server -detached >/dev/null 2>&1 || true; rabbitmqctl wait --timeout 120 "
                + "/var/lib/rabbitmq/mnesia/rabbit@$(hostname -s).pid >/dev/null");
    }

    /** After a failed scenario, the next one starts with both servers up. */
    private static void ensureServersUp() {
        try {
            shell("rabbitmq-diagnostics -q ping >/dev/null 2>&1 || { rabbitmq-server -detached >/dev/null 2>&1; "
                    + "rabbitmqctl wait --timeout 120 /var/lib/rabbitmq/mnesia/rabbit@$(hostname -s).pid >/dev/null; }");
        } catch (RuntimeException e) {
            System.out.println("      (could not bring RabbitMQ back: " + e.getMessage() + ")");
        }
    }

    private static String requireEnv(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the suite with ./dev.sh faults");
        }
        return v;
    }

    static void shell(String command) {
        try {
            Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 && !command.startsWith("pkill")) {
                throw new IllegalStateException("'" + command + "' failed: " + out);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
