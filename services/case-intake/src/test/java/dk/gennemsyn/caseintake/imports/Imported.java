package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.caseintake.IntakeTest;
import dk.gennemsyn.testsupport.Eventually;
import dk.gennemsyn.testsupport.Http;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.json.tree.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs imports through the API and reads their outcome. */
abstract class Imported extends IntakeTest {

    static final String HEADER = "sagsnummer;sagstype;fødselsår;team;rådgiver;status;hændelse;dato;tilbud;årlig_udgift;note\n";

    JsonNode importFile(String tenant, byte[] content, boolean allOrNothing) {
        var body = MultipartBody.builder().addPart("file", "udtræk.csv", MediaType.TEXT_PLAIN_TYPE, content)
                .addPart("allOrNothing", Boolean.toString(allOrNothing)).build();
        Http.Result started = call(HttpRequest.POST("/intake/api/imports", body)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), tenant, "projektleder");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.headers().get("Location");
        JsonNode[] job = new JsonNode[1];
        Eventually.await(Duration.ofSeconds(60), "import done", () -> {
            job[0] = tree(get(location, tenant, "projektleder"));
            String s = job[0].get("status").getStringValue();
            return !s.equals("queued") && !s.equals("running");
        });
        return job[0];
    }

    JsonNode importFile(String tenant, String content, boolean allOrNothing) {
        return importFile(tenant, content.getBytes(StandardCharsets.UTF_8), allOrNothing);
    }

    long cases(String tenant) {
        return count("select count(*) from cases where tenant = '" + tenant + "'");
    }

    static String status(JsonNode job) {
        return job.get("status").getStringValue();
    }

    String errors(JsonNode job) {
        try {
            return job.get("errors") == null ? "[]" : json.writeValueAsString(job.get("errors"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
