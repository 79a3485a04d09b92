package dk.gennemsyn.charts;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Lints and renders charts/gennemsyn with real Helm, and checks what it renders. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartTest {

    static final Path CHART = Path.of("gennemsyn");
    static final Map<String, String> PREFIXES = Map.of(
            "case-intake", "/intake", "assessment", "/assessment", "recommendations", "/recommendations",
            "notifications", "/notifications", "reporting", "/reporting");

    List<Map<String, Object>> docs;

    @BeforeAll
    void render() {
        String rendered = new Helm(CHART).template().withName("gennemsyn")
                .set("auth.jwksUrl", "https://login.example.dk/jwks").call();
        docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(rendered)) {
            if (doc != null) {
                docs.add(cast(doc));
            }
        }
    }

    @Test
    void theChartLintsCleanly() {
        var result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void oneDeploymentAndOneServicePerServiceFromOneTemplate() {
        assertThat(names("Deployment")).containsExactlyInAnyOrderElementsOf(PREFIXES.keySet());
        assertThat(names("Service")).containsExactlyInAnyOrderElementsOf(PREFIXES.keySet());
        assertThat(Files.exists(CHART.resolve("templates/services.yaml"))).isTrue();
    }

    @Test
    void everyContainerIsHardenedAndProbedUnderItsPrefix() {
        for (Map<String, Object> d : of("Deployment")) {
            String name = name(d);
            Map<String, Object> pod = map(map(map(d, "spec"), "template"), "spec");
            assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true);
            assertThat(pod).containsEntry("automountServiceAccountToken", false);
            Map<String, Object> c = cast(((List<?>) pod.get("containers")).get(0));
            Map<String, Object> sc = map(c, "securityContext");
            assertThat(sc).containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false);
            assertThat(map(sc, "capabilities").get("drop")).isEqualTo(List.of("ALL"));
            // Probes and metrics on the management port (the services' endpoints.all.port); no Service routes it.
            assertThat(map(map(c, "readinessProbe"), "httpGet")).containsEntry("path", PREFIXES.get(name) + "/health/readiness")
                    .containsEntry("port", "management");
            assertThat(map(map(c, "livenessProbe"), "httpGet")).containsEntry("path", PREFIXES.get(name) + "/health/liveness")
                    .containsEntry("port", "management");
            assertThat(map(map(c, "startupProbe"), "httpGet")).containsEntry("port", "management");
            assertThat((List<?>) c.get("ports")).map(ChartTest::cast).extracting(p -> p.get("name") + ":" + p.get("containerPort"))
                    .containsExactlyInAnyOrder("http:8080", "management:8081");
            assertThat(((List<?>) c.get("env")).stream().map(ChartTest::cast)
                    .filter(e -> e.get("name").equals("GENNEMSYN_MANAGEMENT_PORT")).map(e -> e.get("value")))
                    .containsExactly("8081");
            assertThat(map(map(map(d, "spec"), "template"), "metadata").get("annotations"))
                    .isEqualTo(Map.of("prometheus.io/scrape", "true", "prometheus.io/path", PREFIXES.get(name) + "/prometheus",
                            "prometheus.io/port", "8081"));
            assertThat(map(map(c, "resources"), "limits")).containsKey("memory");
            assertThat((String) c.get("image")).isEqualTo("gennemsyn/" + name + ":0.1.0-SNAPSHOT");
        }
    }

    @Test
    void productionConfigurationAndSecretsByReferenceOnly() {
        for (Map<String, Object> d : of("Deployment")) {
            Map<String, Object> c = cast(((List<?>) map(map(map(d, "spec"), "template"), "spec").get("containers")).get(0));
            Map<String, Map<String, Object>> env = ((List<?>) c.get("env")).stream().map(ChartTest::cast)
                    .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
            assertThat(env.get("MICRONAUT_ENVIRONMENTS")).containsEntry("value", "prod");
            assertThat(env).doesNotContainKeys("GENNEMSYN_DEV_LOGIN", "GENNEMSYN_DEV_SIGNING_JWK");
            for (String secret : List.of("DB_PASSWORD", "DB_OWNER_PASSWORD", "RABBITMQ_URI")) {
                assertThat(env.get(secret)).as(secret).doesNotContainKey("value").containsKey("valueFrom");
            }
            assertThat(env.get("GENNEMSYN_SERVICE")).containsEntry("value", name(d));
            if (name(d).equals("case-intake")) {
                // The case-number keys come from a secret, never from values.
                for (String secret : List.of("CASE_NUMBER_KEYS", "CASE_NUMBER_CURRENT_KEY", "CASE_NUMBER_LOOKUP_SECRET")) {
                    assertThat(env.get(secret)).as(secret).doesNotContainKey("value").containsKey("valueFrom");
                }
            } else {
                assertThat(env).doesNotContainKey("CASE_NUMBER_KEYS");
            }
            assertThat(env.get("GENNEMSYN_PUBLIC_URL")).containsEntry("value", "https://gennemsyn.example.dk");
            if (name(d).equals("notifications")) {
                // The mail relay from values; its credentials from a secret.
                assertThat(env.get("SMTP_HOST")).containsEntry("value", "smtp.example.dk");
                assertThat(env.get("SMTP_STARTTLS")).containsEntry("value", "true");
                for (String secret : List.of("SMTP_USERNAME", "SMTP_PASSWORD")) {
                    assertThat(env.get(secret)).as(secret).doesNotContainKey("value").containsKey("valueFrom");
                }
            } else {
                assertThat(env).doesNotContainKey("SMTP_PASSWORD");
            }
        }
    }

    @Test
    void eachServiceOnlyAcceptsTrafficFromTheIngressAndMonitoringAndSurvivesANodeDrain() {
        assertThat(names("NetworkPolicy")).containsExactlyInAnyOrderElementsOf(PREFIXES.keySet());
        for (Map<String, Object> np : of("NetworkPolicy")) {
            Map<String, Object> spec = map(np, "spec");
            assertThat(spec.get("policyTypes")).isEqualTo(List.of("Ingress"));
            // The ingress controller reaches the public port only, monitoring the management port only.
            Map<String, String> portByNamespace = new java.util.HashMap<>();
            for (Object r : (List<?>) spec.get("ingress")) {
                Map<String, Object> rule = cast(r);
                List<?> ports = (List<?>) rule.get("ports");
                assertThat(ports).hasSize(1);
                for (Object f : (List<?>) rule.get("from")) {
                    portByNamespace.put((String) map(map(cast(f), "namespaceSelector"), "matchLabels")
                            .get("kubernetes.io/metadata.name"), (String) cast(ports.get(0)).get("port"));
                }
            }
            assertThat(portByNamespace).isEqualTo(Map.of("ingress-nginx", "http", "monitoring", "management"));
        }
        for (Map<String, Object> svc : of("Service")) {
            assertThat((List<?>) map(svc, "spec").get("ports")).map(ChartTest::cast)
                    .extracting(p -> p.get("targetPort")).containsExactly("http");
        }
        assertThat(names("PodDisruptionBudget")).containsExactlyInAnyOrderElementsOf(PREFIXES.keySet());
    }

    @Test
    void oneIngressRoutesEveryPrefixToItsService() {
        List<Map<String, Object>> ingresses = of("Ingress").stream().filter(i -> name(i).equals("gennemsyn")).toList();
        assertThat(ingresses).hasSize(1);
        Map<String, Object> rule = cast(((List<?>) map(ingresses.get(0), "spec").get("rules")).get(0));
        Map<String, String> routes = ((List<?>) map(rule, "http").get("paths")).stream().map(ChartTest::cast)
                .collect(Collectors.toMap(p -> (String) p.get("path"),
                        p -> (String) map(map(p, "backend"), "service").get("name")));
        PREFIXES.forEach((service, prefix) -> assertThat(routes).containsEntry(prefix, service));
    }

    /**
     * Body limits are the same in the ingress, in the services (gennemsyn.limits) and in ./dev.sh run's nginx: forms
     * and JSON 1 MB everywhere, the import's upload routes 200 MB.
     */
    @Test
    void theIngressBodyLimitsAreTheServicesLimits() throws Exception {
        Map<String, Object> platform = cast(new Yaml().load(Files.readString(
                Path.of("..", "services/platform/src/main/resources/gennemsyn-platform.yml")).replace("@swagger-ui.version@", "x")));
        Map<String, Object> intake = cast(new Yaml().load(Files.readString(
                Path.of("..", "services/case-intake/src/main/resources/application.yml"))));
        assertThat(map(map(platform, "gennemsyn"), "limits")).containsEntry("text", "1MB");
        assertThat(map(map(intake, "gennemsyn"), "limits")).containsEntry("upload", "200MB");
        Map<String, Map<String, Object>> byName = of("Ingress").stream().collect(Collectors.toMap(ChartTest::name, i -> i));
        assertThat(map(map(byName.get("gennemsyn"), "metadata"), "annotations"))
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "1m");
        Map<String, Object> uploads = byName.get("gennemsyn-case-intake-uploads");
        assertThat(map(map(uploads, "metadata"), "annotations"))
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "200m");
        Map<String, Object> rule = cast(((List<?>) map(uploads, "spec").get("rules")).get(0));
        assertThat(((List<?>) map(rule, "http").get("paths")).stream().map(p -> (String) cast(p).get("path")))
                .containsExactlyInAnyOrder("/intake/imports", "/intake/api/imports");
        String devSh = Files.readString(Path.of("..", "dev.sh"));
        assertThat(devSh).contains("client_max_body_size 1m;").contains("client_max_body_size 200m;");
    }

    /** One name per service: folder, artifactId, application name, chart key; one prefix: chart and context path. */
    @Test
    void eachServiceHasOneNameEverywhere() throws Exception {
        Path services = Path.of("..", "services");
        for (var e : PREFIXES.entrySet()) {
            Path dir = services.resolve(e.getKey());
            assertThat(Files.readString(dir.resolve("pom.xml"))).contains("<artifactId>" + e.getKey() + "</artifactId>");
            Map<String, Object> app = cast(new Yaml().load(Files.readString(dir.resolve("src/main/resources/application.yml"))));
            Map<String, Object> micronaut = map(app, "micronaut");
            assertThat(map(micronaut, "application")).containsEntry("name", e.getKey());
            assertThat(map(micronaut, "server")).containsEntry("context-path", e.getValue());
        }
        try (Stream<Path> dirs = Files.list(services)) {
            List<String> withApp = dirs.filter(d -> Files.exists(d.resolve("src/main/resources/application.yml")))
                    .map(d -> d.getFileName().toString()).toList();
            assertThat(withApp).containsExactlyInAnyOrderElementsOf(PREFIXES.keySet());
        }
        String skaffold = Files.readString(Path.of("..", "skaffold.yaml"));
        PREFIXES.keySet().forEach(s -> assertThat(skaffold).contains("image: gennemsyn/" + s));
    }

    List<Map<String, Object>> of(String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    List<String> names(String kind) {
        return of(kind).stream().map(ChartTest::name).toList();
    }

    static String name(Map<String, Object> doc) {
        return (String) map(doc, "metadata").get("name");
    }

    static Map<String, Object> map(Map<String, Object> m, String key) {
        return cast(m.get(key));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
