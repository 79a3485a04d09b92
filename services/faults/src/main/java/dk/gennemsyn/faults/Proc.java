package dk.gennemsyn.faults;

import java.io.IOException;
import static dk.gennemsyn.testsupport.TestInfra.freePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@link FaultProbe} JVM: started with its properties, killed like {@code kill -9}, started again. */
final class Proc {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    private final Map<String, String> properties;
    private final Path logDir;
    private final int port;
    /** Health and metrics answer here only (as in the cluster). */
    private final int managementPort;
    private Process process;
    private int starts;

    Proc(String name, Map<String, String> properties, Path logDir) {
        this.name = name;
        this.properties = new LinkedHashMap<>(properties);
        this.logDir = logDir;
        this.port = freePort();
        this.managementPort = freePort();
        this.properties.put("micronaut.server.port", String.valueOf(port));
        this.properties.put("endpoints.all.port", String.valueOf(managementPort));
        this.properties.put("micronaut.application.name", name);
    }

    /** Starts it (again), with these extra properties for this start only (e.g. a crash point). */
    Proc start(Map<String, String> extra) {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx192m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.putAll(extra);
        all.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FaultProbe.class.getName()));
        starts++;
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(logDir.resolve(name + "-" + starts + ".log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name, e);
        }
        return this;
    }

    Proc start() {
        return start(Map.of());
    }

    /** Waits until it answers its health endpoint. */
    Proc awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting (log in "
                        + logDir + ")");
            }
            try {
                if (get(managementPort, "/health").statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            FaultSuite.sleep(200);
        }
        throw new IllegalStateException(name + " did not come up in " + timeout);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or acked. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Waits for the process to end by itself (a crash point); returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " did not exit within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A counter or gauge from its Prometheus endpoint (summed over its series), 0 if absent. */
    double metric(String prometheusName) {
        try {
            String body = get(managementPort, "/prometheus").body();
            double sum = 0;
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(prometheusName) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(body);
            while (m.find()) {
                sum += Double.parseDouble(m.group(2));
            }
            return sum;
        } catch (IOException e) {
            throw new IllegalStateException(name + " does not answer: " + e);
        }
    }

    private HttpResponse<String> get(int onPort, String path) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
