package dk.gennemsyn.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real PostgreSQL and RabbitMQ the tests run against. In order of preference:
 * <ol>
 *   <li>the servers the test command started, named by GENNEMSYN_TEST_PG (host:port, superuser postgres,
 *       trust auth) and GENNEMSYN_TEST_RABBITMQ (host:amqpPort:httpPort, guest);</li>
 *   <li>Testcontainers, where a Docker engine exists, with the images {@code ./dev.sh images} builds from Debian's
 *       packages ({@code gennemsyn/postgresql}, {@code gennemsyn/rabbitmq}: no registry is reachable here);</li>
 *   <li>otherwise the test fails (never skips), saying how to get the servers.</li>
 * </ol>
 * Every test application context gets its own database (with the owner and application roles, as in
 * production) and its own RabbitMQ vhost, so test classes never see each other's rows or messages.
 */
public final class TestInfra {

    static final String NO_SERVERS = "No PostgreSQL/RabbitMQ for the tests. Run the README's test command "
            + "(./dev.sh test), which installs and starts both, or provide a Docker engine for Testcontainers.";

    record Pg(String host, int port, String user, String password) {
        String url(String db) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + db;
        }
    }

    record Rabbit(String host, int amqpPort, int httpPort, String user, String password, RabbitMQContainer container) {
    }

    static final String PG_IMAGE = System.getenv().getOrDefault("GENNEMSYN_TEST_PG_IMAGE", "gennemsyn/postgresql:latest");
    static final String RABBITMQ_IMAGE = System.getenv().getOrDefault("GENNEMSYN_TEST_RABBITMQ_IMAGE",
            "gennemsyn/rabbitmq:latest");

    /** Set by ./dev.sh test, which removes the containers carrying it when the run ends. */
    static final String TEST_RUN = System.getenv().getOrDefault("GENNEMSYN_TEST_RUN", "manual");

    private static Pg pg;
    private static Rabbit rabbit;

    private TestInfra() {
    }

    static synchronized Pg pg() {
        if (pg == null) {
            String env = System.getenv("GENNEMSYN_TEST_PG");
            if (env != null && !env.isBlank()) {
                String[] hp = env.split(":");
                pg = new Pg(hp[0], Integer.parseInt(hp[1]), "postgres", "");
            } else if (dockerAvailable()) {
                var c = new PostgreSQLContainer<>(DockerImageName.parse(PG_IMAGE).asCompatibleSubstituteFor("postgres"))
                        .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off")
                        .withLabel("gennemsyn.test-run", TEST_RUN)
                        // Our image starts the server once (the official one twice: a temporary one for its init).
                        .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 1)
                                .withStartupTimeout(java.time.Duration.ofSeconds(120)));
                c.start();
                stopAtExit(c);
                System.out.println("Tests use PostgreSQL in a container: " + PG_IMAGE);
                pg = new Pg(c.getHost(), c.getMappedPort(5432), c.getUsername(), c.getPassword());
            } else {
                throw new IllegalStateException(NO_SERVERS);
            }
        }
        return pg;
    }

    static synchronized Rabbit rabbit() {
        if (rabbit == null) {
            String env = System.getenv("GENNEMSYN_TEST_RABBITMQ");
            if (env != null && !env.isBlank()) {
                String[] p = env.split(":");
                rabbit = new Rabbit(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), "guest", "guest", null);
            } else if (dockerAvailable()) {
                var c = new RabbitMQContainer(DockerImageName.parse(RABBITMQ_IMAGE).asCompatibleSubstituteFor("rabbitmq"))
                        .withLabel("gennemsyn.test-run", TEST_RUN)
                        .waitingFor(Wait.forLogMessage(".*Server startup complete.*", 1)
                                .withStartupTimeout(java.time.Duration.ofSeconds(120)));
                c.start();
                stopAtExit(c);
                System.out.println("Tests use RabbitMQ in a container: " + RABBITMQ_IMAGE);
                rabbit = new Rabbit(c.getHost(), c.getAmqpPort(), c.getHttpPort(), c.getAdminUsername(),
                        c.getAdminPassword(), c);
            } else {
                throw new IllegalStateException(NO_SERVERS);
            }
        }
        return rabbit;
    }

    /**
     * Ryuk (Testcontainers' reaper) cannot be pulled here, so it is switched off and the containers are stopped when
     * the test JVM ends; {@code ./dev.sh test} also removes any left behind, after a failed run too.
     */
    private static void stopAtExit(org.testcontainers.containers.GenericContainer<?> c) {
        Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "stop-" + c.getDockerImageName()));
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A superuser connection to a database of the test server (for catalog checks and setup). */
    public static Connection adminConnection(String db) throws SQLException {
        Pg p = pg();
        return DriverManager.getConnection(p.url(db), p.user(), p.password());
    }

    /**
     * Creates a fresh database for one service as production has it: an owner role that runs migrations,
     * and an application role (named like the database) that owns nothing and may not bypass RLS.
     */
    public static Map<String, String> database(String service) {
        String db = service + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "test-" + UUID.randomUUID();
        try (Connection c = adminConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("create role \"" + db + "-owner\" login password '" + password + "'");
            s.execute("create role \"" + db + "\" login nosuperuser nobypassrls nocreatedb nocreaterole password '"
                    + password + "'");
            s.execute("create database \"" + db + "\" owner \"" + db + "-owner\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + db, e);
        }
        try (Connection c = adminConnection(db); Statement s = c.createStatement()) {
            // PostgreSQL 15 already denies CREATE on public to others; make the owner own the schema.
            s.execute("alter schema public owner to \"" + db + "-owner\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the test database " + db, e);
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("datasources.default.url", pg().url(db));
        props.put("datasources.default.username", db);
        props.put("datasources.default.password", password);
        props.put("gennemsyn.db.owner.username", db + "-owner");
        props.put("gennemsyn.db.owner.password", password);
        return props;
    }

    /** The vhosts this JVM made, deleted as it exits. */
    private static final java.util.Set<String> VHOSTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        // Left behind, they pile up over a day of test runs (each quorum queue is a Raft cluster) until the shared
        // broker stalls.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> VHOSTS.forEach(v -> {
            try {
                management("DELETE", "/api/vhosts/" + v, null);
            } catch (RuntimeException e) {
                // the broker may be gone already (a fault test, or Testcontainers stopping it)
            }
        })));
    }

    /** A fresh vhost, so queues and exchanges of one test context are its own. */
    public static Map<String, String> rabbitVhost() {
        Rabbit r = rabbit();
        String vhost = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String v = URLEncoder.encode(vhost, StandardCharsets.UTF_8);
        management("PUT", "/api/vhosts/" + v, "{}");
        VHOSTS.add(v);
        management("PUT", "/api/permissions/" + v + "/" + r.user(), "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        return Map.of("gennemsyn.rabbitmq.uri",
                "amqp://" + r.user() + ":" + r.password() + "@" + r.host() + ":" + r.amqpPort() + "/" + v);
    }

    public static String rabbitUri(Map<String, String> props) {
        return props.get("gennemsyn.rabbitmq.uri");
    }

    /** Everything a service's test context needs: its own database and vhost, and the test signing key. */
    public static Map<String, String> serviceProperties(String service) {
        Map<String, String> props = new LinkedHashMap<>(database(service));
        props.putAll(rabbitVhost());
        props.putAll(TestTokens.properties());
        // The relay and consumers should react fast in tests.
        props.put("gennemsyn.outbox.poll-interval", "100ms");
        // Tests look at redirects themselves (e.g. to the sign-in page).
        props.put("micronaut.http.client.follow-redirects", "false");
        // A free port, so tests run beside a running quick start (which has 8080).
        props.put("micronaut.server.port", "-1");
        props.put("endpoints.all.port", String.valueOf(freePort()));
        return props;
    }

    /** Stops the broker application (connections drop, nothing is accepted) until {@link #startBroker()}. */
    public static void stopBroker() {
        brokerCtl("stop_app");
    }

    public static void startBroker() {
        brokerCtl("start_app");
        brokerCtl("await_startup");
    }

    private static void brokerCtl(String command) {
        Rabbit r = rabbit();
        try {
            if (r.container() != null) {
                var result = r.container().execInContainer("rabbitmqctl", command);
                if (result.getExitCode() != 0) {
                    throw new IllegalStateException("rabbitmqctl " + command + ": " + result.getStderr());
                }
            } else {
                Process p = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("rabbitmqctl " + command + ": " + out);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET on the RabbitMQ management API (JSON), e.g. the connections of a vhost. */
    public static String managementGet(String path) {
        return management("GET", path, null);
    }

    static String management(String method, String path, String body) {
        Rabbit r = rabbit();
        String auth = Base64.getEncoder().encodeToString((r.user() + ":" + r.password()).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create("http://" + r.host() + ":" + r.httpPort() + path))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json").timeout(java.time.Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("RabbitMQ management " + method + " " + path + ": "
                        + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("RabbitMQ management API unreachable: " + NO_SERVERS, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A port nobody listens on right now, for a listener that is bound later (the management port, a child process).
     * It lies below the kernel's ephemeral range: a port from {@code ServerSocket(0)} is free only until the next
     * outgoing connection (a pooled JDBC connection of the very context about to bind it) or Docker's port publishing
     * takes it as its own, which once failed a CI run with "Address already in use".
     */
    public static int freePort() {
        int below = ephemeralLow();
        int lowest = Math.max(10_000, below - 12_000);
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(lowest, below);
            try (java.net.ServerSocket s = new java.net.ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new java.net.InetSocketAddress(port));
                return port;
            } catch (java.io.IOException inUse) {
                // try another
            }
        }
        throw new IllegalStateException("No free port in " + lowest + ".." + below);
    }

    private static int ephemeralLow() {
        // Files.readString trusts procfs's reported size of 0 and returns a fragment: read the stream to its end.
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            int low = Integer.parseInt(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .trim().split("\\s+")[0]);
            return low > 11_000 ? low : 32768;
        } catch (java.io.IOException | RuntimeException e) {
            return 32768; // Linux's default
        }
    }
}
