package dk.gennemsyn.charts;

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

/**
 * Lints and renders charts/gennemsyn with the real Helm CLI (default, dev and production values), validates every
 * object against the Kubernetes 1.34 model, and checks what the chart promises (docs/deploy.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartTest {

    static final Path CHART = Path.of("gennemsyn");
    static final Map<String, String> PREFIXES = Map.of(
            "case-intake", "/intake", "assessment", "/assessment", "recommendations", "/recommendations",
            "notifications", "/notifications", "reporting", "/reporting");

    static final List<String> VALUES_FILES = List.of("values.yaml", "values-dev.yaml", "values-production.yaml");

    List<Map<String, Object>> docs;

    @BeforeAll
    void render() {
        docs = render(CHART, "--set", "auth.jwksUrl=https://login.example.dk/jwks");
    }

    static List<Map<String, Object>> render(Path chart, String... args) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(HelmCli.template(chart, args))) {
            if (doc != null) {
                out.add(cast(doc));
            }
        }
        return out;
    }

    static List<Map<String, Object>> production(String... more) {
        List<String> args = new ArrayList<>(List.of("-f", CHART.resolve("values-production.yaml").toString()));
        args.addAll(List.of(more));
        return render(CHART, args.toArray(String[]::new));
    }

    @Test
    void theChartLintsStrictlyWithEveryValuesFile() {
        for (String values : VALUES_FILES) {
            var r = HelmCli.run("lint", "--strict", CHART.toString(), "-f", CHART.resolve(values).toString(),
                    "--set", "auth.jwksUrl=https://login.example.dk/jwks");
            assertThat(r.exit()).as(values + ":\n" + r.out() + r.err()).isZero();
            assertThat(r.out()).contains("0 chart(s) failed");
        }
    }

    @Test
    void everyRenderedObjectIsAValidKubernetes134Object() {
        for (String values : VALUES_FILES) {
            List<Map<String, Object>> rendered = render(CHART, "-f", CHART.resolve(values).toString(),
                    "--set", "auth.jwksUrl=https://login.example.dk/jwks");
            assertThat(rendered).hasSizeGreaterThan(20);
            List<String> problems = new ArrayList<>();
            for (Map<String, Object> doc : rendered) {
                if (KubernetesSchema.covers(doc)) {
                    problems.addAll(KubernetesSchema.problems(doc));
                }
            }
            assertThat(problems).as(values).isEmpty();
        }
    }

    /** The validation can fail: a misspelt field and a wrong enumeration value in a copy of the templates. */
    @Test
    void aTypoInATemplateFailsTheValidation(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Map<String, String> typos = Map.of("readinessProbe:", "readinesProbe:", "whenUnsatisfiable: ScheduleAnyway",
                "whenUnsatisfiable: ScheduleAnyhow", "imagePullPolicy: {{ $root.Values.image.pullPolicy }}",
                "imagePullPolicy: {{ $root.Values.image.pullPolicy }}ly");
        for (var typo : typos.entrySet()) {
            Path copy = tmp.resolve(String.valueOf(Math.abs(typo.getKey().hashCode())));
            copyChart(CHART, copy);
            Path services = copy.resolve("templates/services.yaml");
            String template = Files.readString(services);
            assertThat(template).contains(typo.getKey());
            Files.writeString(services, template.replace(typo.getKey(), typo.getValue()));
            List<String> problems = render(copy, "--set", "auth.jwksUrl=https://x").stream()
                    .filter(KubernetesSchema::covers).flatMap(d -> KubernetesSchema.problems(d).stream()).toList();
            assertThat(problems).as(typo.getValue()).isNotEmpty();
            assertThat(String.join("\n", problems)).contains(typo.getValue().replaceAll("[:{].*", "").trim());
        }
    }

    @Test
    void theValuesSchemaRefusesWrongValuesWithClearMessages() {
        Map<String, String> wrong = new java.util.LinkedHashMap<>();
        wrong.put("database.port=abc", "/database/port");
        wrong.put("ingres.host=x", "ingres");
        wrong.put("image.digests.case-intake=latest", "/image/digests/case-intake");
        wrong.put("image.pullPolicy=Sometimes", "/image/pullPolicy");
        wrong.put("defaults.autoscaling.enabled=maybe", "/defaults/autoscaling/enabled");
        wrong.put("services.case-intake.prefix=intake", "/services/case-intake/prefix");
        for (var w : wrong.entrySet()) {
            var r = HelmCli.run("template", "gennemsyn", CHART.toString(), "--set", w.getKey());
            assertThat(r.exit()).as(w.getKey()).isNotZero();
            assertThat(r.err()).as(w.getKey()).contains(w.getValue());
        }
    }

    @Test
    void notesSayWhatToDoAfterInstall() {
        var r = HelmCli.run("install", "gennemsyn", CHART.toString(), "--dry-run=client",
                "--set", "auth.jwksUrl=https://login.example.dk/jwks");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("NOTES:").contains("rollout status deployment -l app.kubernetes.io/part-of=gennemsyn")
                .contains("https://gennemsyn.example.dk/intake/").contains("logs job/case-intake-migrate");
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

    /**
     * The JVM options each pod gets (JAVA_TOOL_OPTIONS) start a JVM of the JDK the images are built on (17): an option
     * this JDK does not know would stop every pod at start, which no template check sees.
     */
    @Test
    void everyPodsJvmOptionsStartAJvm() throws Exception {
        java.util.Set<String> options = new java.util.TreeSet<>();
        for (Map<String, Object> d : of("Deployment")) {
            Map<String, Object> c = cast(((List<?>) map(map(map(d, "spec"), "template"), "spec").get("containers")).get(0));
            ((List<?>) c.get("env")).stream().map(ChartTest::cast).filter(e -> e.get("name").equals("JAVA_TOOL_OPTIONS"))
                    .forEach(e -> options.add((String) e.get("value")));
        }
        assertThat(options).as("every Deployment sets JAVA_TOOL_OPTIONS").isNotEmpty();
        for (String o : options) {
            List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:MaxRAM=512m"));
            cmd.addAll(List.of(o.trim().split("\\s+")));
            cmd.add("-version");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(o + ":\n" + output).isZero();
            assertThat(output).as(o).doesNotContain("Unrecognized", "Ignoring option");
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
            for (String secret : List.of("DB_PASSWORD", "RABBITMQ_URI")) {
                assertThat(env.get(secret)).as(secret).doesNotContainKey("value").containsKey("valueFrom");
            }
            // No traces leave the pod unless tracing.otlpEndpoint is set.
            assertThat(env).doesNotContainKey("OTEL_TRACES_EXPORTER");
            // Only the migration Job holds the owner's password: no serving pod references the owner's secret at all.
            assertThat(env).doesNotContainKey("DB_OWNER_PASSWORD");
            assertThat(env.values()).noneMatch(e -> e.containsKey("valueFrom") && String.valueOf(e.get("valueFrom")).contains("-owner"));
            assertThat(env.get("GENNEMSYN_MIGRATE_AT_START")).containsEntry("value", "false");
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

    @Test
    void migrationsRunAsAHookJobPerServiceWithTheOwnerPasswordOnlyThere() {
        assertThat(names("Job")).containsExactlyInAnyOrderElementsOf(
                PREFIXES.keySet().stream().map(s -> s + "-migrate").toList());
        for (Map<String, Object> job : of("Job")) {
            String service = name(job).replace("-migrate", "");
            assertThat(map(map(job, "metadata"), "annotations")).containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                    .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
            Map<String, Object> pod = map(map(map(job, "spec"), "template"), "spec");
            assertThat(pod).containsEntry("restartPolicy", "Never").containsEntry("automountServiceAccountToken", false);
            Map<String, Object> c = container(pod);
            assertThat(c.get("args")).isEqualTo(List.of("migrate"));
            assertThat((String) c.get("image")).isEqualTo("gennemsyn/" + service + ":0.1.0-SNAPSHOT");
            Map<String, Map<String, Object>> env = env(c);
            // The owner's password in a secret of its own, which no serving pod references.
            assertThat(map(map(env.get("DB_OWNER_PASSWORD"), "valueFrom"), "secretKeyRef"))
                    .containsEntry("name", "gennemsyn-db-" + service + "-owner").containsEntry("key", "password");
            assertThat(map(map(env.get("DB_PASSWORD"), "valueFrom"), "secretKeyRef"))
                    .containsEntry("name", "gennemsyn-db-" + service);
            assertThat(env).doesNotContainKeys("RABBITMQ_URI", "CASE_NUMBER_KEYS", "SMTP_PASSWORD");
            assertThat(map(c, "securityContext")).containsEntry("readOnlyRootFilesystem", true);
        }
        // With the Job switched off the pods migrate at start, and only then hold the owner's password.
        for (Map<String, Object> d : render(CHART, "--set", "migrations.enabled=false").stream()
                .filter(x -> "Deployment".equals(x.get("kind"))).toList()) {
            Map<String, Map<String, Object>> env = env(container(podSpec(d)));
            assertThat(env).containsKey("DB_OWNER_PASSWORD");
            assertThat(env.get("GENNEMSYN_MIGRATE_AT_START")).containsEntry("value", "true");
        }
    }

    /** SIGTERM: preStop pause, Micronaut's graceful drain, then Kubernetes' kill only after both. */
    @Test
    void podsShutDownGracefullyWithinTheirTerminationGracePeriod() throws Exception {
        for (Map<String, Object> d : of("Deployment")) {
            Map<String, Object> pod = podSpec(d);
            Map<String, Object> c = container(pod);
            List<?> preStopCommand = (List<?>) map(map(map(c, "lifecycle"), "preStop"), "exec").get("command");
            assertThat(preStopCommand.get(0)).isEqualTo("sleep");
            int preStop = Integer.parseInt((String) preStopCommand.get(1));
            String grace = (String) env(c).get("GENNEMSYN_GRACE_PERIOD").get("value");
            int drain = Integer.parseInt(grace.replace("s", ""));
            assertThat(preStop).isPositive();
            assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan(preStop + drain + 10);
            // Readiness follows the database only and liveness neither (HealthProbesTest); the first start fits.
            Map<String, Object> startup = map(c, "startupProbe");
            assertThat((Integer) startup.get("periodSeconds") * (Integer) startup.get("failureThreshold")).isBetween(60, 180);
            assertThat(map(map(d, "spec"), "strategy").get("rollingUpdate")).isEqualTo(Map.of("maxUnavailable", 0, "maxSurge", 1));
        }
        String platform = Files.readString(Path.of("..", "services/platform/src/main/resources/gennemsyn-platform.yml"));
        assertThat(platform).contains("graceful-shutdown:\n      enabled: true\n      grace-period: ${GENNEMSYN_GRACE_PERIOD:20s}");
    }

    @Test
    void uploadsHaveRoomInTmpAndTimeToArrive() {
        Map<String, Object> intake = of("Deployment").stream().filter(d -> name(d).equals("case-intake")).findFirst().orElseThrow();
        Map<String, Object> uploadsVolume = ((List<?>) podSpec(intake).get("volumes")).stream().map(ChartTest::cast)
                .filter(v -> v.get("name").equals("uploads")).findFirst().orElseThrow();
        String size = (String) map(uploadsVolume, "emptyDir").get("sizeLimit");
        // Waiting files up to 600 MB (gennemsyn.imports.max-waiting-bytes) and one 200 MB upload arriving, on
        // disk (no medium: Memory).
        assertThat(size).as("uploads volume").isEqualTo("1Gi");
        assertThat(map(uploadsVolume, "emptyDir")).doesNotContainKey("medium");
        Map<String, Object> c = container(podSpec(intake));
        assertThat(env(c).get("GENNEMSYN_UPLOAD_DIR")).containsEntry("value", "/var/lib/gennemsyn/uploads");
        assertThat(((List<?>) c.get("volumeMounts")).stream().map(ChartTest::cast).map(m -> m.get("name") + ":" + m.get("mountPath")))
                .contains("uploads:/var/lib/gennemsyn/uploads");
        of("Deployment").stream().filter(d -> !name(d).equals("case-intake"))
                .forEach(d -> assertThat(env(container(podSpec(d)))).doesNotContainKey("GENNEMSYN_UPLOAD_DIR"));
        Map<String, Object> uploads = of("Ingress").stream().filter(i -> name(i).equals("gennemsyn-case-intake-uploads"))
                .findFirst().orElseThrow();
        assertThat(map(map(uploads, "metadata"), "annotations"))
                .containsEntry("nginx.ingress.kubernetes.io/proxy-request-buffering", "off")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "600");
    }

    @Test
    void eachServiceScalesOnCpuSpreadsOverZonesAndNodesAndHasItsOwnAccount() {
        assertThat(names("HorizontalPodAutoscaler")).containsExactlyInAnyOrderElementsOf(PREFIXES.keySet());
        for (Map<String, Object> hpa : of("HorizontalPodAutoscaler")) {
            assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
            Map<String, Object> spec = map(hpa, "spec");
            assertThat(map(spec, "scaleTargetRef")).containsEntry("kind", "Deployment").containsEntry("name", name(hpa));
            assertThat((Integer) spec.get("minReplicas")).isGreaterThanOrEqualTo(2);
            Map<String, Object> resource = map(cast(((List<?>) spec.get("metrics")).get(0)), "resource");
            assertThat(resource).containsEntry("name", "cpu");
        }
        assertThat(names("ServiceAccount")).containsExactlyInAnyOrderElementsOf(PREFIXES.keySet());
        of("ServiceAccount").forEach(sa -> assertThat(sa).containsEntry("automountServiceAccountToken", false));
        for (Map<String, Object> d : of("Deployment")) {
            // The autoscaler owns the replica count: a helm upgrade must not reset it.
            assertThat(map(d, "spec")).doesNotContainKey("replicas");
            Map<String, Object> pod = podSpec(d);
            assertThat(pod).containsEntry("serviceAccountName", name(d));
            assertThat(((List<?>) pod.get("topologySpreadConstraints")).stream().map(ChartTest::cast).map(t -> t.get("topologyKey")))
                    .containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        }
        // The dev values: one replica, no autoscaler, no PDB that would block a laptop's node drain.
        List<Map<String, Object>> dev = render(CHART, "-f", CHART.resolve("values-dev.yaml").toString());
        assertThat(dev).noneMatch(d -> "HorizontalPodAutoscaler".equals(d.get("kind")) || "PodDisruptionBudget".equals(d.get("kind")));
        dev.stream().filter(d -> "Deployment".equals(d.get("kind"))).forEach(d -> assertThat(map(d, "spec")).containsEntry("replicas", 1));
    }

    @Test
    void productionValuesVerifyTlsToPostgresqlAndRabbitmqAndPinImages() {
        String digest = "sha256:" + "ab".repeat(32);
        List<Map<String, Object>> prod = production("--set", "image.digests.case-intake=" + digest);
        for (Map<String, Object> d : prod.stream().filter(x -> "Deployment".equals(x.get("kind")) || "Job".equals(x.get("kind"))).toList()) {
            Map<String, Object> pod = podSpec(d);
            Map<String, Object> c = container(pod);
            Map<String, Map<String, Object>> env = env(c);
            assertThat(env.get("DB_URL_OPTIONS")).containsEntry("value", "?sslmode=verify-full&sslrootcert=/etc/gennemsyn/db-ca/ca.crt");
            assertThat(env.get("DB_HOST")).containsEntry("value", "gennemsyn-db-rw.gennemsyn-data.svc");
            assertThat(((List<?>) c.get("volumeMounts")).stream().map(ChartTest::cast).map(m -> m.get("mountPath")))
                    .contains("/etc/gennemsyn/db-ca");
            assertThat(pod.get("imagePullSecrets")).isEqualTo(List.of(Map.of("name", "registry-credentials")));
            String service = name(d).replace("-migrate", "");
            assertThat((String) c.get("image")).isEqualTo(service.equals("case-intake")
                    ? "registry.example.dk/gennemsyn/case-intake@" + digest : "registry.example.dk/gennemsyn/" + service + ":0.1.0-SNAPSHOT");
            if ("Deployment".equals(d.get("kind"))) {
                assertThat(env.get("RABBITMQ_CA_FILE")).containsEntry("value", "/etc/gennemsyn/rabbitmq-ca/ca.crt");
                // Traces to the collector, one in ten new traces kept.
                assertThat(env.get("OTEL_TRACES_EXPORTER")).containsEntry("value", "otlp");
                assertThat(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")).containsEntry("value", "http://otel-collector.monitoring.svc:4318");
                assertThat(env.get("OTEL_TRACES_SAMPLER_ARG")).containsEntry("value", "0.1");
            }
        }
    }

    /** Optional Prometheus Operator objects: scrape the management port; alert on metrics the services really export. */
    @Test
    void monitoringObjectsScrapeTheManagementPortAndAlertOnExportedMetrics() throws Exception {
        assertThat(names("ServiceMonitor")).isEmpty();
        List<Map<String, Object>> prod = production();
        List<Map<String, Object>> monitors = prod.stream().filter(d -> "ServiceMonitor".equals(d.get("kind"))).toList();
        assertThat(monitors).hasSize(5);
        for (Map<String, Object> m : monitors) {
            Map<String, Object> endpoint = cast(((List<?>) map(m, "spec").get("endpoints")).get(0));
            assertThat(endpoint).containsEntry("port", "management").containsEntry("path", PREFIXES.get(name(m)) + "/prometheus");
        }
        for (Map<String, Object> svc : prod.stream().filter(d -> "Service".equals(d.get("kind")) && name(d).endsWith("-metrics")).toList()) {
            assertThat(map(svc, "spec")).containsEntry("clusterIP", "None");
        }
        assertThat(prod.stream().filter(d -> "Ingress".equals(d.get("kind")))
                .flatMap(i -> ((List<?>) map(cast(((List<?>) map(i, "spec").get("rules")).get(0)), "http").get("paths")).stream())
                .map(p -> (String) map(map(cast(p), "backend"), "service").get("name"))).noneMatch(n -> n.endsWith("-metrics"));
        Map<String, Object> rule = prod.stream().filter(d -> "PrometheusRule".equals(d.get("kind"))).findFirst().orElseThrow();
        List<Map<String, Object>> alerts = ((List<?>) cast(((List<?>) map(rule, "spec").get("groups")).get(0)).get("rules"))
                .stream().map(ChartTest::cast).toList();
        assertThat(alerts).extracting(a -> a.get("alert"))
                .containsExactlyInAnyOrder("GennemsynDeadLetters", "GennemsynRelayLag", "GennemsynConsumerFailures");
        String sources = Files.readString(Path.of("..", "services/platform/src/main/java/dk/gennemsyn/platform/events/DeadLetters.java"))
                + Files.readString(Path.of("..", "services/platform/src/main/java/dk/gennemsyn/platform/events/OutboxRelay.java"))
                + Files.readString(Path.of("..", "services/platform/src/main/java/dk/gennemsyn/platform/events/ConsumerMeters.java"));
        for (Map<String, Object> a : alerts) {
            var metrics = java.util.regex.Pattern.compile("gennemsyn_[a-z_]+").matcher((String) a.get("expr"));
            int found = 0;
            while (metrics.find()) {
                String meter = metrics.group().replace("_total", "");
                // Prometheus names: dots become underscores; the meter keeps "dead_letters" as one word.
                boolean exported = java.util.stream.Stream.of(meter.replace('_', '.'), meter.replaceFirst("^gennemsyn_", "gennemsyn.")
                        .replace("_depth", ".depth"), meter.replace("gennemsyn_outbox_lag_seconds", "gennemsyn.outbox.lag.seconds"))
                        .anyMatch(n -> sources.contains("\"" + n + "\""));
                assertThat(exported).as(meter + " in " + a.get("alert")).isTrue();
                found++;
            }
            assertThat(found).isPositive();
        }
    }

    /** skaffold builds exactly the images the chart names, and hands each one to its service. */
    @Test
    void skaffoldBuildsExactlyTheImagesTheChartNames() throws Exception {
        Map<String, Object> skaffold = cast(new Yaml().load(Files.readString(Path.of("..", "skaffold.yaml"))));
        List<String> built = ((List<?>) map(skaffold, "build").get("artifacts")).stream()
                .map(a -> (String) cast(a).get("image")).toList();
        List<String> named = of("Deployment").stream().map(d -> ((String) container(podSpec(d)).get("image")).replaceAll(":[^/]*$", ""))
                .toList();
        assertThat(built).containsExactlyInAnyOrderElementsOf(named);
        List<Map<String, Object>> releases = ((List<?>) map(map(skaffold, "manifests"), "helm").get("releases")).stream()
                .map(ChartTest::cast).toList();
        // The development backing (databases, broker, secrets) first and waited for, then Gennemsyn.
        assertThat(releases).extracting(r -> r.get("name")).containsExactly("gennemsyn-dev", "gennemsyn");
        assertThat(releases.get(0)).containsEntry("chartPath", "charts/gennemsyn-dev").containsEntry("wait", true);
        assertThat(releases.get(1).get("valuesFiles")).isEqualTo(List.of("charts/gennemsyn/values-dev.yaml"));
        Map<String, Object> set = map(releases.get(1), "setValueTemplates");
        for (String service : PREFIXES.keySet()) {
            assertThat(set).containsEntry("services." + service + ".image",
                    "{{.IMAGE_FULLY_QUALIFIED_gennemsyn_" + service.replace('-', '_') + "}}");
        }
    }

    /**
     * The laptop cluster: charts/gennemsyn-dev makes every secret charts/gennemsyn references (dev values), the two
     * servers under the names it expects, and the databases before the migration Jobs; all valid Kubernetes objects.
     */
    @Test
    void theDevelopmentChartProvidesEverythingTheDevValuesReference() {
        List<Map<String, Object>> backing = render(Path.of("gennemsyn-dev"));
        List<String> problems = backing.stream().flatMap(d -> KubernetesSchema.problems(d).stream()).toList();
        assertThat(problems).isEmpty();
        assertThat(HelmCli.run("lint", "--strict", "gennemsyn-dev").exit()).isZero();
        Map<String, List<String>> secretKeys = backing.stream().filter(d -> "Secret".equals(d.get("kind")))
                .collect(Collectors.toMap(ChartTest::name, d -> List.copyOf(map(d, "stringData").keySet())));
        List<Map<String, Object>> dev = render(CHART, "-f", CHART.resolve("values-dev.yaml").toString());
        for (Map<String, Object> d : dev.stream().filter(x -> "Deployment".equals(x.get("kind")) || "Job".equals(x.get("kind"))).toList()) {
            for (Map<String, Object> e : env(container(podSpec(d))).values()) {
                if (e.containsKey("valueFrom")) {
                    Map<String, Object> ref = map(map(e, "valueFrom"), "secretKeyRef");
                    assertThat(secretKeys.get((String) ref.get("name"))).as(name(d) + " " + ref).contains((String) ref.get("key"));
                }
            }
            if ("Deployment".equals(d.get("kind"))) {
                Map<String, Map<String, Object>> env = env(container(podSpec(d)));
                assertThat(env.get("MICRONAUT_ENVIRONMENTS")).containsEntry("value", "dev");
                assertThat(env.get("GENNEMSYN_DEV_LOGIN")).containsEntry("value", "true");
                assertThat(env.get("GENNEMSYN_PUBLIC_URL")).containsEntry("value", "http://gennemsyn.localhost");
            }
        }
        assertThat(backing.stream().filter(d -> "Service".equals(d.get("kind"))).map(ChartTest::name))
                .containsExactlyInAnyOrder("postgresql", "rabbitmq");
        Map<String, Object> databases = backing.stream().filter(d -> "Job".equals(d.get("kind"))).findFirst().orElseThrow();
        assertThat(map(map(databases, "metadata"), "annotations")).containsEntry("helm.sh/hook", "post-install,post-upgrade");
        String script = (String) ((List<?>) container(podSpec(databases)).get("args")).get(0);
        PREFIXES.keySet().forEach(s -> assertThat(script).contains("create role \"" + s + "\" login nosuperuser nobypassrls")
                .contains("create database \"" + s + "\" owner \"" + s + "-owner\""));
        // Never the development sign-in outside a localhost host.
        var r = HelmCli.run("template", "gennemsyn", CHART.toString(), "--set", "devSignIn.enabled=true");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("/ingress/host");
    }

    static void copyChart(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload, "spec"), "template"), "spec");
    }

    static Map<String, Object> container(Map<String, Object> podSpec) {
        return cast(((List<?>) podSpec.get("containers")).get(0));
    }

    static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        return ((List<?>) container.get("env")).stream().map(ChartTest::cast)
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));
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
