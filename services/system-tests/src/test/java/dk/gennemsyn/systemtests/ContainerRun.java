package dk.gennemsyn.systemtests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dk.gennemsyn.testsupport.TestTokens;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import static dk.gennemsyn.testsupport.TestInfra.freePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./dev.sh containers}: the chart's own settings, run as Docker containers on this machine. Everything the
 * containers get comes from {@code helm template} of charts/gennemsyn (env, probes, user, read-only root filesystem,
 * the /tmp size limit as a tmpfs, volumes, the memory limit and JVM options, replicas, the migration Jobs, the
 * ingress's body limits and timeouts); only the secrets' values and the addresses of the backing servers are made
 * here. Tests and load reach the containers only through ports published on 127.0.0.1, behind an nginx origin built
 * from the rendered Ingress objects.
 *
 * <p>Then: a smoke flow (import the sample file, wait for its cases in reporting), every service stopped and started
 * in turn as Kubernetes would (out of the load balancer, the preStop pause, SIGTERM, the grace period) while a steady
 * mixed load runs, a 200 MB import watched against case-intake's memory limit, and one summary line. Exits 1 when a
 * request failed, an event was lost or a container left its memory limit; removes everything it started.
 */
public final class ContainerRun implements HasOrigin, AutoCloseable {

    static final Map<String, String> SERVICES = RunningSystem.SERVICES;
    static final String TENANT = "0250";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final String run = "gct-" + UUID.randomUUID().toString().substring(0, 6);
    final String tag;
    final Path chart;
    final Path work;
    final SecureRandom random = new SecureRandom();
    final Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
    final List<Replica> replicas = new ArrayList<>();
    final List<Process> processes = new ArrayList<>();
    final String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    final AtomicBoolean closed = new AtomicBoolean();
    String gateway;
    GreenMail smtp;
    HttpServer jwks;
    int originPort;
    int pgPort;
    String pgAdminPassword;
    List<Map<String, Object>> rendered;

    /** One running container of a Deployment, with its published ports and its probe. */
    static final class Replica {
        final String service;
        final String container;
        final int httpPort;
        final int managementPort;
        final String readinessPath;
        final Map<String, Object> spec;
        volatile boolean inService = true;
        double firstReadySeconds;

        Replica(String service, String container, int httpPort, int managementPort, String readinessPath,
                Map<String, Object> spec) {
            this.service = service;
            this.container = container;
            this.httpPort = httpPort;
            this.managementPort = managementPort;
            this.readinessPath = readinessPath;
            this.spec = spec;
        }
    }

    ContainerRun(String tag, Path chart) throws IOException {
        this.tag = tag;
        this.chart = chart;
        this.work = Files.createDirectories(Path.of("target", "containers").toAbsolutePath());
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ContainerRun <image tag> [chart dir]");
            System.exit(2);
        }
        Path chart = Path.of(args.length > 1 ? args[1] : "../../charts/gennemsyn").toAbsolutePath().normalize();
        int status = 1;
        ContainerRun r = new ContainerRun(args[0], chart);
        // Ctrl-C or a failure: whatever was started is removed (close() is idempotent).
        Runtime.getRuntime().addShutdownHook(new Thread(r::close, "container-run-cleanup"));
        try {
            status = r.runAll();
        } catch (Exception e) {
            System.out.println("containers: FAILED: " + e);
            e.printStackTrace(System.out);
        } finally {
            r.close();
        }
        System.exit(status);
    }

    @Override
    public String origin() {
        return "http://127.0.0.1:" + originPort;
    }

    int runAll() throws Exception {
        startBackingServers();
        rendered = render();
        long t0 = System.nanoTime();
        migrate();
        System.out.printf("containers: migrations done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        startServices();
        startOrigin();

        String token = TestTokens.token(TENANT, "projektleder");
        Api pl = new Api(this, token);
        smoke(pl);
        Load load = new Load(pl);
        List<String> restarts;
        load.start(20);
        try {
            Thread.sleep(5000);
            restarts = restartEachInTurn();
            Thread.sleep(5000);
        } finally {
            load.stop();
        }
        long lost = lostEvents(pl, load);
        ImportWatch big = bigImport(pl);

        double firstReady = replicas.stream().mapToDouble(r -> r.firstReadySeconds).max().orElse(0);
        Map<String, Long> rss = rssMiB();
        long maxRss = rss.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long limit = memoryLimitMiB("case-intake");
        System.out.println("containers: RSS after load (MiB) " + rss);
        System.out.printf("containers: ready %.1f s (10 containers started together), %s; RSS max %d MiB (limit %d); "
                        + "200 MB import: peak %d MiB of %d, OOM-killed %s; requests %d, failed requests: %d, lost events: %d%n",
                firstReady, restartSummary(restarts), maxRss, limit, big.peakMiB, limit, big.oomKilled,
                load.sent.get(), load.failed.get(), lost);
        load.failures.stream().limit(10).forEach(f -> System.out.println("  failed: " + f));
        boolean ok = load.failed.get() == 0 && lost == 0 && !big.oomKilled && big.completed && big.peakMiB <= limit;
        return ok ? 0 : 1;
    }

    // ---- Backing servers: PostgreSQL and RabbitMQ as containers; SMTP and the key set in this JVM ----

    void startBackingServers() throws Exception {
        docker("network", "create", "--label", "gennemsyn.run=" + run, run);
        gateway = docker("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", run).trim();
        // The containers reach the mail server and the key set on the network's gateway (this machine).
        smtp = new GreenMail(new ServerSetup(freePort(), gateway, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        jwks = HttpServer.create(new InetSocketAddress(gateway, 0), 0);
        byte[] keySet = TestTokens.properties().get("gennemsyn.security.jwks").getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks.json", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, keySet.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(keySet);
            }
        });
        jwks.start();

        pgAdminPassword = secret(18);
        pgPort = freePort();
        docker("run", "-d", "--name", run + "-postgresql", "--label", "gennemsyn.run=" + run, "--network", run,
                "--network-alias", "postgresql", "-e", "POSTGRES_PASSWORD=" + pgAdminPassword,
                "-p", "127.0.0.1:" + pgPort + ":5432", "gennemsyn/postgresql:latest", "-c", "max_connections=300");
        String rabbitPassword = secret(18);
        docker("run", "-d", "--name", run + "-rabbitmq", "--label", "gennemsyn.run=" + run, "--network", run,
                "--network-alias", "rabbitmq", "-e", "RABBITMQ_DEFAULT_USER=gennemsyn",
                "-e", "RABBITMQ_DEFAULT_PASS=" + rabbitPassword, "gennemsyn/rabbitmq:latest");
        secrets.put("gennemsyn-rabbitmq", Map.of("uri", "amqp://gennemsyn:" + rabbitPassword + "@rabbitmq:5672/%2F"));
        secrets.put("gennemsyn-case-numbers", Map.of("keys", "1:" + Base64.getEncoder().encodeToString(bytes(32)),
                "current-key", "1", "lookup-secret", secret(32)));

        await("PostgreSQL", Duration.ofSeconds(60), () -> {
            try (Connection c = admin("postgres")) {
                return c.isValid(2);
            } catch (Exception e) {
                return false;
            }
        });
        // As a platform team would: per service a database owned by the owner role, and the application role.
        for (String s : SERVICES.keySet()) {
            String app = secret(18);
            String owner = secret(18);
            try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
                st.execute("create role \"" + s + "-owner\" login password '" + owner + "'");
                st.execute("create role \"" + s + "\" login nosuperuser nobypassrls password '" + app + "'");
                st.execute("create database \"" + s + "\" owner \"" + s + "-owner\"");
            }
            try (Connection c = admin(s); Statement st = c.createStatement()) {
                st.execute("alter schema public owner to \"" + s + "-owner\"");
            }
            secrets.put("gennemsyn-db-" + s, Map.of("password", app));
            secrets.put("gennemsyn-db-" + s + "-owner", Map.of("password", owner));
        }
        await("RabbitMQ", Duration.ofSeconds(60),
                () -> dockerQuiet("logs", run + "-rabbitmq").contains("Server startup complete"));
    }

    Connection admin(String db) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/" + db, "postgres", pgAdminPassword);
    }

    // ---- The chart ----

    List<Map<String, Object>> render() throws Exception {
        Path values = work.resolve(run + "-values.yaml");
        Files.writeString(values, """
                image: { repository: gennemsyn, tag: "%s", pullPolicy: Never }
                auth: { jwksUrl: "http://%s:%d/jwks.json" }
                ingress: { host: localhost }
                services:
                  notifications:
                    env: { SMTP_HOST: "%s", SMTP_PORT: "%d", SMTP_STARTTLS: "false" }
                    secretEnv: []
                """.formatted(tag, gateway, jwks.getAddress().getPort(), gateway, smtp.getSmtp().getPort()));
        Path helm = Path.of(System.getenv().getOrDefault("GENNEMSYN_HELM", "../../.tools/helm/helm"));
        Process p = new ProcessBuilder(helm.toString(), "template", "gennemsyn", chart.toString(), "-f", values.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("helm template failed: " + out);
        }
        Files.writeString(work.resolve(run + "-rendered.yaml"), out);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object d : new Yaml().loadAll(out)) {
            if (d != null) {
                docs.add(cast(d));
            }
        }
        return docs;
    }

    List<Map<String, Object>> of(String kind) {
        return rendered.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    /** The migration Jobs, side by side as Helm runs its hooks; each must exit 0. */
    void migrate() throws Exception {
        Map<String, Process> jobs = new LinkedHashMap<>();
        for (Map<String, Object> job : of("Job")) {
            String name = run + "-" + name(job);
            List<String> cmd = dockerRun(name, podSpec(job), Map.of());
            cmd.add(2, "--rm");
            cmd.remove("-d");
            jobs.put(name(job), new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(work.resolve(name + ".log").toFile()).start());
        }
        for (var e : jobs.entrySet()) {
            if (!e.getValue().waitFor(300, TimeUnit.SECONDS) || e.getValue().exitValue() != 0) {
                throw new IllegalStateException("The Job " + e.getKey() + " failed; see " + work);
            }
        }
    }

    void startServices() throws Exception {
        long t0 = System.nanoTime();
        for (Map<String, Object> d : of("Deployment")) {
            String service = name(d);
            int count = replicasOf(d);
            for (int i = 0; i < count; i++) {
                String container = run + "-" + service + "-" + i;
                int http = freePort();
                int management = freePort();
                Map<String, Object> pod = podSpec(d);
                String path = (String) map(map(container(pod), "readinessProbe"), "httpGet").get("path");
                List<String> cmd = dockerRun(container, pod, Map.of(8080, http, 8081, management));
                docker(cmd.subList(1, cmd.size()).toArray(String[]::new));
                replicas.add(new Replica(service, container, http, management, path, pod));
            }
        }
        for (Replica r : replicas) {
            awaitReady(r, Duration.ofSeconds(240));
            r.firstReadySeconds = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf("containers: %d containers ready %.1f s after they were started%n", replicas.size(),
                (System.nanoTime() - t0) / 1e9);
    }

    int replicasOf(Map<String, Object> deployment) {
        Object replicas = map(deployment, "spec").get("replicas");
        if (replicas != null) {
            return (Integer) replicas;
        }
        return of("HorizontalPodAutoscaler").stream().filter(h -> name(h).equals(name(deployment)))
                .map(h -> (Integer) map(h, "spec").get("minReplicas")).findFirst().orElse(1);
    }

    /**
     * {@code docker run} for a pod spec, as the kubelet would run it: user and group, read-only root filesystem, no
     * capabilities, no privilege escalation, the memory limit (no swap), env with secrets resolved, emptyDir volumes
     * (/tmp as a tmpfs of the same size; others as Docker volumes on disk, owned by the pod's fsGroup), ports only on
     * 127.0.0.1.
     */
    List<String> dockerRun(String name, Map<String, Object> pod, Map<Integer, Integer> publish) throws Exception {
        Map<String, Object> c = container(pod);
        Map<String, Object> podSecurity = map(pod, "securityContext");
        Map<String, Object> security = map(c, "securityContext");
        List<String> cmd = new ArrayList<>(List.of("docker", "run", "-d", "--name", name, "--label", "gennemsyn.run=" + run,
                "--network", run, "--user", podSecurity.get("runAsUser") + ":" + podSecurity.get("runAsGroup")));
        if (Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
            cmd.add("--read-only");
        }
        if (Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
            cmd.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        if (List.of("ALL").equals(map(security, "capabilities").get("drop"))) {
            cmd.addAll(List.of("--cap-drop", "ALL"));
        }
        String memory = (String) map(map(c, "resources"), "limits").get("memory");
        long bytes = bytes(memory);
        cmd.addAll(List.of("--memory", String.valueOf(bytes), "--memory-swap", String.valueOf(bytes)));
        for (Object o : (List<?>) c.get("env")) {
            Map<String, Object> e = cast(o);
            String value;
            if (e.containsKey("value")) {
                value = String.valueOf(e.get("value"));
            } else {
                Map<String, Object> ref = map(map(e, "valueFrom"), "secretKeyRef");
                Map<String, String> secret = secrets.get((String) ref.get("name"));
                if (secret == null || !secret.containsKey((String) ref.get("key"))) {
                    throw new IllegalStateException("The chart references a secret this run did not make: " + ref);
                }
                value = secret.get((String) ref.get("key"));
            }
            cmd.addAll(List.of("-e", e.get("name") + "=" + value));
        }
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Object v : (List<?>) pod.get("volumes")) {
            volumes.put((String) cast(v).get("name"), cast(v));
        }
        for (Object m : (List<?>) c.get("volumeMounts")) {
            Map<String, Object> mount = cast(m);
            Map<String, Object> volume = volumes.get((String) mount.get("name"));
            Map<String, Object> emptyDir = map(volume, "emptyDir");
            if (emptyDir == null) {
                throw new IllegalStateException("Only emptyDir volumes are run here: " + volume);
            }
            String path = (String) mount.get("mountPath");
            if (path.equals("/tmp")) {
                cmd.addAll(List.of("--tmpfs", "/tmp:rw,exec,nosuid,nodev,mode=1777,size=" + bytes((String) emptyDir.get("sizeLimit"))));
            } else {
                String vol = name + "-" + mount.get("name");
                docker("volume", "create", "--label", "gennemsyn.run=" + run, vol);
                // fsGroup: the pod's group owns the emptyDir.
                docker("run", "--rm", "--user", "0", "-v", vol + ":/v", "--entrypoint", "chown",
                        "gennemsyn/jre17:latest", podSecurity.get("runAsUser") + ":" + podSecurity.get("fsGroup"), "/v");
                cmd.addAll(List.of("--mount", "type=volume,src=" + vol + ",dst=" + path));
            }
        }
        publish.forEach((container, host) -> cmd.addAll(List.of("-p", "127.0.0.1:" + host + ":" + container)));
        cmd.add((String) c.get("image"));
        if (c.get("args") != null) {
            for (Object a : (List<?>) c.get("args")) {
                cmd.add(String.valueOf(a));
            }
        }
        return cmd;
    }

    void awaitReady(Replica r, Duration timeout) throws Exception {
        await(r.container + " ready on " + r.readinessPath, timeout, () -> {
            String state = dockerQuiet("inspect", "-f", "{{.State.Status}}", r.container).trim();
            if (state.equals("exited") || state.equals("dead")) {
                throw new IllegalStateException(r.container + " exited: " + dockerQuiet("logs", "--tail", "30", r.container));
            }
            return status("http://127.0.0.1:" + r.managementPort + r.readinessPath) == 200;
        });
    }

    // ---- The origin: nginx from the rendered Ingress objects ----

    void startOrigin() throws Exception {
        originPort = freePort();
        Files.createDirectories(work.resolve("nginx-tmp"));
        writeNginxConf();
        processes.add(new ProcessBuilder(nginx, "-c", work.resolve(run + "-nginx.conf").toString(), "-p", work.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve(run + "-nginx.log").toFile()).start());
        // Unauthenticated API call: 401 from case-intake through nginx (there is no dev sign-in page in prod).
        await("the origin", Duration.ofSeconds(20), () -> status(origin() + "/intake/api/cases") == 401);
    }

    /** Rewritten when a replica leaves or joins the load balancer, then reloaded (nginx -s reload is graceful). */
    synchronized void writeNginxConf() throws IOException {
        StringBuilder upstreams = new StringBuilder();
        for (String service : SERVICES.keySet()) {
            upstreams.append("  upstream ").append(service).append(" {\n");
            for (Replica r : replicas) {
                if (r.service.equals(service)) {
                    upstreams.append("    server 127.0.0.1:").append(r.httpPort).append(r.inService ? "" : " down").append(";\n");
                }
            }
            upstreams.append("    keepalive 16;\n  }\n");
        }
        String proxy = "proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host $http_host;";
        StringBuilder locations = new StringBuilder();
        String defaultBody = "1m";
        for (Map<String, Object> ingress : of("Ingress")) {
            Map<String, Object> annotations = map(map(ingress, "metadata"), "annotations");
            String body = (String) annotations.get("nginx.ingress.kubernetes.io/proxy-body-size");
            boolean unbuffered = "off".equals(annotations.get("nginx.ingress.kubernetes.io/proxy-request-buffering"));
            String timeout = (String) annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout");
            Map<String, Object> rule = cast(((List<?>) map(ingress, "spec").get("rules")).get(0));
            for (Object p : (List<?>) map(rule, "http").get("paths")) {
                Map<String, Object> path = cast(p);
                String backend = (String) map(map(path, "backend"), "service").get("name");
                boolean exact = "Exact".equals(path.get("pathType"));
                if (!exact) {
                    defaultBody = body;
                }
                locations.append("    location ").append(exact ? "= " + path.get("path") : path.get("path") + "/")
                        .append(" { client_max_body_size ").append(body).append(';')
                        .append(unbuffered ? " proxy_request_buffering off;" : "")
                        .append(timeout != null ? " proxy_read_timeout " + timeout + "s; proxy_send_timeout " + timeout + "s;" : "")
                        .append(" proxy_pass http://").append(backend).append("; ").append(proxy).append(" }\n");
            }
        }
        Files.writeString(work.resolve(run + "-nginx.conf"), """
                worker_processes 1;
                daemon off;
                pid %1$s/%5$s-nginx.pid;
                error_log %1$s/%5$s-nginx-error.log;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_max_body_size %6$s; charset utf-8;
                  client_body_temp_path %1$s/nginx-tmp; proxy_temp_path %1$s/nginx-tmp; fastcgi_temp_path %1$s/nginx-tmp;
                  uwsgi_temp_path %1$s/nginx-tmp; scgi_temp_path %1$s/nginx-tmp;
                %3$s
                  server {
                    listen 127.0.0.1:%2$d;
                %4$s  }
                }
                """.formatted(work, originPort, upstreams, locations, run, defaultBody));
    }

    void reloadOrigin() throws Exception {
        writeNginxConf();
        Process p = new ProcessBuilder(nginx, "-c", work.resolve(run + "-nginx.conf").toString(), "-p", work.toString(),
                "-s", "reload").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("nginx reload: " + out);
        }
        // The old workers finish their requests; new ones take the new upstreams.
        Thread.sleep(500);
    }

    // ---- The flows ----

    void smoke(Api pl) throws Exception {
        Path sample = Path.of("../../docs/import-sample.csv");
        String job = Api.id(upload(pl.token(), sample));
        await("the sample import", Duration.ofSeconds(60), () -> pl.call("GET", "/intake/api/imports/" + job, null, null)
                .body().contains("\"status\":\"succeeded\""));
        String report = pl.ok("GET", "/intake/api/imports/" + job, null);
        int created = intField(report, "casesCreated");
        if (created == 0) {
            throw new IllegalStateException("The sample import created no cases: " + report);
        }
        await("the sample's cases in reporting", Duration.ofSeconds(60), () -> reportingCases(pl) == created);
        System.out.println("containers: smoke flow: signed in, imported the sample (" + created
                + " cases), reporting counts them");
    }

    String upload(String token, Path file) throws Exception {
        String boundary = "gennemsyn" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(origin() + "/intake/api/imports"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).timeout(Duration.ofMinutes(10))
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("Import upload answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    long reportingCases(Api pl) {
        Api.Result r = pl.call("GET", "/reporting/api/key-figures", null, null);
        return r.status() == 200 ? intField(r.body(), "cases") : -1;
    }

    /** Steady mixed reads and writes through the origin at a fixed rate; every answer other than 2xx is a failure. */
    final class Load {
        final Api api;
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(ContainerRun::daemon);
        final java.util.concurrent.ExecutorService senders = Executors.newFixedThreadPool(16, ContainerRun::daemon);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicInteger created = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicBoolean running = new AtomicBoolean();

        Load(Api api) {
            this.api = api;
        }

        void start(int perSecond) {
            running.set(true);
            AtomicLong n = new AtomicLong();
            timer.scheduleAtFixedRate(() -> senders.submit(() -> one(n.incrementAndGet())), 0, 1_000_000 / perSecond,
                    TimeUnit.MICROSECONDS);
        }

        void one(long n) {
            String[] request = switch ((int) (n % 10)) {
                case 0, 1, 2 -> new String[] {"GET", "/intake/api/cases?size=20"};
                case 3, 4 -> new String[] {"GET", "/reporting/api/key-figures"};
                case 5 -> new String[] {"GET", "/notifications/api/inbox"};
                case 6 -> new String[] {"GET", "/assessment/api/screening/summary"};
                case 7 -> new String[] {"GET", "/recommendations/api/reviews"};
                default -> new String[] {"POST", "/intake/api/cases"};
            };
            sent.incrementAndGet();
            try {
                Api.Result r = api.call(request[0], request[1], request[0].equals("POST") ? "{\"caseType\":\"forebyggende\"}" : null, null);
                if (r.status() < 200 || r.status() > 299) {
                    failed.incrementAndGet();
                    failures.add(request[0] + " " + request[1] + " -> " + r.status() + " " + r.body().substring(0, Math.min(200, r.body().length())));
                } else if (request[0].equals("POST")) {
                    created.incrementAndGet();
                }
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                failures.add(request[0] + " " + request[1] + " -> " + e.getCause());
            }
        }

        void stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            senders.shutdown();
            senders.awaitTermination(60, TimeUnit.SECONDS);
            running.set(false);
        }
    }

    /**
     * As Kubernetes replaces a pod: out of the load balancer, the preStop pause, SIGTERM with the termination grace
     * period as the deadline for SIGKILL, then (a new pod) started and ready before it takes traffic again.
     */
    List<String> restartEachInTurn() throws Exception {
        List<String> out = new ArrayList<>();
        for (Replica r : replicas) {
            Map<String, Object> c = container(r.spec);
            List<?> preStopCommand = (List<?>) map(map(map(c, "lifecycle"), "preStop"), "exec").get("command");
            int preStop = Integer.parseInt(String.valueOf(preStopCommand.get(1)));
            int grace = (Integer) r.spec.get("terminationGracePeriodSeconds");
            r.inService = false;
            reloadOrigin();
            Thread.sleep(preStop * 1000L);
            long t0 = System.nanoTime();
            // Kubernetes counts the preStop pause inside the termination grace period.
            docker("stop", "-t", String.valueOf(grace - preStop), r.container);
            double stopped = (System.nanoTime() - t0) / 1e9;
            String exit = docker("inspect", "-f", "{{.State.ExitCode}}", r.container).trim();
            t0 = System.nanoTime();
            docker("start", r.container);
            awaitReady(r, Duration.ofSeconds(120));
            double ready = (System.nanoTime() - t0) / 1e9;
            r.inService = true;
            reloadOrigin();
            out.add(String.format("%s stopped in %.1f s (exit %s), ready in %.1f s", r.container.substring(run.length() + 1),
                    stopped, exit, ready));
            System.out.println("containers: " + out.get(out.size() - 1));
        }
        return out;
    }

    String restartSummary(List<String> restarts) {
        double maxReady = 0;
        double maxStop = 0;
        Pattern p = Pattern.compile("stopped in ([0-9.]+) s .* ready in ([0-9.]+) s");
        for (String r : restarts) {
            Matcher m = p.matcher(r);
            if (m.find()) {
                maxStop = Math.max(maxStop, Double.parseDouble(m.group(1)));
                maxReady = Math.max(maxReady, Double.parseDouble(m.group(2)));
            }
        }
        return String.format("one restarted alone ready in ≤ %.1f s, stopped in ≤ %.1f s", maxReady, maxStop);
    }

    /** Every case case-intake holds must reach reporting and assessment, once: the difference is what was lost. */
    long lostEvents(Api pl, Load load) throws Exception {
        long intake = intField(pl.ok("GET", "/intake/api/cases?size=1", null), "total");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long reporting;
        long assessment;
        do {
            reporting = reportingCases(pl);
            Api.Result s = pl.call("GET", "/assessment/api/screening/summary", null, null);
            assessment = s.status() == 200 ? intField(s.body(), "cases") : -1;
            if (reporting == intake && assessment == intake) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        System.out.printf("containers: %d cases written during the restarts; intake holds %d, reporting %d, assessment %d%n",
                load.created.get(), intake, reporting, assessment);
        return Math.abs(intake - reporting) + Math.abs(intake - assessment);
    }

    record ImportWatch(long peakMiB, boolean oomKilled, boolean completed) {
    }

    /**
     * A 200 MB extract through the origin into case-intake (the import's upload limit), while case-intake's containers'
     * memory (cgroup usage without the page cache, as docker stats shows it) is sampled: it must stay under the limit
     * and nothing may be OOM-killed.
     */
    ImportWatch bigImport(Api pl) throws Exception {
        Path file = work.resolve(run + "-200mb.csv");
        writeBigExtract(file, 195L * 1024 * 1024);
        AtomicLong peak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        List<Replica> intake = replicas.stream().filter(r -> r.service.equals("case-intake")).toList();
        AtomicLong samples = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                for (Replica r : intake) {
                    peak.accumulateAndGet(memoryMiB(r.container), Math::max);
                    samples.incrementAndGet();
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        boolean completed = false;
        try {
            long t0 = System.nanoTime();
            String job = Api.id(upload(pl.token(), file));
            double uploaded = (System.nanoTime() - t0) / 1e9;
            long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            String body = "";
            while (System.nanoTime() < deadline) {
                body = pl.call("GET", "/intake/api/imports/" + job, null, null).body();
                if (!body.contains("\"status\":\"queued\"") && !body.contains("\"status\":\"running\"")) {
                    break;
                }
                Thread.sleep(1000);
            }
            completed = body.contains("\"status\":\"succeeded\"");
            System.out.printf("containers: 200 MB import (%d MB) uploaded in %.1f s, %s after %.1f s: %d cases created%n",
                    Files.size(file) / 1_000_000, uploaded, completed ? "done" : "NOT done", (System.nanoTime() - t0) / 1e9,
                    completed ? intField(body, "casesCreated") : 0);
            if (!completed) {
                System.out.println("  import: " + body.substring(0, Math.min(400, body.length())));
            }
        } finally {
            sampling.set(false);
            sampler.join();
            Files.deleteIfExists(file);
        }
        if (samples.get() == 0) {
            throw new IllegalStateException("case-intake's memory was never measured during the import");
        }
        boolean oom = false;
        for (Replica r : intake) {
            oom |= docker("inspect", "-f", "{{.State.OOMKilled}}", r.container).trim().equals("true");
            oom |= !docker("inspect", "-f", "{{.State.Running}}", r.container).trim().equals("true");
        }
        return new ImportWatch(peak.get(), oom, completed);
    }

    /** Cases with two timeline rows each and long (CPR-free) notes, up to {@code size} bytes. */
    static void writeBigExtract(Path file, long size) throws IOException {
        String note = "Underretning fra skolen om fravaer og bekymring for trivsel, sagsbehandler har talt med "
                + "familien og aftalt opfoelgning. ".repeat(12);
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("sagsnummer;sagstype;fødselsår;team;rådgiver;status;hændelse;dato;note\n");
            long written = 0;
            for (int i = 0; written < size; i++) {
                String head = "S-" + (100000 + i) + ";" + (i % 3 == 0 ? "anbringelse" : "forebyggende") + ";2012;Team "
                        + (i % 2 == 0 ? "Nord" : "Syd") + ";R" + (i % 40) + ";åben;";
                String a = head + "underretning_modtaget;2019-0" + (1 + i % 9) + "-01;" + note + "\n";
                String b = head + "bfu_afsluttet;2020-0" + (1 + i % 9) + "-15;" + note + "\n";
                out.write(a);
                out.write(b);
                written += a.length() + b.length();
            }
        }
    }

    // ---- Measurements ----

    /**
     * Memory as docker stats shows it: usage minus the inactive page cache, from the container's cgroup (v1 with the
     * cgroupfs or systemd driver, or v2). A container whose memory cannot be read fails the run: a check that measured
     * nothing must not pass.
     */
    long memoryMiB(String container) {
        try {
            String id = docker("inspect", "-f", "{{.Id}}", container).trim();
            for (Path dir : List.of(Path.of("/sys/fs/cgroup/memory/docker", id),
                    Path.of("/sys/fs/cgroup/memory/system.slice/docker-" + id + ".scope"))) {
                if (Files.exists(dir.resolve("memory.usage_in_bytes"))) {
                    long usage = Long.parseLong(Files.readString(dir.resolve("memory.usage_in_bytes")).trim());
                    return (usage - stat(dir, "total_inactive_file")) / (1024 * 1024);
                }
            }
            for (Path dir : List.of(Path.of("/sys/fs/cgroup/system.slice/docker-" + id + ".scope"),
                    Path.of("/sys/fs/cgroup/docker", id))) {
                if (Files.exists(dir.resolve("memory.current"))) {
                    long usage = Long.parseLong(Files.readString(dir.resolve("memory.current")).trim());
                    return (usage - stat(dir, "inactive_file")) / (1024 * 1024);
                }
            }
            throw new IllegalStateException("no memory cgroup found for " + container);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot read the memory of " + container, e);
        }
    }

    static long stat(Path dir, String key) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("memory.stat"))) {
            if (line.startsWith(key + " ")) {
                return Long.parseLong(line.substring(line.indexOf(' ') + 1));
            }
        }
        return 0;
    }

    Map<String, Long> rssMiB() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Replica r : replicas) {
            out.merge(r.service, memoryMiB(r.container), Math::max);
        }
        return out;
    }

    long memoryLimitMiB(String service) {
        return replicas.stream().filter(r -> r.service.equals(service)).findFirst()
                .map(r -> bytes((String) map(map(container(r.spec), "resources"), "limits").get("memory")) / (1024 * 1024))
                .orElse(0L);
    }

    // ---- Plumbing ----

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // nginx re-executes itself on reload: stop it by its pid file too.
        Path pid = work.resolve(run + "-nginx.pid");
        if (Files.exists(pid)) {
            try {
                new ProcessBuilder(nginx, "-c", work.resolve(run + "-nginx.conf").toString(), "-p", work.toString(), "-s", "quit")
                        .start().waitFor(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the process list below still stops the first one
            }
        }
        processes.forEach(p -> {
            p.destroy();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        String ids = dockerQuiet("ps", "-aq", "--filter", "label=gennemsyn.run=" + run).trim();
        if (!ids.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("rm", "-f", "-v"));
            cmd.addAll(List.of(ids.split("\\s+")));
            dockerQuiet(cmd.toArray(String[]::new));
        }
        String volumes = dockerQuiet("volume", "ls", "-q", "--filter", "label=gennemsyn.run=" + run).trim();
        if (!volumes.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("volume", "rm", "-f"));
            cmd.addAll(List.of(volumes.split("\\s+")));
            dockerQuiet(cmd.toArray(String[]::new));
        }
        dockerQuiet("network", "rm", run);
        if (smtp != null) {
            smtp.stop();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    static String docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("docker");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd.subList(0, Math.min(4, cmd.size()))) + " failed: " + out);
        }
        return out;
    }

    static String dockerQuiet(String... args) {
        try {
            return docker(args);
        } catch (Exception e) {
            return "";
        }
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Waited " + timeout.toSeconds() + " s for " + what);
            }
            Thread.sleep(250);
        }
    }

    static int intField(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No " + field + " in " + json);
        }
        return Integer.parseInt(m.group(1));
    }

    static long bytes(String quantity) {
        Matcher m = Pattern.compile("([0-9]+)(Ki|Mi|Gi)?").matcher(quantity);
        if (!m.matches()) {
            throw new IllegalArgumentException("Unsupported quantity " + quantity);
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2) == null ? n : switch (m.group(2)) {
            case "Ki" -> n * 1024;
            case "Mi" -> n * 1024 * 1024;
            default -> n * 1024 * 1024 * 1024;
        };
    }

    String secret(int length) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(length)).replace("-", "x").replace("_", "y");
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The load's threads never keep the JVM alive after a failure. */
    static Thread daemon(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    }


    static String name(Map<String, Object> doc) {
        return (String) map(doc, "metadata").get("name");
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload, "spec"), "template"), "spec");
    }

    static Map<String, Object> container(Map<String, Object> pod) {
        return cast(((List<?>) pod.get("containers")).get(0));
    }

    static Map<String, Object> map(Map<String, Object> m, String key) {
        return m == null ? null : cast(m.get(key));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
