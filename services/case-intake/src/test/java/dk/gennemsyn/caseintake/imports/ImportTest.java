package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.caseintake.IntakeTest;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ImportTest extends Imported {

    @Test
    void aGoodFileImportsItsCasesAndTimelinesAndReimportingItChangesNothing() throws Exception {
        String t = "0101";
        assertThat(post("/intake/api/measures", Map.of("name", "Familiebehandling", "legalBasisBarnetsLov", "§ 32, stk. 1, nr. 3",
                "pricePerYearKr", 120000), t, "projektleder").status()).isEqualTo(201);
        String file = HEADER
                + "2019-0001;anbringelse;2012;Team Nord;HHA;åben;underretning_modtaget;2019-03-01;;;Underretning fra skolen\n"
                + "2019-0001;anbringelse;2012;Team Nord;HHA;åben;foranstaltning_startet;2019-05-01;familiebehandling;\"125.000\";\"Note med ; og \"\"citat\"\"\"\n"
                + "2019-0002;forebyggende;2015;Team Syd;HHA;lukket;;;;;\n"
                + "2019-0003;forebyggende;2014;Team Syd;PJE;åben;bfu_startet;01-02-2020;;;\"to\nlinjer\"\n";
        JsonNode job = importFile(t, file, true);
        assertThat(status(job)).as(errors(job)).isEqualTo("succeeded");
        assertThat(job.get("casesCreated").getIntValue()).isEqualTo(3);
        assertThat(job.get("percent").getIntValue()).isEqualTo(100);
        assertThat(cases(t)).isEqualTo(3);
        // The list's total is kept by the database (V6): the import's one insert of many cases counted.
        assertThat(tree(get("/intake/api/cases", t, "projektleder")).get("total").getIntValue()).isEqualTo(3);
        assertThat(count("select count(*) from timeline_events where tenant = '" + t + "'")).isEqualTo(3);
        // The measure row took its legal basis from the catalogue and its cost from the file.
        assertThat(sql("select legal_basis_barnets_lov, yearly_cost_kr, note from timeline_events where kind = 'foranstaltning_startet'"
                + " and tenant = '" + t + "'", rs -> rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3)))
                .containsExactly("§ 32, stk. 1, nr. 3|125000|Note med ; og \"citat\"");
        // Case numbers only encrypted; caseworkers only as pseudonyms: the names and numbers are nowhere in the table.
        assertThat(sql("select c::text from cases c where tenant = '" + t + "'", rs -> rs.getString(1)))
                .noneMatch(row -> row.contains("2019-0001") || row.contains("HHA") || row.contains("PJE"));
        assertThat(sql("select caseworker from cases where tenant = '" + t + "' order by alias_no", rs -> rs.getString(1)))
                .containsExactly("Rådgiver 1", "Rådgiver 1", "Rådgiver 2");
        // Found again by its number; one CaseUpdated (version 0) for each.
        var found = post("/intake/api/cases/lookup", Map.of("caseNumber", " 2019-0003 "), t, "validator");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).contains("\"alias\":\"Sag 3\"");
        Eventually.await(Duration.ofSeconds(10), "events of the import", () -> events("CaseUpdated").stream()
                .filter(e -> e.getTenant().equals(t)).count() == 3);
        // Then that the import is done (assessment measures the screening again): after the cases, in the outbox's order.
        String jobId = job.get("id").getStringValue();
        Eventually.await(Duration.ofSeconds(10), "CasesImported", () -> events("CasesImported").stream()
                .anyMatch(e -> e.getAggregateId().equals(jobId)));
        var imported = dk.gennemsyn.proto.caseintake.v1.CasesImported.parseFrom(events("CasesImported").stream()
                .filter(e -> e.getAggregateId().equals(jobId)).findFirst().orElseThrow().getPayload());
        assertThat(imported.getCreated()).isEqualTo(3);
        assertThat(published.stream().filter(e -> e.getTenant().equals(t)).map(e -> e.getEventType()).toList())
                .as("the cases first").endsWith("gennemsyn.caseintake.v1.CasesImported");
        // One correlation for the whole import, the upload's: its consumers can take the cases as one run.
        assertThat(published.stream().filter(e -> e.getTenant().equals(t) && e.getEventType().contains(".Case"))
                .map(e -> e.getCorrelationId()).distinct()).hasSize(1);
        long accessLogBefore = count("select count(*) from access_log_entries where tenant = '" + t + "' and purpose = 'import fra sagssystem'");
        assertThat(accessLogBefore).isEqualTo(3);

        JsonNode again = importFile(t, file, true);
        assertThat(status(again)).isEqualTo("succeeded");
        assertThat(again.get("casesCreated").getIntValue()).isZero();
        assertThat(again.get("casesUpdated").getIntValue()).isZero();
        assertThat(again.get("casesUnchanged").getIntValue()).isEqualTo(3);
        assertThat(cases(t)).isEqualTo(3);

        // One changed row updates its case and replaces its imported timeline; the others stay as they were.
        JsonNode changed = importFile(t, file.replace("bfu_startet;01-02-2020", "bfu_startet;02-02-2020"), true);
        assertThat(changed.get("casesUpdated").getIntValue()).isEqualTo(1);
        assertThat(changed.get("casesUnchanged").getIntValue()).isEqualTo(2);
        assertThat(sql("select occurred_on::text from timeline_events where kind = 'bfu_startet' and tenant = '" + t + "'",
                rs -> rs.getString(1))).containsExactly("2020-02-02");
    }

    @Test
    void timesOfDayAreImportedAndCarriedInTheCaseEvent() throws Exception {
        String t = "0153";
        String header = "sagsnummer;sagstype;hændelse;dato;tidspunkt\n";
        JsonNode bad = importFile(t, header + "2024-1;underretning;underretning_modtaget;2024-03-01;25:00\n", true);
        assertThat(status(bad)).isEqualTo("rejected");
        assertThat(errors(bad)).contains("Tidspunktet skal skrives som TT:MM").contains("tidspunkt");
        JsonNode job = importFile(t, header + "2024-1;underretning;underretning_modtaget;2024-03-01;10:00\n"
                + "2024-1;underretning;underretning_vurderet;2024-03-02;9.30\n"
                + "2024-1;underretning;afdaekning;2024-03-03;\n", true);
        assertThat(status(job)).as(errors(job)).isEqualTo("succeeded");
        assertThat(sql("select kind || ' ' || coalesce(occurred_time::text, '-') from timeline_events where tenant = '" + t
                + "' order by occurred_on", rs -> rs.getString(1)))
                .containsExactly("underretning_modtaget 10:00:00", "underretning_vurderet 09:30:00", "afdaekning -");
        Eventually.await(Duration.ofSeconds(10), "the case event", () -> events("CaseUpdated").stream()
                .anyMatch(e -> e.getTenant().equals(t)));
        var updated = dk.gennemsyn.proto.caseintake.v1.CaseUpdated.parseFrom(events("CaseUpdated").stream()
                .filter(e -> e.getTenant().equals(t)).findFirst().orElseThrow().getPayload());
        assertThat(updated.getTimelineList()).extracting(dk.gennemsyn.proto.caseintake.v1.TimelineEvent::getTime)
                .containsExactly("10:00", "09:30", "");
    }

    @Test
    void badFilesAreRefusedWithClearErrorsAndNothingIsImported() {
        String t = "0147";
        String good = "2019-0001;anbringelse;2012;Team Nord;;åben;;;;;\n";
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("ikke gyldig UTF-8", (HEADER + good + "2019-0002;anbringelse;2012;Team Ø;;åben;;;;;\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        files.put("mangler", "sagsnummer;fødselsår\n2019-1;2012\n".getBytes(StandardCharsets.UTF_8));
        files.put("anførselstegn", (HEADER + good + "2019-0002;anbringelse;2012;Team \"Nord;;åben;;;;;\n").getBytes(StandardCharsets.UTF_8));
        files.put("slutter aldrig", (HEADER + good + "2019-0002;anbringelse;2012;\"Team Nord;;åben;;;;;\n").getBytes(StandardCharsets.UTF_8));
        files.put("længere end", (HEADER + good + "2019-0002;anbringelse;2012;Team;;åben;;;;;" + "x".repeat(20_000) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        files.put("CPR-nummer", (HEADER + good + "2019-0002;anbringelse;2012;Team;;åben;afgoerelse;2020-01-01;;;Barnets cpr 010150-5000\n")
                .getBytes(StandardCharsets.UTF_8));
        files.put("gentager linje", (HEADER + good + "2019-0002;anbringelse;2012;Team;;åben;afgoerelse;2020-01-01;;;\n"
                + "2019-0002;anbringelse;2012;Team;;åben;afgoerelse;2020-01-01;;;\n").getBytes(StandardCharsets.UTF_8));
        files.put("forskellige sagsoplysninger", (HEADER + good + "2019-0001;forebyggende;2012;Team Nord;;åben;;;;;\n")
                .getBytes(StandardCharsets.UTF_8));
        files.put("Ukendt sagstype", (HEADER + good + "2019-0002;anbragt;2012;Team;;åben;;;;;\n").getBytes(StandardCharsets.UTF_8));
        files.put("tilbudsvifte", (HEADER + good + "2019-0002;anbringelse;2012;Team;;åben;foranstaltning_startet;2020-01-01;Ukendt tilbud;;\n")
                .getBytes(StandardCharsets.UTF_8));
        files.put("UTF-16", (HEADER + good).getBytes(StandardCharsets.UTF_16));
        for (var f : files.entrySet()) {
            JsonNode job = importFile(t, f.getValue(), true);
            assertThat(status(job)).as(f.getKey()).isEqualTo("rejected");
            assertThat(errors(job)).as(f.getKey()).contains(f.getKey()).doesNotContain("010150");
            assertThat(job.get("errors").get(0).get("line").getLongValue()).as(f.getKey()).isPositive();
            assertThat(cases(t)).as(f.getKey() + ": nothing imported").isZero();
        }
        assertThat(count("select count(*) from import_jobs where tenant = '" + t + "' and errors::text like '%010150%'")).isZero();
    }

    @Test
    void thePartialOptionImportsTheValidCasesAndReportsTheRest() {
        String t = "0157";
        String file = HEADER
                + "A-1;anbringelse;2012;Team;;åben;afgoerelse;2020-01-01;;;\n"
                + "A-2;anbringelse;2012;Team;;åben;afgoerelse;2020-13-01;;;\n"
                + "A-2;anbringelse;2012;Team;;åben;plan;2020-02-01;;;\n"
                + "A-3;forebyggende;2013;Team;;åben;;;;;\n";
        JsonNode job = importFile(t, file, false);
        assertThat(status(job)).as(errors(job)).isEqualTo("partly_imported");
        assertThat(job.get("casesCreated").getIntValue()).isEqualTo(2);
        // Both rows of A-2 are skipped: a case is never imported with part of its timeline.
        assertThat(job.get("rowsRejected").getIntValue()).isEqualTo(2);
        assertThat(errors(job)).contains("\"line\":3").contains("\"column\":\"dato\"");
        assertThat(cases(t)).isEqualTo(2);
    }
}
