package dk.gennemsyn.systemtests;

import dk.gennemsyn.testsupport.TestTokens;

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

    public static void main(String[] args) throws Exception {
        int submits = 200;
        for (String a : args) {
            if (a.startsWith("submits=")) {
                submits = Integer.parseInt(a.substring(8));
            }
        }
        int cases = submits + 20;
        try (RunningSystem system = new RunningSystem(RunningSystem.QUICK_START_JVM)) {
            String tenant = "0250";
            Api pl = new Api(system, TestTokens.token(tenant, "projektleder"));
            pl.ok("GET", "/assessment/api/instruments", null); // seeds the shipped instruments
            Matcher im = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"family\":\"[^\"]*\",\"version\":1,"
                    + "\"name\":\"Halsnæs-parametrene\"").matcher(pl.ok("GET", "/assessment/api/instruments", null));
            if (!im.find()) {
                throw new IllegalStateException("no Halsnæs instrument");
            }
            String review = Api.id(pl.ok("POST", "/intake/api/reviews",
                    "{\"title\":\"Benchmark\",\"instrumentId\":\"" + im.group(1) + "\"}"));
            pl.ok("POST", "/intake/api/reviews/" + review + "/people", "{\"userId\":\"rev-1\",\"name\":\"Gennemgår\","
                    + "\"role\":\"reviewer\",\"organisation\":\"KL\",\"accessTo\":\"2030-01-01T00:00:00Z\"}");
            for (int i = 0; i < cases; i++) {
                pl.ok("POST", "/intake/api/cases", "{\"caseType\":\"anbringelse\"}");
            }
            for (String tier : List.of("screening", "deep")) {
                pl.ok("POST", "/intake/api/reviews/" + review + "/samplings",
                        "{\"tier\":\"" + tier + "\",\"method\":\"simple\",\"size\":" + cases + ",\"seed\":1}");
            }
            // Assessment learns of the selection through events; distribute until all of it has arrived.
            Api rev = new Api(system, TestTokens.sign(TestTokens.claims(tenant, "reviewer").subject("rev-1").build()));
            List<String> assignments = List.of();
            long deadline = System.currentTimeMillis() + 120_000;
            while (assignments.size() < cases) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("only " + assignments.size() + " of " + cases + " cases assigned");
                }
                Thread.sleep(200);
                pl.call("POST", "/assessment/api/reviews/" + review + "/assignments", "", null); // refused until known
                assignments = new java.util.ArrayList<>(); // the work list a page (at most 200) at a time
                for (int page = 0; page == 0 || assignments.size() == page * 200; page++) {
                    assignments.addAll(Api.ids(rev.ok("GET", "/assessment/api/assignments?size=200&page=" + page, null)));
                }
            }

            String counted = "/reporting/api/reviews/" + review + "/overview?question=faglig_kvalitet&answer=3&size=1";
            List<Double> millis = new ArrayList<>();
            for (int i = 1; i <= cases; i++) {
                String a = assignments.get(i - 1);
                String etag = rev.call("GET", "/assessment/api/assignments/" + a, null, null).etag();
                Api.Result saved = rev.call("PUT", "/assessment/api/assignments/" + a + "/answers", "{\"answers\":{"
                        + "\"faglig_kvalitet\":\"3\",\"sammenhaeng\":\"3\",\"omkostningseffektiv\":\"ja\","
                        + "\"kompensation\":\"passende\",\"barnets_syn\":\"2\",\"foraeldrenes_syn\":\"3\"}}", etag);
                long t0 = System.nanoTime();
                Api.Result submitted = rev.call("POST", "/assessment/api/assignments/" + a + "/submit", "", saved.etag());
                if (submitted.status() != 200) {
                    throw new IllegalStateException("submit " + i + " answered " + submitted.status() + ": " + submitted.body());
                }
                String expected = "\"total\":" + i + "}";
                while (!pl.call("GET", counted, null, null).body().endsWith(expected)) {
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
}
