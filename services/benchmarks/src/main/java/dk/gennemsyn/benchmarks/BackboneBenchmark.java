package dk.gennemsyn.benchmarks;

import com.google.protobuf.ByteString;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.events.RabbitBroker;
import dk.gennemsyn.proto.platform.v1.ProbeRecorded;
import dk.gennemsyn.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pushes N events through outbox → RabbitMQ → consumer with inbox on the real servers and prints the
 * sustained rate and commit-to-handled latency; then runs RabbitMQ PerfTest (persistent, confirms, quorum
 * queue, 1 KB, one producer and one consumer) on the same broker for the ratio.
 *
 * Arguments (all optional): events=50000 producers=4 perTx=10 payload=1000 warmup=100000 perftestSeconds=20
 * rounds=1 rate=0 (events/s; 0 = as fast as the producers can commit).
 *
 * With rounds=N PerfTest and the backbone alternate N times in one run (the machine's speed drifts within the hour,
 * so a ratio is only fair between neighbours); at the end it prints every round's figures and the spread. With rate=R the producers commit on a fixed schedule (R events/s in all), so
 * the latency is that of a sustained rate rather than of a backlog.
 */
public final class BackboneBenchmark {

    private BackboneBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = dk.gennemsyn.testsupport.BenchmarkArgs.parse(args);
        int events = Integer.parseInt(opts.getOrDefault("events", "50000"));
        int producers = Integer.parseInt(opts.getOrDefault("producers", "4"));
        int perTx = Integer.parseInt(opts.getOrDefault("perTx", "10"));
        int payload = Integer.parseInt(opts.getOrDefault("payload", "1000"));
        int perftestSeconds = Integer.parseInt(opts.getOrDefault("perftestSeconds", "20"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "100000"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "1"));
        double ratePerSecond = Double.parseDouble(opts.getOrDefault("rate", "0"));

        Map<String, Object> props = new HashMap<>(TestInfra.serviceProperties("backbone-bench"));
        props.put("micronaut.application.name", "backbone-bench");
        props.put("gennemsyn.outbox.poll-interval", "100ms");
        String amqpUri = (String) props.get("gennemsyn.rabbitmq.uri");

        System.out.printf("Backbone: %d events (after %d warm-up), %d producers, %d events per transaction, %d-byte padding,"
                        + " %s, %d round(s)%n", events, warmup, producers, perTx, payload,
                ratePerSecond > 0 ? "at " + (long) ratePerSecond + " events/s" : "flat out", rounds);
        try (ApplicationContext ctx = ApplicationContext.builder().properties(props).environments("bench").start()) {
            TenantTx tenantTx = ctx.getBean(TenantTx.class);
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = ctx.getBean(TransactionOperations.class);
            RabbitBroker broker = ctx.getBean(RabbitBroker.class);
            Callable<String> backlog = () -> backlog(tx, broker);
            Outbox outbox = ctx.getBean(Outbox.class);
            BenchHandler handler = ctx.getBean(BenchHandler.class);
            ByteString padding = ByteString.copyFrom(new byte[payload]);
            var consumer = ctx.getBean(dk.gennemsyn.platform.events.EventConsumer.class);
            while (!consumer.isSubscribed()) { // else the first events are unroutable (and retried later)
                Thread.sleep(50);
            }

            // Warm-up: JIT, pools, queues. Its events take exactly the code paths of the measured ones (only the
            // sequence numbers differ), or the JIT would deoptimise and recompile in the middle of the measurement.
            run(tenantTx, outbox, handler, padding, 0, warmup, producers, perTx, 0, backlog);
            System.out.println("Backbone: warm-up done, measuring");

            List<double[]> results = new ArrayList<>(); // {rate, p50, p99, ratio} per round
            List<Double> perfs = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double perf = perfTest(amqpUri, perftestSeconds, payload);
                perfs.add(perf);
                System.out.printf("Round %d: PerfTest (persistent, confirms, quorum, %d B, 1 producer 1 consumer): %.0f msg/s%n",
                        round, payload, perf);
                long from = handler.handled.get();
                handler.latencyMicros.clear();
                long start = System.nanoTime();
                run(tenantTx, outbox, handler, padding, from, events, producers, perTx, ratePerSecond, backlog);
                double seconds = (handler.lastReceivedNanos.get() - start) / 1e9;
                long[] lat = handler.latencyMicros.entrySet().stream().filter(e -> e.getKey() >= from)
                        .mapToLong(Map.Entry::getValue).sorted().toArray();
                long received = tenantTx.read("0250", () -> tenantTx.query(
                        "select count(*) from bench_received where sequence >= " + from + " and sequence < "
                                + (from + events), rs -> rs.getLong(1)).get(0));
                double rate = events / seconds;
                System.out.printf("Round %d: backbone %.0f events/s (%.2f s), latency commit→handled p50 %.1f ms,"
                                + " p99 %.1f ms; sent %d, handled %d distinct, lost %d; ratio %.2f%n", round, rate,
                        seconds, pct(lat, 50) / 1000.0, pct(lat, 99) / 1000.0, events, received, events - received,
                        rate / perf);
                results.add(new double[]{rate, pct(lat, 50) / 1000.0, pct(lat, 99) / 1000.0, rate / perf});
            }
            System.out.printf("PerfTest msg/s over %d round(s): %s%n", rounds, spread(perfs));
            System.out.printf("Backbone events/s %s; p50 ms %s; p99 ms %s%nRatio backbone / PerfTest: %s%n",
                    spread(results.stream().map(r -> r[0]).toList()), spread(results.stream().map(r -> r[1]).toList()),
                    spread(results.stream().map(r -> r[2]).toList()), spread(results.stream().map(r -> r[3]).toList()));
        }
        System.exit(0);
    }

    /** min / median / max, and every value in order of the rounds. */
    static String spread(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        String all = values.stream().map(BackboneBenchmark::v).collect(java.util.stream.Collectors.joining(", "));
        return v(sorted.get(0)) + " / median " + v(sorted.get(sorted.size() / 2)) + " / "
                + v(sorted.get(sorted.size() - 1)) + " (" + all + ")";
    }

    private static String v(double d) {
        return d >= 100 ? String.format("%.0f", d) : String.format("%.2f", d);
    }

    /** Commits events with sequence numbers from..from+n-1 and waits until all of them were handled. */
    static void run(TenantTx tenantTx, Outbox outbox, BenchHandler handler, ByteString padding, long from, int n,
                    int producers, int perTx, double ratePerSecond, Callable<String> backlog) throws Exception {
        AtomicLong next = new AtomicLong();
        long scheduleStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        List<Future<?>> futures = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            futures.add(pool.submit(() -> {
                long i;
                while ((i = next.getAndAdd(perTx)) < n) {
                    long first = i;
                    long last = Math.min(n, i + perTx);
                    if (ratePerSecond > 0) { // a fixed schedule: transaction i/perTx is due at i / rate seconds
                        long due = scheduleStart + (long) (first / ratePerSecond * 1e9);
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    tenantTx.write("0250", () -> {
                        long micros = System.currentTimeMillis() * 1000;
                        for (long s = first; s < last; s++) {
                            outbox.append("0250", "bench", ProbeRecorded.newBuilder().setProbeId("b")
                                    .setSequence(from + s).setCommittedAtMicros(micros).setPadding(padding).build());
                        }
                    });
                }
                return null;
            }));
        }
        long t0 = System.nanoTime();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("Backbone: producers committed %d events in %.2f s; then %s%n", n, (System.nanoTime() - t0) / 1e9,
                backlog.call());
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            if (handler.handled.get() >= from + n) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("Timed out waiting for the events to be handled");
    }

    /** Where the events are waiting: which stage is behind (the relay, or the consumer). */
    static String backlog(TransactionOperations<Connection> tx, RabbitBroker broker) throws Exception {
        long unsent = tx.executeRead(status -> {
            try (var ps = status.getConnection().prepareStatement("select count(*) from outbox");
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        try (var ch = broker.connection().createChannel()) {
            return unsent + " unsent in the outbox, " + ch.messageCount(broker.queue()) + " waiting in the queue";
        }
    }

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** PerfTest in its own JVM on the same broker and vhost; returns the average receiving rate. */
    static double perfTest(String amqpUri, int seconds, int size) throws Exception {
        URI uri = URI.create(amqpUri);
        List<String> cmd = new ArrayList<>(Arrays.asList(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "com.rabbitmq.perf.PerfTest", "--uri", uri.toString(), "--producers", "1", "--consumers", "1",
                "--flag", "persistent", "--confirm", "100", "--size", String.valueOf(size), "--quorum-queue",
                "--queue", "perf-test-baseline", "--time", String.valueOf(seconds), "--auto-delete", "true"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Pattern rate = Pattern.compile("receiving rate avg: ([0-9]+)");
        double result = Double.NaN;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = rate.matcher(line);
                if (m.find()) {
                    result = Double.parseDouble(m.group(1));
                    System.out.println("PerfTest: " + line.trim());
                } else if (line.contains("consumer latency") && line.contains("median")) {
                    System.out.println("PerfTest: " + line.trim());
                }
            }
        }
        p.waitFor();
        return result;
    }
}
