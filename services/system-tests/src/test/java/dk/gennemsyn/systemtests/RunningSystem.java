package dk.gennemsyn.systemtests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dk.gennemsyn.testsupport.TestInfra;
import dk.gennemsyn.testsupport.TestTokens;

import java.io.IOException;
import static dk.gennemsyn.testsupport.TestInfra.freePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The five services as the quick start runs them: their shaded jars as separate processes, each with its
 * own database, one RabbitMQ vhost, the dev sign-in, and nginx in front giving one origin with the path
 * prefixes of the cluster's ingress.
 */
final class RunningSystem implements AutoCloseable, HasOrigin {

    static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("case-intake", "/intake");
        SERVICES.put("assessment", "/assessment");
        SERVICES.put("recommendations", "/recommendations");
        SERVICES.put("notifications", "/notifications");
        SERVICES.put("reporting", "/reporting");
    }

    private final List<Process> processes = new ArrayList<>();
    /** Each service's start properties, for {@link #restart(String)}. */
    private final Map<String, Map<String, String>> startProperties = new LinkedHashMap<>();
    /** Each service's management port (health, metrics) by prefix: not behind nginx, as in the cluster. */
    final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    /** Each service's database name (for a benchmark's look at progress with {@code TestInfra.adminConnection}). */
    final Map<String, String> databaseNames = new LinkedHashMap<>();
    private final Path work;
    final int originPort;
    /** The SMTP server notifications sends to (a real one, in this JVM). */
    final GreenMail smtp;
    /** Receives the five services' traces (OTLP over HTTP), as a collector would; null in a benchmark. */
    final OtlpCollector traces;
    /** The broker vhost the services share. */
    final String rabbitUri;

    /** The JVM options each service runs with. */
    private final List<String> jvmOptions;
    /** Seconds from starting the five processes until all five answered ready. */
    final double startupSeconds;

    /** The quick start's JVM options (`./dev.sh run`): a small heap, C1 only. */
    static final List<String> QUICK_START_JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    /** The JVM options the chart's pods run with (charts/gennemsyn/values.yaml: defaults.javaOptions). */
    static List<String> podJvm() {
        return podJvm(chartDefault("javaOptions"));
    }

    /**
     * {@code options} in the chart's pod memory limit: MaxRAM makes the JVM size its heap, the initial one as well as
     * the largest, from the limit as it does in the pod, not from this machine's memory.
     */
    static List<String> podJvm(String options) {
        String limit = chartDefault("limits").replaceAll(".*memory: *(\\d+)Mi.*", "$1");
        List<String> jvm = new java.util.ArrayList<>(List.of("-XX:MaxRAM=" + limit + "m"));
        jvm.addAll(List.of(options.trim().split("\\s+")));
        return jvm;
    }

    /** A line's value in the chart's defaults block, quotes removed. */
    private static String chartDefault(String key) {
        Path values = Path.of("../../charts/gennemsyn/values.yaml").toAbsolutePath().normalize();
        List<String> lines;
        try {
            lines = Files.readAllLines(values);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines.stream().dropWhile(l -> !l.equals("defaults:"))
                .map(String::trim).filter(l -> l.startsWith(key + ":")).findFirst()
                .map(l -> l.substring(key.length() + 1).trim().replaceAll("^\"|\"$", ""))
                .orElseThrow(() -> new IllegalStateException("no defaults." + key + " in " + values));
    }

    /** For the system tests: the quick start's JVM options, and every span exported to {@link #traces}. */
    RunningSystem() throws Exception {
        this(QUICK_START_JVM, true);
    }

    /**
     * For a benchmark: the JVM options it needs (e.g. the heap the chart gives, and the full JIT), no trace export.
     * Exporting every span to a collector in the benchmark's JVM cost that JVM a core in a 100,000-case pipeline run.
     */
    RunningSystem(List<String> jvmOptions) throws Exception {
        this(jvmOptions, false);
    }

    private RunningSystem(List<String> jvmOptions, boolean exportTraces) throws Exception {
        this.jvmOptions = jvmOptions;
        // A benchmark stopped with Ctrl-C or kill must not leave five services and nginx behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.forEach(Process::destroy)));
        work = Files.createDirectories(Path.of("target", "system").toAbsolutePath());
        Map<String, String> shared = new LinkedHashMap<>(TestInfra.rabbitVhost());
        rabbitUri = TestInfra.rabbitUri(shared);
        shared.putAll(TestTokens.properties());
        originPort = freePort();
        shared.put("gennemsyn.public-url", origin());
        traces = exportTraces ? new OtlpCollector() : null;
        if (traces != null) {
            shared.put("otel.traces.exporter", "otlp");
            shared.put("otel.exporter.otlp.endpoint", traces.endpoint());
            shared.put("otel.bsp.schedule.delay", "200");
        }
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        shared.put("gennemsyn.smtp.host", "127.0.0.1");
        shared.put("gennemsyn.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        StringBuilder locations = new StringBuilder();
        StringBuilder upstreams = new StringBuilder();
        // As the chart does it: each database migrated by "java -jar <service>.jar migrate" with the owner's
        // password (the migration Job), then the services started without it.
        Map<String, Map<String, String>> databases = new LinkedHashMap<>();
        for (String service : SERVICES.keySet()) {
            databases.put(service, TestInfra.database(service));
            databaseNames.put(service, databases.get(service).get("datasources.default.username"));
        }
        migrate(databases);
        long t0 = System.nanoTime();
        for (var service : SERVICES.entrySet()) {
            int port = freePort();
            Map<String, String> props = new LinkedHashMap<>(databases.get(service.getKey()));
            props.remove("gennemsyn.db.owner.password");
            props.put("gennemsyn.db.migrate-at-start", "false");
            props.putAll(shared);
            props.put("micronaut.server.port", String.valueOf(port));
            int management = freePort();
            managementPorts.put(service.getValue(), management);
            props.put("endpoints.all.port", String.valueOf(management));
            props.put("gennemsyn.security.dev.enabled", "true");
            props.put("gennemsyn.outbox.poll-interval", "100ms");
            start(service.getKey(), props);
            // Kept-alive upstream connections: a new TCP connection per request costs both sides more than the request.
            upstreams.append("  upstream ").append(service.getKey()).append(" { server 127.0.0.1:").append(port)
                    .append("; keepalive 32; }\n");
            locations.append("    location ").append(service.getValue()).append("/ { proxy_pass http://")
                    .append(service.getKey()).append("; proxy_http_version 1.1; proxy_set_header Connection \"\";")
                    .append(" proxy_set_header Host $http_host; }\n");
        }
        // Body limits and the 413 answer as in dev.sh's nginx and the chart (docs/security.md, "Limits").
        String proxy = " proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host $http_host;";
        locations.append("""
                    error_page 413 @too_large;
                    location @too_large { default_type application/problem+json; return 413 '{"type":"urn:gennemsyn:problem:too-large","title":"For stor forespørgsel","status":413}'; }
                    location = /intake/imports { client_max_body_size 200m; proxy_request_buffering off; proxy_pass http://case-intake;%1$s }
                    location = /intake/api/imports { client_max_body_size 200m; proxy_request_buffering off; proxy_pass http://case-intake;%1$s }
                """.formatted(proxy));
        startNginx(upstreams.toString(), locations.toString());
        for (String prefix : SERVICES.values()) {
            awaitReady(prefix);
        }
        startupSeconds = (System.nanoTime() - t0) / 1e9;
    }

    /** CPU ticks (1/100 s) used so far by each process of the stack, grouped: each service, postgres, rabbitmq, nginx, this JVM (the load generator or benchmark). */
    Map<String, Long> cpuTicks() throws java.io.IOException {
        Map<String, Long> out = new TreeMap<>();
        Map<Long, String> services = pidsByService();
        long self = ProcessHandle.current().pid();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(d.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue;
                }
                long pid = Long.parseLong(name);
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                String group = services.containsKey(pid) ? services.get(pid) : pid == self ? "load-generator"
                        : comm.startsWith("postgres") ? "postgres" : comm.startsWith("beam") || comm.startsWith("erl")
                        ? "rabbitmq" : comm.startsWith("nginx") ? "nginx" : null;
                if (group != null) {
                    out.merge(group, ticks, Long::sum);
                }
            }
        }
        return out;
    }

    /** Each service's resident memory now, in MiB (from /proc). */
    Map<String, Long> rssMiB() throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        int i = 0;
        for (String service : SERVICES.keySet()) {
            out.put(service, rssKiB(processes.get(i++).pid()) / 1024);
        }
        return out;
    }

    Map<Long, String> pidsByService() {
        Map<Long, String> out = new LinkedHashMap<>();
        int i = 0;
        for (String service : SERVICES.keySet()) {
            out.put(processes.get(i++).pid(), service);
        }
        return out;
    }

    static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** The five services with the demo data of `./dev.sh run` loaded (as `./dev.sh demo-data` loads it). */
    static RunningSystem withDemoData() throws Exception {
        RunningSystem system = new RunningSystem();
        java.nio.file.Path devSh = java.nio.file.Path.of("../../dev.sh").toAbsolutePath().normalize();
        Process loader = new ProcessBuilder("bash", devSh.toString(), "demo-data", system.origin(), system.origin())
                .redirectErrorStream(true).redirectOutput(java.nio.file.Path.of("target", "demo-data.log").toFile()).start();
        loader.getOutputStream().close();
        if (!loader.waitFor(10, java.util.concurrent.TimeUnit.MINUTES) || loader.exitValue() != 0) {
            system.close();
            throw new IllegalStateException("dev.sh demo-data failed or took over 10 minutes: see target/demo-data.log");
        }
        return system;
    }

    public String origin() {
        return "http://127.0.0.1:" + originPort;
    }

    /** The five migration runs side by side; each must exit 0. */
    private void migrate(Map<String, Map<String, String>> databases) throws Exception {
        Map<String, Process> runs = new LinkedHashMap<>();
        for (var e : databases.entrySet()) {
            runs.put(e.getKey(), command(e.getKey(), e.getValue(), "migrate", e.getKey() + "-migrate.log").start());
        }
        for (var e : runs.entrySet()) {
            if (!e.getValue().waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || e.getValue().exitValue() != 0) {
                throw new IllegalStateException("Migrating " + e.getKey() + " failed; see " + work);
            }
        }
    }

    private void start(String service, Map<String, String> props) throws IOException {
        startProperties.put(service, props);
        processes.add(command(service, props, null, service + ".log").start());
    }

    /** Stops one service (SIGTERM, as Kubernetes does), starts it again, and returns the seconds until it is ready. */
    double restart(String service) throws Exception {
        int i = new ArrayList<>(SERVICES.keySet()).indexOf(service);
        Process old = processes.get(i);
        old.destroy();
        if (!old.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException(service + " did not stop within 60 s");
        }
        long t0 = System.nanoTime();
        processes.set(i, command(service, startProperties.get(service), null, service + ".log").start());
        awaitReady(SERVICES.get(service));
        return (System.nanoTime() - t0) / 1e9;
    }

    private ProcessBuilder command(String service, Map<String, String> props, String argument, String log) {
        Path jar = Path.of("..", service, "target", service + "-0.1.0-SNAPSHOT.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build the services first (mvn verify builds them)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        // "{service}" in an option is the service's name (e.g. its own class-data sharing archive).
        jvmOptions.forEach(o -> cmd.add(o.replace("{service}", service)));
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        if (argument != null) {
            cmd.add(argument);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve(log).toFile());
        pb.environment().put("MICRONAUT_ENVIRONMENTS", "dev");
        pb.environment().put("GENNEMSYN_SERVICE", service);
        return pb;
    }

    private void startNginx(String upstreams, String locations) throws Exception {
        Path conf = work.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes 1;
                worker_rlimit_nofile 8192;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/nginx-error.log;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_max_body_size 1m; charset utf-8; charset_types application/problem+json;
                %4$s
                  client_body_temp_path %1$s/tmp; proxy_temp_path %1$s/tmp; fastcgi_temp_path %1$s/tmp;
                  uwsgi_temp_path %1$s/tmp; scgi_temp_path %1$s/tmp;
                  server {
                    listen 127.0.0.1:%2$d;
                %3$s  }
                }
                """.formatted(work, originPort, locations, upstreams));
        Files.createDirectories(work.resolve("tmp"));
        String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        processes.add(new ProcessBuilder(nginx, "-c", conf.toString(), "-p", work.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("nginx.log").toFile()).start());
    }

    /** Where a service's health and metrics answer, e.g. http://127.0.0.1:40123/intake. */
    String management(String prefix) {
        return "http://127.0.0.1:" + managementPorts.get(prefix) + prefix;
    }

    private void awaitReady(String prefix) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("A process died at start-up (exit " + p.exitValue()
                            + "); see " + work);
                }
            }
            try {
                var r = client.send(HttpRequest.newBuilder(URI.create(management(prefix) + "/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(prefix + " did not become ready; see " + work);
    }


    @Override
    public void close() {
        smtp.stop();
        if (traces != null) {
            traces.close();
        }
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
