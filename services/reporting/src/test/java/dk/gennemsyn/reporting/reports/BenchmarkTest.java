package dk.gennemsyn.reporting.reports;

import dk.gennemsyn.proto.assessment.v1.RuleResult;
import dk.gennemsyn.proto.assessment.v1.ScreeningResultChanged;
import dk.gennemsyn.reporting.ReportingTest;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.TestInfra;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The one view across municipalities: opt-in, anonymised, and suppressed below 5 municipalities or 5 cases. */
@MicronautTest(transactional = false)
class BenchmarkTest extends ReportingTest {

    static final String METRIC = "rule:bfu_4_maaneder";

    void screened(String tenant, int met, int notMet) {
        for (int i = 0; i < met + notMet; i++) {
            String c = UUID.randomUUID().toString();
            send(tenant, c, ScreeningResultChanged.newBuilder().setCaseId(c).setAlias("Sag " + i).setCaseVersion(1)
                    .addResults(RuleResult.newBuilder().setRule("bfu_4_maaneder").setResult(i < met ? "met" : "not_met"))
                    .build(), 1);
        }
    }

    /** Another municipality's published figure (as its own opt-in would write it). */
    void other(String tenant, double value, int cases) throws Exception {
        String url = getProperties().get("datasources.default.url");
        try (Connection c = TestInfra.adminConnection(url.substring(url.lastIndexOf('/') + 1)); Statement s = c.createStatement()) {
            s.execute("insert into benchmark_figures (tenant, metric, value, cases) values ('" + tenant + "', '" + METRIC
                    + "', " + value + ", " + cases + ") on conflict (tenant, metric) do update set value = excluded.value,"
                    + " cases = excluded.cases");
        }
    }

    JsonNode figure(String tenant) {
        var view = tree(get("/reporting/api/benchmark", tenant, "styregruppe"));
        for (JsonNode f : view.get("figures").values()) {
            if (f.get("metric").getStringValue().equals(METRIC)) {
                return f;
            }
        }
        return null;
    }

    void optIn(String tenant, boolean in) {
        assertThat(call(HttpRequest.PUT("/reporting/api/benchmark/opt-in", Map.of("optedIn", in)), tenant, "tenant-admin")
                .status()).isEqualTo(200);
    }

    @Test
    void fiveMunicipalitiesAndFiveCasesStandBehindEveryFigureShown() throws Exception {
        screened("0250", 3, 2); // 5 cases, 60 %
        Eventually.await(Duration.ofSeconds(10), "screened", () -> count("select count(*) from case_screenings where tenant = '0250'") == 5);
        assertThat(tree(get("/reporting/api/benchmark", "0250", "styregruppe")).get("optedIn").getBooleanValue()).isFalse();
        assertThat(call(HttpRequest.PUT("/reporting/api/benchmark/opt-in", Map.of("optedIn", true)), "0250", "styregruppe")
                .status()).isEqualTo(403);
        optIn("0250", true);
        assertThat(count("select count(*) from benchmark_figures where tenant = '0250'")).isGreaterThan(0);

        // Four municipalities with 5 or more cases (0250 and three others): suppressed; one with 4 cases does not count.
        other("0101", 0.5, 10);
        other("0147", 0.8, 20);
        other("0151", 0.9, 7);
        other("0153", 0.1, 4);
        var f = figure("0250");
        assertThat(f.get("own").getDoubleValue()).isCloseTo(0.6, within(1e-9));
        assertThat(f.get("suppressed").getBooleanValue()).isTrue();
        assertThat(f.get("median")).as("no median shown").isNull();
        // The fifth: shown, anonymised (no municipality named anywhere in the answer).
        other("0155", 0.7, 5);
        f = figure("0250");
        assertThat(f.get("suppressed").getBooleanValue()).isFalse();
        assertThat(f.get("municipalities").getIntValue()).isEqualTo(5);
        // 0.5, 0.6, 0.7, 0.8, 0.9
        assertThat(f.get("min").getDoubleValue()).isCloseTo(0.5, within(1e-9));
        assertThat(f.get("q1").getDoubleValue()).isCloseTo(0.6, within(1e-9));
        assertThat(f.get("median").getDoubleValue()).isCloseTo(0.7, within(1e-9));
        assertThat(f.get("max").getDoubleValue()).isCloseTo(0.9, within(1e-9));
        String body = get("/reporting/api/benchmark", "0250", "styregruppe").body();
        assertThat(body).doesNotContain("0101", "0147", "0151", "0155");

        // The page, in Chromium: the figure the Danish way, kept as a screenshot; a municipality that has not opted in
        // is told who can.
        try (var ctx = browser().signedIn(dk.gennemsyn.testsupport.TestTokens.token("0250", "styregruppe"))) {
            var page = ctx.newPage();
            page.setViewportSize(1366, 900);
            page.navigate(url("/reporting/benchmark"));
            var row = page.locator("tr.figure-row[data-metric='" + METRIC + "']");
            assertThat(row.locator("td.own").textContent()).isEqualTo("60 %");
            assertThat(row.locator("td.dist").allTextContents()).containsExactly("50 %", "60 %", "70 %", "80 %", "90 %");
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions().setFullPage(true)
                    .setPath(java.nio.file.Path.of("target", "screenshots", "benchmark.png")));
        }
        try (var ctx = browser().signedIn(dk.gennemsyn.testsupport.TestTokens.token("0360", "projektleder"))) {
            var page = ctx.newPage();
            page.navigate(url("/reporting/benchmark"));
            assertThat(page.locator("#not-opted-in").textContent()).contains("Kun kommunens administrator");
        }
    }

    @Test
    void aMunicipalityWithFourCasesSeesItsOwnFigureSuppressedAndOptingOutWithdrawsIt() throws Exception {
        screened("0573", 4, 0);
        Eventually.await(Duration.ofSeconds(10), "screened", () -> count("select count(*) from case_screenings where tenant = '0573'") == 4);
        optIn("0573", true);
        var f = figure("0573");
        assertThat(f.get("ownSuppressed").getBooleanValue()).isTrue();
        assertThat(f.get("own")).as("no own value shown").isNull();
        assertThat(f.get("ownCases").getIntValue()).isEqualTo(4);
        optIn("0573", false);
        assertThat(count("select count(*) from benchmark_figures where tenant = '0573'")).isZero();
        var after = tree(get("/reporting/api/benchmark", "0573", "styregruppe"));
        assertThat(after.get("optedIn").getBooleanValue()).isFalse();
        assertThat(after.get("figures") == null || after.get("figures").size() == 0).as("no figures").isTrue();
    }
}
