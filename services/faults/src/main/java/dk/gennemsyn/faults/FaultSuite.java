package dk.gennemsyn.faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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

    static final Duration SETTLE = Duration.ofSeconds(120);
    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        Path logDir = Path.of(System.getProperty("faults.logs", "target/faults"));
        Files.createDirectories(logDir);
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("broker-kill-9", ServerFaults::brokerKilled);
        scenarios.put("relay-crash-before-publish", ServerFaults::relayCrashBeforePublish);
        scenarios.put("relay-crash-after-confirm", ServerFaults::relayCrashAfterConfirm);
        scenarios.put("consumer-crash-after-commit", ServerFaults::consumerCrashAfterCommit);
        scenarios.put("duplicate-storm", MessageFaults::duplicateStorm);
        scenarios.put("poison-in-batch", MessageFaults::poisonInBatch);
        scenarios.put("unroutable-publish", MessageFaults::unroutable);
        scenarios.put("network-flap", ServerFaults::networkFlap);
        scenarios.put("postgres-restart-immediate", ServerFaults::postgresRestart);
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

    static int occurrences(String s, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static void startBroker() {
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

    static String requireEnv(String name) {
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
