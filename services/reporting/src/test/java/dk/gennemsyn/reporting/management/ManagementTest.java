package dk.gennemsyn.reporting.management;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.MeasureCatalogueChanged;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import dk.gennemsyn.reporting.ReportingTest;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management view from a small municipality whose figures are checked by hand (the working is in the comments):
 * caseload per caseworker and team, new cases per month, cost per measure with the tilbudsvifte's prices, and the
 * data that cannot be right flagged instead of averaged in. The pages are screenshotted (target/screenshots).
 */
@MicronautTest(transactional = false)
class ManagementTest extends ReportingTest {

    static final String T = "0420";
    static final String PLEJEFAMILIE = UUID.randomUUID().toString();
    static final String DOEGN = UUID.randomUUID().toString();
    static final String KONTAKT = UUID.randomUUID().toString();

    @BeforeAll
    void given() {
        catalogue(PLEJEFAMILIE, "Plejefamilie", 420_000);
        catalogue(DOEGN, "Døgninstitution", 1_150_000);
        catalogue(KONTAKT, "Kontaktperson", 65_000);
        int y = LocalDate.now().getYear();
        // A: placement, Team Nord, Rådgiver 1; foster family from the catalogue (no cost on the timeline: 420.000).
        sendCase("anbringelse", "Team Nord", "Rådgiver 1", true, underretning(y + "-03-10"),
                start(PLEJEFAMILIE, "Plejefamilie", 0, y + "-04-01", "§ 46"));
        // B: placement, Team Nord, Rådgiver 1; residential institution at its own cost 1.300.000.
        sendCase("anbringelse", "Team Nord", "Rådgiver 1", true, underretning(y + "-03-20"),
                start(DOEGN, "Døgninstitution", 1_300_000, y + "-05-01", "§ 46"));
        // C: placement, Team Syd, Rådgiver 2; its foster family ended in January: an open placement at 0 kr. (flagged).
        sendCase("anbringelse", "Team Syd", "Rådgiver 2", true, start("", "Plejefamilie", 0, (y - 1) + "-06-01", "§ 46"),
                end("Plejefamilie", y + "-01-01"));
        // D: preventive, Team Syd, Rådgiver 2; a contact person at 70.000.
        sendCase("forebyggende", "Team Syd", "Rådgiver 2", true, start(KONTAKT, "Kontaktperson", 70_000, y + "-10-01", "§ 32"));
        // G: preventive, Team Syd, Rådgiver 2; a measure with no price anywhere (flagged, left out of the averages).
        sendCase("forebyggende", "Team Syd", "Rådgiver 2", true, start("", "Ukendt tilbud", 0, y + "-10-15", ""));
        // E: no caseworker; F: closed.
        sendCase("forebyggende", "", "", true, underretning(y + "-11-05"));
        sendCase("forebyggende", "Team Nord", "Rådgiver 3", false, underretning(y + "-02-01"));
        // 101 open cases on one login: not a caseload (flagged), and no dates (not in the months).
        for (int i = 0; i < 101; i++) {
            sendCase("forebyggende", "Team Øst", "Rådgiver 99", true);
        }
        Eventually.await(Duration.ofSeconds(30), "the cases and the catalogue", () -> count(
                "select count(*) from tenant_cases where tenant = '" + T + "'") == 108
                && count("select count(*) from measure_catalogue where tenant = '" + T + "'") == 3);
    }

    void catalogue(String id, String name, long price) {
        send(T, id, MeasureCatalogueChanged.newBuilder().setMeasureId(id).setName(name).setPricePerYearKr(price)
                .setLegalBasisBarnetsLov("§ 46").setVersion(1).build(), 1);
    }

    void sendCase(String type, String team, String caseworker, boolean open, TimelineEvent... timeline) {
        String id = UUID.randomUUID().toString();
        send(T, id, CaseUpdated.newBuilder().setCaseId(id).setAlias("Sag").setCaseType(type).setTeam(team)
                .setCaseworker(caseworker).setOpen(open).setVersion(1).addAllTimeline(List.of(timeline)).build(), 1);
    }

    static TimelineEvent underretning(String date) {
        return TimelineEvent.newBuilder().setKind("underretning_modtaget").setDate(date).build();
    }

    static TimelineEvent start(String measureId, String name, long cost, String date, String basis) {
        return TimelineEvent.newBuilder().setKind("foranstaltning_startet").setDate(date).setMeasureId(measureId)
                .setMeasureName(name).setYearlyCostKr(cost).setLegalBasisBarnetsLov(basis).build();
    }

    static TimelineEvent end(String name, String date) {
        return TimelineEvent.newBuilder().setKind("foranstaltning_afsluttet").setDate(date).setMeasureName(name).build();
    }

    static JsonNode line(JsonNode lines, String label) {
        for (JsonNode l : lines.values()) {
            if (l.get("label").getStringValue().equals(label)) {
                return l;
            }
        }
        throw new AssertionError("no line " + label + " in " + lines);
    }

    @Test
    void caseloadPerCaseworkerAndTeamAndNewCasesPerMonthCheckedByHand() {
        JsonNode c = tree(get("/reporting/api/caseload", T, "projektleder"));
        // Open: R1 2 (A, B) + R2 3 (C, D, G) + R99 101 + no caseworker 1 (E) = 107; F is closed.
        assertThat(c.get("openCases").getLongValue()).isEqualTo(107);
        assertThat(c.get("unassigned").getLongValue()).isEqualTo(1);
        // R99's 101 open cases are flagged and left out: (2 + 3) / 2 caseworkers = 2,5.
        assertThat(c.get("caseworkers").getLongValue()).isEqualTo(2);
        assertThat(c.get("perCaseworker").getDoubleValue()).isEqualTo(2.5);
        assertThat(c.get("implausible").values()).hasSize(1);
        assertThat(c.get("implausible").values().iterator().next().get("caseworker").getStringValue()).isEqualTo("Rådgiver 99");
        List<String> teams = new ArrayList<>();
        c.get("byTeam").values().forEach(t -> teams.add(t.get("team").getStringValue() + ":" + t.get("openCases").getLongValue()
                + ":" + t.get("caseworkers").getLongValue()));
        assertThat(teams).containsExactly("Intet team:1:0", "Team Nord:2:1", "Team Syd:3:1", "Team Øst:101:1");
        // New cases by the month of their first timeline date: March 2 (A, B), February 1 (F), October 2 (D, G),
        // November 1 (E); C began in June last year; R99's 101 have no dates.
        int y = LocalDate.now().getYear();
        List<String> months = new ArrayList<>();
        c.get("newPerMonth").values().forEach(m -> {
            if (m.get("newCases").getLongValue() > 0) {
                months.add(m.get("month").getStringValue() + "=" + m.get("newCases").getLongValue());
            }
        });
        assertThat(months).containsExactly((y - 1) + "-06-01=1", y + "-02-01=1", y + "-03-01=2", y + "-10-01=2",
                y + "-11-01=1");
        assertThat(c.get("undated").getLongValue()).isEqualTo(101);
    }

    @Test
    void costPerMeasureFromTheTimelinesAndTheTilbudsvifteCheckedByHand() {
        JsonNode k = tree(get("/reporting/api/costs", T, "styregruppe"));
        // Open placements A, B, C; C has nothing running (its foster family ended): flagged, not averaged.
        // (420.000 from the catalogue for A + 1.300.000 for B) / 2 = 860.000.
        assertThat(k.get("placements").getLongValue()).isEqualTo(3);
        assertThat(k.get("placementsWithoutCost").getLongValue()).isEqualTo(1);
        assertThat(k.get("costPerPlacementKr").getLongValue()).isEqualTo(860_000);
        JsonNode doegn = line(k.get("byMeasure"), "Døgninstitution");
        assertThat(doegn.get("cataloguePriceKr").getLongValue()).isEqualTo(1_150_000);
        assertThat(doegn.get("totalKr").getLongValue()).isEqualTo(1_300_000);
        JsonNode pleje = line(k.get("byMeasure"), "Plejefamilie");
        assertThat(pleje.get("measures").getLongValue()).isEqualTo(1);
        assertThat(pleje.get("totalKr").getLongValue()).isEqualTo(420_000);
        JsonNode unknown = line(k.get("byMeasure"), "Ukendt tilbud");
        assertThat(unknown.get("withoutPrice").getLongValue()).isEqualTo(1);
        assertThat(unknown.get("averageKr")).isNull();
        assertThat(k.get("measuresWithoutPrice").getLongValue()).isEqualTo(1);
        // Team Nord: A + B = 1.720.000, 860.000 each; Team Syd: D 70.000 (G has no price).
        JsonNode nord = line(k.get("byTeam"), "Team Nord");
        assertThat(nord.get("totalKr").getLongValue()).isEqualTo(1_720_000);
        assertThat(nord.get("averageKr").getLongValue()).isEqualTo(860_000);
        JsonNode syd = line(k.get("byTeam"), "Team Syd");
        assertThat(syd.get("averageKr").getLongValue()).isEqualTo(70_000);
        assertThat(line(k.get("byLegalBasis"), "Barnets lov § 46").get("totalKr").getLongValue()).isEqualTo(1_720_000);
        // By the year measures started: last year C (420.000 from the catalogue); this year A, B, D, G: 4 started,
        // average of the priced three = (420.000 + 1.300.000 + 70.000) / 3 = 596.667.
        List<String> trend = new ArrayList<>();
        k.get("trend").values().forEach(t -> trend.add(t.get("year").getIntValue() + ":" + t.get("started").getLongValue()
                + ":" + t.get("averageKr").getLongValue()));
        int y = LocalDate.now().getYear();
        assertThat(trend).containsExactly((y - 1) + ":1:420000", y + ":4:596667");
        // The key figures agree with the page they come from.
        JsonNode kf = tree(get("/reporting/api/key-figures", T, "projektleder"));
        assertThat(kf.get("costPerPlacementKr").getLongValue()).isEqualTo(860_000);
        assertThat(kf.get("casesPerCaseworker").getDoubleValue()).isEqualTo(2.5);
    }

    @Test
    void thePagesShowTheFiguresTheDanishWayAndFlagWhatCannotBeRight() {
        try (BrowserContext ctx = browser().signedIn(TestTokens.token(T, "projektleder"))) {
            Page page = ctx.newPage();
            page.setViewportSize(1366, 900);
            page.navigate(url("/reporting/caseload"));
            assertThat(page.locator("#cl-per").textContent()).isEqualTo("2,5");
            assertThat(page.locator("#cl-open").textContent()).isEqualTo("107");
            assertThat(page.locator("#cl-implausible").textContent()).contains("Rådgiver 99 (101 åbne sager)");
            assertThat(page.locator("#months").textContent()).contains("marts " + LocalDate.now().getYear());
            assertThat(page.locator("#months-chart .bar").count()).isEqualTo(24);
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target", "screenshots",
                    "caseload.png")));
            page.navigate(url("/reporting/costs"));
            assertThat(page.locator("#c-per-placement").textContent()).isEqualTo("860.000 kr.");
            assertThat(page.locator("#c-flags").textContent().replaceAll("\\s+", " "))
                    .contains("1 åbne anbringelser har ingen foranstaltning");
            assertThat(page.locator("#by-measure").textContent()).contains("Døgninstitution").contains("1.150.000 kr.")
                    .contains("1.300.000 kr.");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target", "screenshots",
                    "cost-per-measure.png")));
            page.navigate(url("/reporting/key-figures"));
            assertThat(page.locator("#kf-cost").textContent()).contains("860.000 kr.");
            assertThat(page.locator("#kf-caseload").textContent()).contains("2,5");
        }
    }
}
