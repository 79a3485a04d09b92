package dk.gennemsyn.faults;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dk.gennemsyn.testsupport.TestInfra;
import dk.gennemsyn.testsupport.TestTokens;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scenario's world: a fresh RabbitMQ vhost, a fresh database per process, a producer and two consumers
 * ({@code fault-consumer-a}, {@code fault-consumer-b}), and the exact checks on what they hold.
 */
final class Run implements AutoCloseable {

    static final String PRODUCER = "fault-producer";
    static final String A = "fault-consumer-a";
    static final String B = "fault-consumer-b";

    final String scenario;
    final String amqpUri;
    private final Path logDir;
    private final Map<String, Proc> procs = new LinkedHashMap<>();
    private final Map<String, String> databases = new HashMap<>();

    Run(String scenario, Path logDir) {
        this.scenario = scenario;
        this.logDir = logDir;
        this.amqpUri = TestInfra.rabbitVhost().get("gennemsyn.rabbitmq.uri");
    }

    /** A process with its own database; {@code rabbitUri} lets it reach the broker some other way (a proxy). */
    Proc proc(String name, String rabbitUri, Map<String, String> settings) {
        Map<String, String> props = new LinkedHashMap<>(TestInfra.database(name));
        props.putAll(TestTokens.properties());
        props.put("gennemsyn.rabbitmq.uri", rabbitUri);
        props.put("gennemsyn.outbox.poll-interval", "100ms");
        props.putAll(settings);
        String url = props.get("datasources.default.url");
        databases.put(name, url.substring(url.lastIndexOf('/') + 1));
        Proc p = new Proc(name, props, logDir.resolve(scenario));
        procs.put(name, p);
        return p;
    }

    Proc consumer(String name, String rabbitUri) {
        return proc(name, rabbitUri, Map.of("faults.consume", "true"));
    }

    Proc producer(int count, int rate, String rabbitUri, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("faults.produce.count", String.valueOf(count));
        settings.put("faults.produce.rate", String.valueOf(rate));
        return proc(PRODUCER, rabbitUri, settings);
    }

    /** The two consumers, started and subscribed. */
    void startConsumers(String rabbitUriA, String rabbitUriB) throws Exception {
        Proc a = consumer(A, rabbitUriA).start();
        Proc b = consumer(B, rabbitUriB).start();
        a.awaitUp(Duration.ofSeconds(60));
        b.awaitUp(Duration.ofSeconds(60));
        awaitSubscribed(A);
        awaitSubscribed(B);
    }

    void awaitSubscribed(String queue) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = connection(); Channel ch = c.createChannel()) {
                if (ch.queueDeclarePassive(queue).getConsumerCount() > 0) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not declared yet
            }
            FaultSuite.sleep(200);
        }
        throw new IllegalStateException(queue + " has no consumer");
    }

    Connection connection() throws Exception {
        var f = new ConnectionFactory();
        f.setUri(amqpUri);
        return f.newConnection("fault-suite");
    }

    long queueDepth(String queue) throws Exception {
        try (Connection c = connection(); Channel ch = c.createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        }
    }

    long deadLetters(String consumer) throws Exception {
        return queueDepth(consumer + ".dead-letters");
    }

    /** The ids of every event the producer committed (its ground truth). */
    Set<String> produced() {
        return new HashSet<>(query(PRODUCER, "select event_id::text from produced"));
    }

    /** Each event id the consumer applied, with how many times. */
    Map<String, Integer> applied(String consumer) {
        Map<String, Integer> out = new HashMap<>();
        for (String row : query(consumer, "select event_id::text || ' ' || count(*) from applied group by event_id")) {
            String[] p = row.split(" ");
            out.put(p[0], Integer.parseInt(p[1]));
        }
        return out;
    }

    long outbox() {
        return Long.parseLong(query(PRODUCER, "select count(*)::text from outbox").get(0));
    }

    List<String> outboxErrors() {
        return query(PRODUCER, "select coalesce(last_error, '') from outbox");
    }

    List<String> query(String proc, String sql) {
        try (var c = TestInfra.adminConnection(databases.get(proc)); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(proc + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the producer committed {@code count} events, its outbox is empty and each consumer applied every
     * one of them plus {@code extra}; returns the seconds it took. Fails if time runs out.
     */
    double awaitAllApplied(int count, Set<String> extra, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                Set<String> produced = produced();
                int a = applied(A).size();
                int b = applied(B).size();
                long unsent = outbox();
                last = "produced " + produced.size() + "/" + count + ", outbox " + unsent + ", applied a " + a + " b " + b;
                if (produced.size() == count && unsent == 0 && a == count + extra.size() && b == count + extra.size()) {
                    return (System.nanoTime() - start) / 1e9;
                }
            } catch (RuntimeException e) {
                last = e.getMessage(); // e.g. the database restarting
            }
            FaultSuite.sleep(250);
        }
        throw new AssertionError("not everything applied within " + timeout + ": " + last);
    }

    /** Exactly once: each consumer applied every produced event (and the extra ones) once, and nothing else. */
    void assertExactlyOnce(Set<String> extra) {
        Set<String> expected = new HashSet<>(produced());
        expected.addAll(extra);
        for (String consumer : List.of(A, B)) {
            Map<String, Integer> applied = applied(consumer);
            List<String> twice = applied.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey).toList();
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(applied.keySet());
            Set<String> unknown = new HashSet<>(applied.keySet());
            unknown.removeAll(expected);
            if (!twice.isEmpty() || !missing.isEmpty() || !unknown.isEmpty()) {
                throw new AssertionError(consumer + ": " + missing.size() + " missing, " + twice.size()
                        + " applied more than once, " + unknown.size() + " unknown (of " + expected.size() + ")");
            }
        }
    }

    void assertDeadLetters(long expected) throws Exception {
        for (String consumer : List.of(A, B)) {
            long n = deadLetters(consumer);
            if (n != expected) {
                throw new AssertionError(consumer + " has " + n + " dead letters, expected " + expected);
            }
        }
    }

    Proc get(String name) {
        return procs.get(name);
    }

    @Override
    public void close() {
        procs.values().forEach(Proc::kill);
    }
}
