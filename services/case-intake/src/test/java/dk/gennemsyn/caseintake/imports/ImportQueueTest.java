package dk.gennemsyn.caseintake.imports;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports wait their turn on the uploads volume; past gennemsyn.imports.max-waiting-bytes a new upload is refused with
 * a clear 503 and its file removed, so queued uploads cannot fill the volume. (10 bytes here: every file is past it.)
 */
@MicronautTest(transactional = false)
class ImportQueueTest extends Imported {

    Path uploads;

    @Override
    protected Map<String, String> overrides() {
        try {
            uploads = uploads == null ? Files.createTempDirectory("uploads") : uploads;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("gennemsyn.imports.max-waiting-bytes", "10", "gennemsyn.imports.work-dir", uploads.toString());
    }

    @Test
    void anUploadBeyondTheWaitingImportsIsRefusedAndItsFileRemoved() throws Exception {
        String file = HEADER + "2020-1;anbringelse;2012;Team Nord;R1;åben;underretning_modtaget;2015-01-01;;;\n";
        var body = MultipartBody.builder().addPart("file", "udtræk.csv", MediaType.TEXT_PLAIN_TYPE,
                file.getBytes(StandardCharsets.UTF_8)).build();
        var r = call(HttpRequest.POST("/intake/api/imports", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE),
                "0250", "projektleder");
        ImportLimitsTest.assertProblem(r, 503, "imports-busy", "Der venter allerede andre importer");
        assertThat(cases("0250")).isZero();
        assertThat(count("select count(*) from import_jobs where tenant = '0250'")).isZero();
        try (var left = Files.list(uploads)) {
            assertThat(left).as("no upload left on the volume").isEmpty();
        }
    }
}
