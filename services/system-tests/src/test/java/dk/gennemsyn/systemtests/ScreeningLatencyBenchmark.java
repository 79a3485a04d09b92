package dk.gennemsyn.systemtests;

import dk.gennemsyn.testsupport.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The screening latency benchmark (docs/benchmarks.md): through the running system (all five services as
 * processes, one broker), a timeline event is added to a case in case-intake, and the time until assessment's
 * screening API shows the new result is measured, N times. Reports p50, p99 and max. Run with
 * {@code ./dev.sh bench-screening [changes=N]}.
 */
public final class ScreeningLatencyBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        int changes = 200;
        for (String a : args) {
            if (a.startsWith("changes=")) {
                changes = Integer.parseInt(a.substring(8));
            }
        }
        try (RunningSystem system = new RunningSystem(RunningSystem.QUICK_START_JVM)) {
            HttpClient http = HttpClient.newHttpClient();
            String token = TestTokens.token("0250", "projektleder");
            String created = send(http, system, token, "POST", "/intake/api/cases", "{\"caseType\":\"forebyggende\"}");
            Matcher m = ID.matcher(created);
            if (!m.find()) {
                throw new IllegalStateException("no case created: " + created);
            }
            String caseId = m.group(1);
            String screening = "/assessment/api/screening/cases/" + caseId;
            List<Double> millis = new ArrayList<>();
            LocalDate day = LocalDate.of(2024, 1, 1);
            for (int i = 1; i <= changes + 20; i++) {
                // Each new underretning without an assessment adds one "not met" line to the 24-hour rule.
                String body = "{\"kind\":\"underretning_modtaget\",\"date\":\"" + day.plusDays(i) + "\"}";
                long t0 = System.nanoTime();
                send(http, system, token, "POST", "/intake/api/cases/" + caseId + "/timeline", body);
                String expected = "Underretning modtaget " + String.format("%02d.%02d.%d", day.plusDays(i).getDayOfMonth(),
                        day.plusDays(i).getMonthValue(), day.plusDays(i).getYear());
                while (!get(http, system, token, screening).contains(expected)) {
                    Thread.sleep(1);
                    if (System.nanoTime() - t0 > 30_000_000_000L) {
                        throw new IllegalStateException("no screening result after 30 s for change " + i);
                    }
                }
                if (i > 20) { // the first 20 warm the JIT and the connections
                    millis.add((System.nanoTime() - t0) / 1e6);
                }
            }
            Collections.sort(millis);
            System.out.printf("RESULT timeline change in case-intake -> new screening result in assessment, %d changes:"
                    + " p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", millis.size(), pct(millis, 50), pct(millis, 99),
                    millis.get(millis.size() - 1));
        }
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }

    static String get(HttpClient http, RunningSystem system, String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(system.origin() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "";
    }

    static String send(HttpClient http, RunningSystem system, String token, String method, String path, String json)
            throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(system.origin() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
