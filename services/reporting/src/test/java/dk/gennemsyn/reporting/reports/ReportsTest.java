package dk.gennemsyn.reporting.reports;

import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.ReviewCaseDataErased;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import dk.gennemsyn.reporting.ReportingTest;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every figure of the reports against the hand-built scenario (each event delivered twice: no double counting). */
@MicronautTest(transactional = false)
class ReportsTest extends ReportingTest {

    @jakarta.inject.Inject io.micrometer.core.instrument.MeterRegistry meters;
    @jakarta.inject.Inject Reports reports;

    static final String T = "0250";

    List<String> col(JsonNode rows, String field) {
        List<String> out = new ArrayList<>();
        rows.values().forEach(r -> out.add(r.get(field).coerceStringValue()));
        return out;
    }

    @Test
    void theOverviewShowsTheRecommendationsRestingOnACasesFindingsAndWhatWasDecided() {
        Scenario s = givenScenario("0330", 1);
        String sag3 = s.cases().get(2);
        String findingId = UUID.randomUUID().toString();
        var deliveries = dk.gennemsyn.testsupport.Deliveries.from(meters);
        send("0330", sag3, finding(s.review(), sag3, "Sag 3", "Opfølgning", "major", false, false, 0).toBuilder()
                .setFindingId(findingId).build(), 1);
        String rec = UUID.randomUUID().toString();
        var issued = dk.gennemsyn.proto.recommendations.v1.RecommendationIssued.newBuilder().setRecommendationId(rec)
                .setReviewId(s.review()).setCode("A1").setTitle("Opfølgning til tiden").addFindingIds(findingId)
                .addCaseAliases("Sag 3").setVersion(2).build();
        send("0330", rec, issued, 2);
        send("0330", rec, dk.gennemsyn.proto.recommendations.v1.RecommendationDecided.newBuilder().setRecommendationId(rec)
                .setReviewId(s.review()).setCode("A1").setTitle("Opfølgning til tiden").setDecision("accepted")
                .setMeetingDate("2026-12-01").build(), 1);
        // An older version arriving late (resting on nothing) changes nothing.
        send("0330", rec, issued.toBuilder().setVersion(1).clearFindingIds().build(), 1);
        deliveries.await(5, "the finding, both copies of the issue, the decision and the older issue");
        assertThat(recommendationsOf(s, 2)).containsExactly("A1 (vedtaget)");
        assertThat(recommendationsOf(s, 0)).isEmpty();
        String page = get("/reporting/reviews/" + s.review(), "0330", "projektleder").body();
        assertThat(page).contains("<td class=\"recommendations\">A1 (vedtaget)</td>");
        // The exports carry the same column.
        assertThat(exported(s, "export.xlsx")).containsEntry("Sag 3", "A1 (vedtaget)").containsEntry("Sag 1", "");
        assertThat(exported(s, "export.csv")).containsEntry("Sag 3", "A1 (vedtaget)").containsEntry("Sag 1", "");
        // Erased with the review's case data: the links to the findings go.
        send("0330", s.review(), ReviewCaseDataErased.newBuilder().setReviewId(s.review()).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "erased", () -> count("select count(*) from recommendation_findings"
                + " where recommendation_id = '" + rec + "'") == 0);
    }

    /** Case alias to its "Anbefalinger" cell, read back from the downloaded XLSX or CSV. */
    java.util.Map<String, String> exported(Scenario s, String file) {
        byte[] body = http.toBlocking().exchange(io.micronaut.http.HttpRequest.GET("/reporting/reviews/" + s.review()
                + "/" + file).bearerAuth(dk.gennemsyn.testsupport.TestTokens.token("0330", "projektleder")), byte[].class).body();
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (file.endsWith(".xlsx")) {
            try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(body))) {
                var sheet = wb.getSheet("Oversigt");
                int col = dk.gennemsyn.reporting.web.ExportDownloadsTest.column(sheet.getRow(0), "Anbefalinger");
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    var cell = sheet.getRow(r).getCell(col);
                    out.put(sheet.getRow(r).getCell(0).getStringCellValue(), cell == null ? "" : cell.getStringCellValue());
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            List<List<String>> rows = dk.gennemsyn.reporting.web.ExportDownloadsTest.parse(
                    new String(body, java.nio.charset.StandardCharsets.UTF_8).substring(1));
            int col = rows.get(0).indexOf("Anbefalinger");
            rows.subList(1, rows.size()).forEach(r -> out.put(r.get(0), r.get(col)));
        }
        return out;
    }

    List<String> recommendationsOf(Scenario s, int row) {
        var rows = tree(get("/reporting/api/reviews/" + s.review() + "/overview", "0330", "projektleder")).get("rows");
        var recs = rows.get(row).get("recommendations");
        List<String> out = new ArrayList<>();
        if (recs != null) {
            recs.values().forEach(r -> out.add(r.getStringValue()));
        }
        return out;
    }

    /**
     * Unfiltered and by alias (the API's and the page's default), PostgreSQL cuts the page and only its rows are built:
     * the pages, either way round, hold exactly the rows of the whole overview (every row built, sorted in Java, cut).
     */
    @Test
    void aPageOfTheOverviewByAliasIsThatPageOfTheWholeOverview() {
        Scenario s = givenScenario(T, 1);
        UUID review = UUID.fromString(s.review());
        for (int i = 9; i <= 12; i++) { // "Sag 9" before "Sag 10", unlike their text
            String c = UUID.randomUUID().toString();
            send(T, c, selected(s.review(), c, i, 1), 1);
        }
        String outside = UUID.randomUUID().toString(); // assessed, not in the deep-review selection
        send(T, outside, submitted(s.review(), outside, "Sag 13", 1, s.instrument(), new String[]{"2", "passende", "ja"},
                10_000), 1);
        var pl = new dk.gennemsyn.platform.security.Caller("user-0250-projektleder", "PL", T, List.of("projektleder"),
                java.util.Optional.empty(), java.util.Optional.empty());
        Eventually.await(Duration.ofSeconds(10), "the added cases", () -> reports.overview(pl, review,
                Reports.Filter.NONE, "alias", false, 0, 0, "test").total() == 11);
        for (boolean desc : List.of(false, true)) {
            var whole = reports.overview(pl, review, Reports.Filter.NONE, "alias", desc, 0, 0, "test");
            List<Reports.CaseRow> pages = new ArrayList<>();
            for (int page = 0; page < 4; page++) {
                var part = reports.overview(pl, review, Reports.Filter.NONE, "alias", desc, page, 4, "test");
                assertThat(part.total()).isEqualTo(11);
                pages.addAll(part.rows());
            }
            assertThat(pages).as("descending " + desc).containsExactlyElementsOf(whole.rows());
        }
        var aliases = reports.overview(pl, review, Reports.Filter.NONE, "alias", false, 0, 0, "test").rows().stream()
                .map(Reports.CaseRow::alias).toList();
        assertThat(aliases).containsExactly("Sag 1", "Sag 2", "Sag 3", "Sag 4", "Sag 5", "Sag 6", "Sag 9", "Sag 10", "Sag 11",
                "Sag 12", "Sag 13");
    }

    @Test
    void theOverviewSummaryAndEarlyWarningOfAReviewAreRight() {
        Scenario s = givenScenario(T, 2);
        var o = tree(get("/reporting/api/reviews/" + s.review() + "/overview", T, "projektleder"));
        assertThat(o.get("total").getIntValue()).isEqualTo(6);
        var rows = o.get("rows");
        assertThat(col(rows, "alias")).containsExactly("Sag 1", "Sag 2", "Sag 3", "Sag 4", "Sag 5", "Sag 6");
        // Sag 2: moderated and validated to 3, the validator disagreed; its second review differed on one question.
        var sag2 = rows.get(1);
        assertThat(sag2.get("labels").get("kvalitet").getStringValue()).isEqualTo("3 – Tilfredsstillende");
        assertThat(sag2.get("validation").getStringValue()).isEqualTo("Uenig");
        assertThat(sag2.get("disagreements").getIntValue()).isEqualTo(1);
        assertThat(sag2.get("urgent").getBooleanValue()).isTrue();
        assertThat(sag2.get("maxSeverity").getStringValue()).isEqualTo("critical");
        assertThat(rows.get(0).get("disagreements").getIntValue()).isZero();
        assertThat(rows.get(2).get("validation").getStringValue()).isEqualTo("Ikke valideret");
        assertThat(rows.get(5).get("assessed").getBooleanValue()).isFalse();
        // Each case's rules by result (met, not met, unknown); "not applicable" is none of them.
        assertThat(col(rows, "rulesMet")).containsExactly("2", "2", "2", "1", "0", "0");
        assertThat(col(rows, "rulesNotMet")).containsExactly("0", "0", "0", "1", "0", "0");
        assertThat(col(rows, "rulesUnknown")).containsExactly("0", "0", "0", "0", "1", "1");
        // Filtered, sorted, paged.
        var over = tree(get("/reporting/api/reviews/" + s.review() + "/overview?question=kompensation&answer=overkompensation",
                T, "projektleder"));
        assertThat(col(over.get("rows"), "alias")).containsExactly("Sag 1", "Sag 4");
        var byQuality = tree(get("/reporting/api/reviews/" + s.review() + "/overview?sort=kvalitet&desc=true&size=2", T,
                "projektleder"));
        assertThat(col(byQuality.get("rows"), "alias")).containsExactly("Sag 1", "Sag 5");
        assertThat(byQuality.get("total").getIntValue()).isEqualTo(6);
        assertThat(get("/reporting/api/reviews/" + s.review() + "/overview?size=500", T, "projektleder").status()).isEqualTo(400);
        // Every case read is logged; other tenants and external reviewers see nothing.
        assertThat(count("select count(*) from access_log_entries where actor = 'user-0250-projektleder'")).isGreaterThanOrEqualTo(6);
        assertThat(get("/reporting/api/reviews/" + s.review() + "/overview", "0330", "projektleder").status()).isEqualTo(404);
        assertThat(get("/reporting/api/reviews/" + s.review() + "/overview", T, "reviewer").status()).isEqualTo(403);

        var sum = tree(get("/reporting/api/reviews/" + s.review() + "/summary", T, "styregruppe"));
        assertThat(sum.get("cases").getIntValue()).isEqualTo(6);
        assertThat(sum.get("assessed").getIntValue()).isEqualTo(5);
        var kvalitet = sum.get("questions").get(0).get("answers");
        // Final answers: 4, 3 (moderated), 3, 1, 3.
        assertThat(col(kvalitet, "count")).containsExactly("1", "0", "3", "1");
        assertThat(kvalitet.get(2).get("share").getDoubleValue()).isCloseTo(0.6, within(1e-9));
        var comp = sum.get("compensation");
        assertThat(col(comp, "code")).containsExactly("overkompensation", "passende", "underkompensation");
        assertThat(col(comp, "yearlyCostKr")).containsExactly("900000", "300000", "300000");
        assertThat(col(comp, "cases")).containsExactly("2", "2", "1");
        var rules = sum.get("rules");
        assertThat(rules.get(0).get("title").getStringValue()).isEqualTo("Børnefaglig undersøgelse inden for 4 måneder");
        assertThat(rules.get(0).get("rate").getDoubleValue()).isCloseTo(0.75, within(1e-9));
        assertThat(rules.get(1).get("rate").getDoubleValue()).isEqualTo(1.0);
        assertThat(sum.get("severities").get("critical").getIntValue()).isEqualTo(1);
        assertThat(sum.get("severities").get("major").getIntValue()).isEqualTo(1);
        assertThat(sum.get("severities").get("minor").getIntValue()).isEqualTo(1);
        // Agreement from the two double-reviewed cases: kvalitet 1 of 2 agree, the others 2 of 2.
        var agreement = sum.get("agreement");
        assertThat(agreement.get(0).get("result").get("percent").getDoubleValue()).isEqualTo(50.0);
        assertThat(agreement.get(0).get("result").get("cases").getIntValue()).isEqualTo(2);
        assertThat(agreement.get(1).get("result").get("percent").getDoubleValue()).isEqualTo(100.0);

        var w = tree(get("/reporting/api/reviews/" + s.review() + "/early-warning", T, "projektleder"));
        assertThat(w.get("review").get("budgetWarningOn").getStringValue()).isEqualTo("2018-09-10");
        assertThat(col(w.get("findings"), "alias")).containsExactly("Sag 4", "Sag 1");
        assertThat(w.get("totalKr").getLongValue()).isEqualTo(300_000);
        // The staff who work with the cases read what was found, with the days left to the budget date; the
        // steering group sees the categories and amounts only.
        assertThat(w.get("findings").values().iterator().next().get("text").getStringValue()).startsWith("Fundet i Sag 4");
        assertThat(w.get("findings").values().iterator().next().get("severityLabel").getStringValue()).isNotEmpty();
        assertThat(w.get("daysLeft").getLongValue()).isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(
                java.time.LocalDate.now(java.time.ZoneId.of("Europe/Copenhagen")), java.time.LocalDate.parse("2018-09-10")));
        var board = tree(get("/reporting/api/reviews/" + s.review() + "/early-warning", T, "styregruppe"));
        assertThat(board.get("findings").values().iterator().next().get("text")).isNull();
        assertThat(get("/reporting/api/reviews/" + s.review() + "/early-warning", T, "styregruppe").body())
                .doesNotContain("Fundet i");
    }

    @Test
    void twoReviewsSideBySideAndTheTenantsKeyFigures() {
        Scenario first = givenScenario("0330", 1);
        Scenario second = givenScenario("0330", 1);
        var t = tree(get("/reporting/api/trend?a=" + first.review() + "&b=" + second.review(), "0330", "projektleder"));
        assertThat(t.get("lines").get(0).get("shareA").getDoubleValue()).isEqualTo(t.get("lines").get(0).get("shareB")
                .getDoubleValue());
        assertThat(t.get("lines").size()).isEqualTo(4 + 3 + 3);

        for (int i = 0; i < 4; i++) {
            send("0330", "k" + i, CaseUpdated.newBuilder().setCaseId(UUID.randomUUID().toString()).setAlias("Sag " + i)
                    .setCaseType(i < 2 ? "anbringelse" : "forebyggende").setCaseworker("Rådgiver " + (i % 2 + 1))
                    .setOpen(true).setVersion(1)
                    .addTimeline(TimelineEvent.newBuilder().setKind("foranstaltning_startet").setDate("2024-01-01")
                            .setMeasureName("Plejefamilie").setYearlyCostKr(i < 2 ? 700_000 + i * 100_000 : 50_000))
                    .addTimeline(TimelineEvent.newBuilder().setKind("foranstaltning_startet").setDate("2024-02-01")
                            .setMeasureName("Samtaler").setYearlyCostKr(10_000))
                    .addTimeline(TimelineEvent.newBuilder().setKind("foranstaltning_afsluttet").setDate("2024-06-01")
                            .setMeasureName("Samtaler")).build(), 1);
        }
        Eventually.await(Duration.ofSeconds(10), "the cases", () -> count("select count(*) from tenant_cases") == 4);
        var k = tree(get("/reporting/api/key-figures", "0330", "projektleder"));
        assertThat(k.get("cases").getLongValue()).isEqualTo(4);
        assertThat(k.get("placements").getLongValue()).isEqualTo(2);
        // (700.000 + 800.000) / 2; the ended measure does not count.
        assertThat(k.get("costPerPlacementKr").getLongValue()).isEqualTo(750_000);
        assertThat(k.get("casesPerCaseworker").getDoubleValue()).isEqualTo(2.0);
        assertThat(k.get("compliance").size()).isGreaterThan(0);
    }

    @Test
    void anErasedReviewsCaseRowsAndArchivedEventsGoButItsSummaryStays() {
        Scenario s = givenScenario("0573", 1);
        send("0573", s.review(), ReviewCaseDataErased.newBuilder().setReviewId(s.review()).addAllCaseIds(s.cases()).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "erased", () ->
                count("select count(*) from case_assessments where review_id = '" + s.review() + "'") == 0);
        for (String table : List.of("review_cases", "case_findings", "case_validations", "case_moderations")) {
            assertThat(count("select count(*) from " + table + " where review_id = '" + s.review() + "'")).as(table).isZero();
        }
        assertThat(count("select count(*) from case_screenings where case_id::text in ('" + String.join("','", s.cases()) + "')"))
                .isZero();
        assertThat(count("select count(*) from retained_events where aggregate_id in ('" + String.join("','", s.cases()) + "')"))
                .isZero();
        assertThat(count("select count(*) from review_screenings where review_id = '" + s.review() + "'")).isEqualTo(1);
        assertThat(tree(get("/reporting/api/reviews/" + s.review() + "/overview", "0573", "projektleder")).get("total")
                .getIntValue()).isZero();
    }

    @Test
    void theReadModelsAreBuiltAgainFromTheArchive() {
        Scenario s = givenScenario("0147", 1);
        String before = get("/reporting/api/reviews/" + s.review() + "/summary", "0147", "projektleder").body();
        var rebuilt = post("/reporting/api/admin/rebuild", java.util.Map.of(), "0147", "tenant-admin");
        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(tree(rebuilt).get("events").getIntValue()).isGreaterThan(30);
        assertThat(get("/reporting/api/reviews/" + s.review() + "/summary", "0147", "projektleder").body()).isEqualTo(before);
        assertThat(post("/reporting/api/admin/rebuild", java.util.Map.of(), "0147", "projektleder").status()).isEqualTo(403);
    }
}
