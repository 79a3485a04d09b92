package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.testsupport.Http;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything an upload can make the service hold is bounded (docs/security.md, "Limits"), and each bound answers
 * with a Danish problem naming it, imports nothing, and leaves the service serving. This module's tests run under
 * the chart's memory settings (pom.xml: 70 % of the pod's 512 Mi), where the 1.5-million-column header killed the
 * service before.
 */
@MicronautTest(transactional = false)
class ImportLimitsTest extends Imported {

    @Override
    protected Map<String, String> overrides() {
        return Map.of("gennemsyn.imports.max-rows", "50", "gennemsyn.limits.upload", "5MB");
    }

    Http.Result upload(String tenant, byte[] content, String path) {
        var body = MultipartBody.builder().addPart("file", "udtræk.csv", MediaType.TEXT_PLAIN_TYPE, content).build();
        return call(HttpRequest.POST(path, body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE), tenant, "projektleder");
    }

    static void assertProblem(Http.Result r, int status, String slug, String text) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).contains("urn:gennemsyn:problem:" + slug).contains(text);
    }

    void assertNothingImportedAndStillServing(String tenant) {
        assertThat(cases(tenant)).isZero();
        assertThat(count("select count(*) from import_jobs where tenant = '" + tenant + "'")).isZero();
        assertThat(get("/intake/api/imports", tenant, "projektleder").status()).isEqualTo(200);
    }

    @Test
    void theTestsRunUnderTheChartsHeap() {
        // charts/gennemsyn/values.yaml: limits.memory 512Mi, -XX:MaxRAMPercentage=70.
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo((long) (512L * 1024 * 1024 * 0.72));
    }

    @Test
    void aHeaderWithMillionsOfColumnsIsRefusedAtOnceAndTheServiceKeepsServing() {
        String t = "0161";
        byte[] header = "x;".repeat(1_500_000).getBytes(StandardCharsets.UTF_8); // 3 MB, as in the examination
        for (int i = 0; i < 3; i++) {
            assertProblem(upload(t, header, "/intake/api/imports"), 422, "import-limit", "mere end 100 kolonner");
        }
        var page = upload(t, header, "/intake/imports");
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.body()).contains("mere end 100 kolonner");
        assertNothingImportedAndStillServing(t);
    }

    @Test
    void aHeaderLineOverTheLineLimitIsRefusedAtOnce() {
        String t = "0163";
        String line = String.join(";", java.util.Collections.nCopies(20, "k".repeat(9_000))) + "\n";
        assertProblem(upload(t, line.getBytes(StandardCharsets.UTF_8), "/intake/api/imports"), 422, "import-limit",
                "længere end 65536 tegn");
        assertNothingImportedAndStillServing(t);
    }

    @Test
    void aSpreadsheetIsRefusedWithAHintToSaveItAsCsv() {
        String t = "0165";
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
        assertProblem(upload(t, zip, "/intake/api/imports"), 415, "import-not-csv", "CSV UTF-8");
        assertNothingImportedAndStillServing(t);
    }

    @Test
    void aFileOverTheUploadLimitIsA413NamingTheLimit() {
        String t = "0167";
        byte[] big = (HEADER + "2019-0001;anbringelse;2012;Team;;åben;;;;;" + "x".repeat(6 * 1024 * 1024) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(upload(t, big, "/intake/api/imports"), 413, "too-large", "5 MB");
        assertNothingImportedAndStillServing(t);
    }

    @Test
    void moreRowsThanTheLimitRejectTheJobNamingTheLimitAndImportNothing() {
        String t = "0169";
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 1; i <= 60; i++) {
            file.append("2019-").append(i).append(";anbringelse;2012;Team;;åben;;;;;\n");
        }
        JsonNode job = importFile(t, file.toString(), false);
        assertThat(status(job)).isEqualTo("rejected");
        assertThat(errors(job)).contains("mere end 50 rækker");
        assertThat(cases(t)).isZero();
    }

    @Test
    void aDataLineOverTheLineLimitRejectsTheJob() {
        String t = "0171";
        // Each field within the field limit, eight of them beyond the header: 72,000 characters on one line.
        JsonNode job = importFile(t, HEADER + "2019-0001;anbringelse;2012;Team;;åben;;;;;" + (";" + "n".repeat(9_000)).repeat(8)
                + "\n", false);
        assertThat(status(job)).isEqualTo("rejected");
        assertThat(errors(job)).contains("længere end");
        assertThat(cases(t)).isZero();
    }
}
