package dk.gennemsyn.systemtests;

import dk.gennemsyn.testsupport.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lag from an assessment submitted in assessment's API to reporting's per-case overview showing it, through the
 * running system (all five services as processes, one broker): assessment's transaction and outbox relay, the broker,
 * reporting's consumer and its overview query. A review of N+20 sampled cases is distributed to one reviewer; each
 * assessment is saved, then the clock starts at the submit call and stops when the overview, filtered on the answer
 * every case gets, counts one more case. Reports p50, p99 and max over N (the first 20 warm up). Run with
 * {@code ./dev.sh bench-reporting [submits=N]}.
 */
public final class ReportingLagBenchmark {

    private static final Pattern ID = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int submits = 200;
        for (String a : args) {
            if (a.startsWith("submits=")) {
                submits = Integer.parseInt(a.substring(8));
            }
        }
        int cases = submits + 20;
        try (RunningSystem system = new RunningSystem()) {
            String tenant = "0250";
            String pl = TestTokens.token(tenant, "projektleder");
            call(system, pl, "GET", "/assessment/api/instruments", null, null); // seeds the shipped instruments
            Matcher im = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"family\":\"[^\"]*\",\"version\":1,"
                    + "\"name\":\"Halsnæs-parametrene\"").matcher(call(system, pl, "GET", "/assessment/api/instruments", null, null)[0]);
            if (!im.find()) {
                throw new IllegalStateException("no Halsnæs instrument");
            }
            String review = NotificationsBenchmark.id(call(system, pl, "POST", "/intake/api/reviews",
                    "{\"title\":\"Benchmark\",\"instrumentId\":\"" + im.group(1) + "\"}", null)[0]);
            call(system, pl, "POST", "/intake/api/reviews/" + review + "/people", "{\"userId\":\"rev-1\",\"name\":\"Gennemgår\","
                    + "\"role\":\"reviewer\",\"organisation\":\"KL\",\"accessTo\":\"2030-01-01T00:00:00Z\"}", null);
            for (int i = 0; i < cases; i++) {
                call(system, pl, "POST", "/intake/api/cases", "{\"caseType\":\"anbringelse\"}", null);
            }
            for (String tier : List.of("screening", "deep")) {
                call(system, pl, "POST", "/intake/api/reviews/" + review + "/samplings",
                        "{\"tier\":\"" + tier + "\",\"method\":\"simple\",\"size\":" + cases + ",\"seed\":1}", null);
            }
            // Assessment learns of the selection through events; distribute once all of it has arrived.
            String rev = TestTokens.sign(TestTokens.claims(tenant, "reviewer").subject("rev-1").build());
            List<String> assignments = List.of();
            long deadline = System.currentTimeMillis() + 120_000;
            while (assignments.size() < cases) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("only " + assignments.size() + " of " + cases + " cases assigned");
                }
                Thread.sleep(200);
                tryCall(system, pl, "POST", "/assessment/api/reviews/" + review + "/assignments", "");
                assignments = ids(call(system, rev, "GET", "/assessment/api/assignments", null, null)[0]);
            }

            String counted = "/reporting/api/reviews/" + review + "/overview?question=faglig_kvalitet&answer=3&size=1";
            List<Double> millis = new ArrayList<>();
            for (int i = 1; i <= cases; i++) {
                String a = assignments.get(i - 1);
                String etag = call(system, rev, "GET", "/assessment/api/assignments/" + a, null, null)[1];
                etag = call(system, rev, "PUT", "/assessment/api/assignments/" + a + "/answers", "{\"answers\":{"
                        + "\"faglig_kvalitet\":\"3\",\"sammenhaeng\":\"3\",\"omkostningseffektiv\":\"ja\","
                        + "\"kompensation\":\"passende\",\"barnets_syn\":\"2\",\"foraeldrenes_syn\":\"3\"}}", etag)[1];
                long t0 = System.nanoTime();
                call(system, rev, "POST", "/assessment/api/assignments/" + a + "/submit", "", etag);
                String expected = "\"total\":" + i + "}";
                while (!call(system, pl, "GET", counted, null, null)[0].endsWith(expected)) {
                    Thread.sleep(1);
                    if (System.nanoTime() - t0 > 30_000_000_000L) {
                        throw new IllegalStateException("the overview did not show submit " + i + " within 30 s");
                    }
                }
                if (i > 20) { // the first 20 warm the JIT and the connections
                    millis.add((System.nanoTime() - t0) / 1e6);
                }
            }
            Collections.sort(millis);
            System.out.printf("RESULT assessment submitted in assessment's API -> reporting's overview shows it, %d submits:"
                            + " p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", millis.size(),
                    ScreeningLatencyBenchmark.pct(millis, 50), ScreeningLatencyBenchmark.pct(millis, 99),
                    millis.get(millis.size() - 1));
        }
    }

    /** Body and ETag of a 2xx answer; anything else stops the benchmark with what the service said. */
    static String[] call(RunningSystem system, String token, String method, String path, String json, String ifMatch)
            throws Exception {
        HttpResponse<String> r = send(system, token, method, path, json, ifMatch);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return new String[] {r.body(), r.headers().firstValue("ETag").orElse(null)};
    }

    /** For calls that may be refused while events are still arriving. */
    static void tryCall(RunningSystem system, String token, String method, String path, String json) throws Exception {
        send(system, token, method, path, json, null);
    }

    private static HttpResponse<String> send(RunningSystem system, String token, String method, String path, String json,
                                             String ifMatch) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(system.origin() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> ids(String json) {
        List<String> out = new ArrayList<>();
        Matcher m = ID.matcher(json);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
