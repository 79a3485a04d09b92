package dk.gennemsyn.systemtests;

import dk.gennemsyn.testsupport.TestTokens;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./dev.sh bench api [rate=300] [seconds=60] [runs=5] [warmup=600] [cases=10000]}: the five services behind nginx
 * on one origin, as the quick start runs them (each service's JVM with the heap the chart gives it), three
 * municipalities with {@code cases} cases each, an open review of 200 sampled cases, assessments and recommendations.
 * An open-loop generator sends {@code rate} requests/s, 80 % reads and 20 % writes, as staff, reviewers and the
 * steering group do; each latency is counted from the request's scheduled send time, so a stalled server cannot hide
 * its queue (no coordinated omission). Meanwhile a reviewer raises an urgent concern every second and the time to the
 * alert e-mail is measured. Prints per run: HdrHistogram percentiles, errors by status, the alert's p50/p99; at the end
 * each service's resident memory and the stack's start-up time. {@code jfr=DIR} records the measured runs with Flight
 * Recorder, one file per service.
 */
public final class ApiLoadBenchmark {

    record Tenant(String code, String review, List<String> cases, List<String> assignments, String projektleder,
                  String reviewer, String styregruppe, String tovholder) {
    }

    /** The tovholders' mail domain. */
    private static final String ALERTS = "alerts.example";

    private final RunningSystem system;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Tenant> tenants = new ArrayList<>();
    /** The newest ETag of each assignment, and whether a save of it is in flight (saves of one assignment chain). */
    private final Map<String, String> assignmentEtags = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> freeAssignments = new ConcurrentLinkedQueue<>();
    /** The alert thread's view of the tovholder's mailbox (only that thread reads it). */
    private int seenMailboxSize = -1;
    private int seenAlerts;
    private final AtomicInteger alertFailures = new AtomicInteger();

    private ApiLoadBenchmark(RunningSystem system) {
        this.system = system;
    }

    public static void main(String[] args) throws Exception {
        // The HTTP client hands every response to CompletableFuture's default pool, which on 2 cores (common pool
        // parallelism 1) is a new thread per task: a thread started per request took most of the generator's CPU.
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        if (java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() < 2) {
            throw new IllegalStateException("the common pool started before its parallelism was set");
        }
        Map<String, String> opts = dk.gennemsyn.testsupport.BenchmarkArgs.parse(args);
        int rate = Integer.parseInt(opts.getOrDefault("rate", "300"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "60"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
        // Ten minutes: on two cores C2 still took a quarter of each service's CPU three minutes into the load, and a
        // pod runs for days. After 600 s it had settled, and each request cost half the services' CPU.
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "600"));
        int cases = Integer.parseInt(opts.getOrDefault("cases", "10000"));
        // As the chart's pods run them; jvm="..." tries other options in the same memory limit.
        List<String> jvm = opts.containsKey("jvm") ? RunningSystem.podJvm(opts.get("jvm")) : RunningSystem.podJvm();
        System.out.println("API: each service's JVM: " + String.join(" ", jvm));
        try (RunningSystem system = new RunningSystem(jvm)) {
            System.out.printf("API: the stack was ready %.1f s after its five services were started%n", system.startupSeconds);
            ApiLoadBenchmark bench = new ApiLoadBenchmark(system);
            long t0 = System.nanoTime();
            for (String code : List.of("0250", "0330", "0573")) {
                bench.tenants.add(bench.seed(code, cases));
            }
            System.out.printf("API: seeded 3 municipalities with %d cases each in %.0f s%n", cases, (System.nanoTime() - t0) / 1e9);
            // Ramped: at full rate at once, the JIT compilers get no CPU and the first measured runs only drain the
            // warm-up's queue (seen: p99 7 s, 0.8 s, 0.3 s, 93 ms, 64 ms in five runs after 20 s at 300/s).
            System.out.printf("API: warm-up, %d s ramped up to %d requests/s%n", warmup, rate);
            for (int step = 1; step <= 3; step++) {
                bench.load(Math.max(1, rate * step / 3), Math.max(1, warmup / 3), false);
            }
            if (opts.containsKey("jfr")) { // profile the measured runs: one flight recording per service
                Path dir = Files.createDirectories(Path.of(opts.get("jfr")).toAbsolutePath());
                Map<Long, String> pids = new java.util.LinkedHashMap<>(system.pidsByService());
                pids.put(ProcessHandle.current().pid(), "load-generator");
                for (var e : pids.entrySet()) {
                    new ProcessBuilder("jcmd", String.valueOf(e.getKey()), "JFR.start", "settings=profile",
                            "duration=" + (runs * seconds) + "s", "filename=" + dir.resolve(e.getValue() + ".jfr"))
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                }
            }
            List<double[]> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                System.out.printf("API: run %d of %d, %d s at %d requests/s%n", run, runs, seconds, rate);
                results.add(bench.load(rate, seconds, true));
            }
            double[] p99s = results.stream().mapToDouble(r -> r[1]).sorted().toArray();
            double[] alerts = results.stream().mapToDouble(r -> r[3]).sorted().toArray();
            long errors = results.stream().mapToLong(r -> (long) r[2]).sum();
            System.out.printf("RESULT api %d req/s mixed: p99 over %d runs min %.1f / median %.1f / max %.1f ms; errors %d; "
                            + "urgent alert p99 min %.0f / median %.0f / max %.0f ms, %d alerts failed%n", rate, runs, p99s[0],
                    p99s[p99s.length / 2], p99s[p99s.length - 1], errors, alerts[0], alerts[alerts.length / 2],
                    alerts[alerts.length - 1], bench.alertFailures.get());
            long total = 0;
            StringBuilder rss = new StringBuilder();
            for (var e : system.rssMiB().entrySet()) {
                rss.append(e.getKey()).append(' ').append(e.getValue()).append(" MiB, ");
                total += e.getValue();
            }
            System.out.printf("RESULT memory after load (RSS): %stotal %d MiB%n", rss, total);
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Seeding

    private Tenant seed(String code, int cases) throws Exception {
        String pl = TestTokens.sign(TestTokens.claims(code, "projektleder").subject("pl-" + code).build());
        String reviewer = TestTokens.sign(TestTokens.claims(code, "reviewer").subject("rev-" + code).build());
        String styregruppe = TestTokens.sign(TestTokens.claims(code, "styregruppe").subject("sg-" + code).build());
        String tovholder = TestTokens.sign(TestTokens.claims(code, "tovholder").subject("tov-" + code).build());
        ok(pl, "GET", "/assessment/api/instruments", null); // seeds the shipped instruments
        Matcher im = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"family\":\"[^\"]*\",\"version\":1,"
                + "\"name\":\"Halsnæs-parametrene\"").matcher(ok(pl, "GET", "/assessment/api/instruments", null));
        if (!im.find()) {
            throw new IllegalStateException("no Halsnæs instrument");
        }
        importCases(pl, code, cases);
        String review = Api.id(ok(pl, "POST", "/intake/api/reviews",
                "{\"title\":\"Belastning " + code + "\",\"instrumentId\":\"" + im.group(1) + "\"}"));
        ok(pl, "POST", "/intake/api/reviews/" + review + "/people", "{\"userId\":\"rev-" + code + "\",\"name\":\"Gennemgår\","
                + "\"role\":\"reviewer\",\"organisation\":\"KL\",\"email\":\"rev-" + code + "@konsulent.example\","
                + "\"accessTo\":\"2030-01-01T00:00:00Z\"}");
        ok(pl, "POST", "/intake/api/reviews/" + review + "/people", "{\"userId\":\"tov-" + code + "\",\"name\":\"Tovholder\","
                + "\"role\":\"tovholder\",\"email\":\"tov-" + code + "@" + ALERTS + "\"}");
        ok(pl, "POST", "/intake/api/reviews/" + review + "/people", "{\"userId\":\"sg-" + code + "\",\"name\":\"Styregruppe\","
                + "\"role\":\"styregruppe\",\"email\":\"sg-" + code + "@kommune.example\"}");
        for (String tier : List.of("screening", "deep")) {
            ok(pl, "POST", "/intake/api/reviews/" + review + "/samplings",
                    "{\"tier\":\"" + tier + "\",\"method\":\"simple\",\"size\":200,\"seed\":1}");
        }
        List<String> assignments = List.of();
        long deadline = System.currentTimeMillis() + 180_000;
        while (assignments.size() < 200) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(code + ": only " + assignments.size() + " of 200 cases assigned");
            }
            Thread.sleep(500);
            call(pl, "POST", "/assessment/api/reviews/" + review + "/assignments", "", null); // refused until known
            assignments = Api.ids(ok(reviewer, "GET", "/assessment/api/assignments?size=200", null));
        }
        for (String a : assignments) {
            assignmentEtags.put(a, call(reviewer, "GET", "/assessment/api/assignments/" + a, null, null).etag());
            freeAssignments.add(a);
        }
        // Recommendations learn of the review through events.
        deadline = System.currentTimeMillis() + 60_000;
        while (call(pl, "GET", "/recommendations/api/reviews/" + review + "/recommendations", null, null).status() != 200) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(code + ": recommendations never learnt of the review");
            }
            Thread.sleep(500);
        }
        for (int i = 0; i < 300; i++) {
            ok(pl, "POST", "/recommendations/api/reviews/" + review + "/recommendations",
                    "{\"title\":\"Anbefaling " + i + "\",\"body\":\"Begrundelse\",\"theme\":\"inddragelse\"}");
        }
        List<String> caseIds = new ArrayList<>();
        for (int page = 0; page < 10; page++) {
            caseIds.addAll(Api.ids(ok(pl, "GET", "/intake/api/cases?size=200&page=" + page, null)));
        }
        return new Tenant(code, review, caseIds, assignments, pl, reviewer, styregruppe, tovholder);
    }

    private void importCases(String token, String code, int cases) throws Exception {
        StringBuilder csv = new StringBuilder("sagsnummer;sagstype;fødselsår;team;rådgiver;hændelse;dato\n");
        String[] types = {"forebyggende", "anbringelse", "underretning", "handicap", "efterværn"};
        for (int i = 0; i < cases; i++) {
            String no = code + "-" + i;
            String common = no + ";" + types[i % types.length] + ";" + (2008 + i % 15) + ";Team " + (i % 4 + 1)
                    + ";Medarbejder " + (i % 40) + ";";
            csv.append(common).append("underretning_modtaget;2024-0").append(1 + i % 9).append("-1").append(i % 9).append('\n');
            csv.append(common).append("bfu_startet;2024-0").append(1 + i % 9).append("-2").append(i % 9).append('\n');
        }
        Api api = new Api(system, token);
        api.awaitImport(api.startImport(csv.toString()), Duration.ofMinutes(5));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Load

    /** One request of the mix: method, path, body (null for none), token, and the assignment it saves, if any. */
    private record Call(String method, String path, String body, String token, String assignment) {
    }

    private Call next(Random r) {
        Tenant t = tenants.get(r.nextInt(tenants.size()));
        int pick = r.nextInt(100);
        String someCase = t.cases().get(r.nextInt(t.cases().size()));
        if (pick < 18) {
            return new Call("GET", "/intake/api/cases?size=50&page=" + r.nextInt(t.cases().size() / 50), null, t.projektleder(), null);
        } else if (pick < 30) {
            return new Call("GET", "/intake/api/cases/" + someCase, null, t.projektleder(), null);
        } else if (pick < 38) {
            return new Call("GET", "/intake/cases?page=" + r.nextInt(20), null, t.tovholder(), null);
        } else if (pick < 48) {
            return new Call("GET", "/recommendations/api/reviews/" + t.review() + "/recommendations?page=0&size=50", null,
                    t.styregruppe(), null);
        } else if (pick < 58) {
            return new Call("GET", "/reporting/api/reviews/" + t.review() + "/overview?page=" + r.nextInt(4) + "&size=50",
                    null, t.projektleder(), null); // the steering group sees figures, not the case-by-case overview
        } else if (pick < 66) {
            return new Call("GET", "/assessment/api/assignments?page=" + r.nextInt(4) + "&size=50", null, t.reviewer(), null);
        } else if (pick < 74) {
            return new Call("GET", "/notifications/api/inbox?page=0&size=50", null, t.tovholder(), null);
        } else if (pick < 80) {
            return new Call("GET", "/reporting/reviews/" + t.review(), null, t.tovholder(), null);
        } else if (pick < 85) {
            return new Call("POST", "/intake/api/cases", "{\"caseType\":\"forebyggende\",\"team\":\"Team 2\"}",
                    t.projektleder(), null);
        } else if (pick < 91) {
            return new Call("POST", "/intake/api/cases/" + someCase + "/timeline",
                    "{\"kind\":\"boernesamtale\",\"date\":\"2025-03-0" + (1 + r.nextInt(9)) + "\",\"note\":\"Samtale\"}",
                    t.projektleder(), null);
        } else if (pick < 95) {
            return new Call("POST", "/recommendations/api/reviews/" + t.review() + "/recommendations",
                    "{\"title\":\"Ny anbefaling\",\"body\":\"Fra belastningen\",\"theme\":\"opfoelgning\"}", t.projektleder(), null);
        } else {
            String a = freeAssignments.poll();
            if (a == null) { // every assignment has a save in flight: read instead
                return new Call("GET", "/assessment/api/assignments?page=0&size=50", null, t.reviewer(), null);
            }
            Tenant owner = tenants.stream().filter(x -> x.assignments().contains(a)).findFirst().orElseThrow();
            return new Call("PUT", "/assessment/api/assignments/" + a + "/answers", "{\"answers\":{\"faglig_kvalitet\":\""
                    + (1 + r.nextInt(4)) + "\",\"kompensation\":\"passende\",\"barnets_syn\":\"2\"}}", owner.reviewer(), a);
        }
    }

    /** Sends at {@code rate}/s for {@code seconds}; returns {p50, p99, errors, alert p99} in ms. */
    private double[] load(int rate, int seconds, boolean print) throws Exception {
        Recorder recorder = new Recorder(3);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicLong inFlight = new AtomicLong();
        AtomicLong maxInFlight = new AtomicLong();
        List<Double> alerts = Collections.synchronizedList(new ArrayList<>());
        Thread alerter = new Thread(() -> alerts(seconds, alerts), "urgent-alerts");
        alerter.start();
        Map<String, Histogram> byKind = new ConcurrentHashMap<>();
        Map<String, Map<Integer, AtomicInteger>> errorsByKind = new ConcurrentHashMap<>(); // which requests failed how
        Map<String, Long> cpu0 = system.cpuTicks();
        Random random = new Random(seconds * 31L + rate);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000;
        long n = (long) rate * seconds;
        for (long i = 0; i < n; i++) {
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Call c = next(random);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            send(c).whenComplete((status, failure) -> {
                inFlight.decrementAndGet();
                long micros = Math.max(1, (System.nanoTime() - scheduled) / 1000);
                recorder.recordValue(micros);
                Histogram perKind = byKind.computeIfAbsent(kind(c), unused -> new Histogram(3));
                synchronized (perKind) {
                    perKind.recordValue(micros);
                }
                int answer = failure != null ? -1 : status;
                statuses.computeIfAbsent(answer, k -> new AtomicInteger()).incrementAndGet();
                if (answer < 200 || answer >= 400) {
                    errorsByKind.computeIfAbsent(kind(c), k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(answer, k -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        alerter.join();
        Histogram h = recorder.getIntervalHistogram();
        long errors = statuses.entrySet().stream().filter(e -> e.getKey() < 200 || e.getKey() >= 400)
                .mapToLong(e -> e.getValue().get()).sum();
        List<Double> sortedAlerts = new ArrayList<>(alerts);
        Collections.sort(sortedAlerts);
        double alertP50 = sortedAlerts.isEmpty() ? Double.NaN : ScreeningLatencyBenchmark.pct(sortedAlerts, 50);
        double alertP99 = sortedAlerts.isEmpty() ? Double.NaN : ScreeningLatencyBenchmark.pct(sortedAlerts, 99);
        if (print) {
            System.out.printf("  %d requests: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms; "
                            + "statuses %s (-1: no answer); at most %d in flight%n", h.getTotalCount(),
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0,
                    new TreeMap<>(statuses), maxInFlight.get());
            System.out.printf("  urgent concern -> alert e-mail under this load, %d alerts: p50 %.0f ms, p99 %.0f ms%n",
                    sortedAlerts.size(), alertP50, alertP99);
            Map<String, Long> cpu1 = system.cpuTicks();
            StringBuilder used = new StringBuilder();
            for (var e : new TreeMap<>(cpu1).entrySet()) {
                used.append(String.format(" %s %.1f s,", e.getKey(), (e.getValue() - cpu0.getOrDefault(e.getKey(), 0L)) / 100.0));
            }
            System.out.println("  CPU used during the run:" + used);
            for (var e : new TreeMap<>(byKind).entrySet()) {
                Histogram k = e.getValue();
                var failed = errorsByKind.get(e.getKey());
                System.out.printf("    %-60s n %5d  mean %7.1f ms  p99 %8.1f ms%s%n", e.getKey(), k.getTotalCount(),
                        k.getMean() / 1000.0, k.getValueAtPercentile(99) / 1000.0,
                        failed == null ? "" : "  errors " + new TreeMap<>(failed));
            }
            Path dir = Files.createDirectories(Path.of("target", "api-bench"));
            try (var out = new java.io.PrintStream(dir.resolve("hdr-" + System.currentTimeMillis() + ".txt").toFile())) {
                h.outputPercentileDistribution(out, 1000.0);
            }
        }
        return new double[] {h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, errors, alertP99};
    }

    /** A request's kind: its method and path without ids and query. */
    private static String kind(Call c) {
        return c.method() + " " + c.path().replaceAll("\\?.*", "").replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}");
    }

    private java.util.concurrent.CompletableFuture<Integer> send(Call c) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(system.origin() + c.path()))
                .header("Authorization", "Bearer " + c.token()).header("Accept", c.path().contains("/api/")
                        ? "application/json" : "text/html").timeout(Duration.ofSeconds(30))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(c.body()));
        if (c.body() != null) {
            b.header("Content-Type", "application/json");
        }
        if (c.assignment() != null) {
            b.header("If-Match", assignmentEtags.get(c.assignment()));
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).thenApply(r -> {
            if (c.assignment() != null) {
                r.headers().firstValue("ETag").ifPresent(e -> assignmentEtags.put(c.assignment(), e));
                freeAssignments.add(c.assignment());
            }
            return r.statusCode();
        }).exceptionally(e -> {
            if (c.assignment() != null) {
                freeAssignments.add(c.assignment()); // unanswered: its version may have moved, a 412 will tell
            }
            throw new java.util.concurrent.CompletionException(e);
        });
    }

    /** A reviewer raises an urgent concern about once a second; ms from the call until the tovholder's alert. */
    private void alerts(int seconds, List<Double> out) {
        Tenant t = tenants.get(0);
        String tovholder = "tov-" + t.code() + "@" + ALERTS;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < end) {
            String assignment = t.assignments().get(i++ % t.assignments().size());
            int before = alertsTo(tovholder);
            long s0 = System.nanoTime();
            Api.Result r;
            try {
                r = call(t.reviewer(), "POST", "/assessment/api/assignments/" + assignment + "/findings",
                        "{\"category\":\"Sikkerhed\",\"severity\":\"critical\",\"text\":\"Barnet kan være i fare\",\"urgent\":true}", null);
            } catch (IllegalStateException noAnswer) { // counted as a failed alert, and the measuring goes on
                System.out.println("  (urgent finding got no answer: " + noAnswer.getCause() + ")");
                alertFailures.incrementAndGet();
                sleepQuietly(1000);
                continue;
            }
            if (r.status() != 201 && r.status() != 200) {
                alertFailures.incrementAndGet();
                System.out.println("  (urgent finding refused: " + r.status() + " " + r.body() + ")");
                sleepQuietly(1000);
                continue;
            }
            while (alertsTo(tovholder) <= before && System.nanoTime() - s0 < 30_000_000_000L) {
                sleepQuietly(2);
            }
            out.add((System.nanoTime() - s0) / 1e6);
            sleepQuietly(Math.max(0, 1000 - (System.nanoTime() - s0) / 1_000_000));
        }
    }

    /**
     * Urgent alerts received for this address. Reads only that person's mailbox, and only when its size changed:
     * scanning every message the stack has sent, every 2 ms, cost the load generator more CPU than its requests.
     */
    private int alertsTo(String address) {
        var user = system.smtp.getUserManager().getUserByEmail(address);
        if (user == null) {
            return 0;
        }
        try {
            var inbox = system.smtp.getManagers().getImapHostManager().getInbox(user);
            int size = inbox.getMessageCount();
            if (size == seenMailboxSize) {
                return seenAlerts;
            }
            int n = 0;
            for (var m : inbox.getMessages()) {
                if (m.getMimeMessage().getSubject().startsWith("AKUT")) {
                    n++;
                }
            }
            seenMailboxSize = size;
            seenAlerts = n;
            return n;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Api.Result call(String token, String method, String path, String json, String ifMatch) {
        return new Api(system, token).call(method, path, json, ifMatch);
    }

    private String ok(String token, String method, String path, String json) {
        Api.Result r = call(token, method, path, json, null);
        if (r.status() < 200 || r.status() > 299) {
            throw new IllegalStateException(method + " " + path + ": " + r.status() + " " + r.body());
        }
        return r.body();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
