package dk.gennemsyn.faults;

import dk.gennemsyn.platform.events.CrashPoints;
import dk.gennemsyn.testsupport.TcpProxy;
import dk.gennemsyn.testsupport.TestInfra;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static dk.gennemsyn.faults.FaultSuite.SETTLE;
import static dk.gennemsyn.faults.FaultSuite.shell;
import static dk.gennemsyn.faults.FaultSuite.sleep;
import static dk.gennemsyn.faults.FaultSuite.startBroker;
import static dk.gennemsyn.faults.FaultSuite.requireEnv;
import static dk.gennemsyn.faults.FaultSuite.occurrences;

/** Scenarios where a process or a server dies or the network between them fails: nothing may be lost. */
final class ServerFaults {

    private ServerFaults() {
    }

    /** kill -9 of the broker while events flow, then a restart. */
    static String brokerKilled(Run run) throws Exception {
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
    static String relayCrashBeforePublish(Run run) throws Exception {
        return relayCrash(run, CrashPoints.RELAY_BEFORE_PUBLISH, false);
    }

    /** The relay halts after the broker confirmed a batch but before deleting its rows: those go out twice. */
    static String relayCrashAfterConfirm(Run run) throws Exception {
        return relayCrash(run, CrashPoints.RELAY_AFTER_CONFIRM, true);
    }

    private static String relayCrash(Run run, String point, boolean duplicatesExpected) throws Exception {
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
    static String consumerCrashAfterCommit(Run run) throws Exception {
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

    /** The producer and consumer a reach the broker through a proxy that drops every connection every 2 s for 60 s. */
    static String networkFlap(Run run) throws Exception {
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
    static String postgresRestart(Run run) throws Exception {
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
}
