package dk.gennemsyn.caseintake;

import dk.gennemsyn.testsupport.AuthorisationMatrix;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation × every role × own review / another review / another municipality, as authorisation.matrix says. */
@MicronautTest(transactional = false)
class AuthorisationMatrixTest extends IntakeTest {

    static final String T = "0250";

    @Test
    void everyOperationOfTheOpenApiAnswersEachRoleAsTheMatrixSays() throws Exception {
        AuthorisationMatrix.check(service(), http.toBlocking(), this::fixture);
    }

    /** Two reviews with a case each; every role's test user is a member of the first, nobody of the second. */
    Map<String, String> fixture() {
        Map<String, String> f = new HashMap<>();
        review(f, "", true);
        review(f, "other.", false);
        f.put("spareCase", created(post("/intake/api/cases", Map.of("caseType", "anbringelse"), T, "projektleder")));
        f.put("measure", created(post("/intake/api/measures", Map.of("name", "Familiebehandling " + System.nanoTime()),
                T, "projektleder")));
        var csv = ("sagsnummer;sagstype\nM-" + System.nanoTime() + ";anbringelse\n").getBytes(StandardCharsets.UTF_8);
        var upload = call(HttpRequest.POST("/intake/api/imports", MultipartBody.builder()
                .addPart("file", "udtræk.csv", MediaType.TEXT_PLAIN_TYPE, csv).build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), T, "projektleder");
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        f.put("import", id(upload));
        return f;
    }

    private void review(Map<String, String> f, String prefix, boolean members) {
        String review = created(post("/intake/api/reviews", Map.of("title", "Gennemgang", "periodFrom", "2016-01-01"),
                T, "projektleder"));
        String number = "SAG-" + prefix + System.nanoTime();
        String c = created(post("/intake/api/cases", Map.of("caseType", "anbringelse", "caseNumber", number), T,
                "projektleder"));
        f.put(prefix + "caseNumber", number);
        assertThat(post("/intake/api/reviews/" + review + "/cases", Map.of("caseId", c, "forklaede",
                "Valgt i stikprøven."), T, "projektleder").status()).isEqualTo(201);
        f.put(prefix + "review", review);
        f.put(prefix + "case", c);
        f.put(prefix + "event", created(post("/intake/api/cases/" + c + "/timeline",
                Map.of("kind", "underretning_modtaget", "date", "2026-01-10"), T, "projektleder")));
        f.put(prefix + "milestone", created(post("/intake/api/reviews/" + review + "/milestones",
                Map.of("kind", "budget_warning", "date", "2027-09-10"), T, "projektleder")));
        f.put(prefix + "person", created(post("/intake/api/reviews/" + review + "/people",
                Map.of("userId", "gæst", "name", "Gæst", "role", "styregruppe"), T, "projektleder")));
        if (members) {
            for (String role : AuthorisationMatrix.ROLES) {
                Map<String, Object> person = new HashMap<>(Map.of("userId", "user-" + T + "-" + role,
                        "name", "Testbruger", "role", role));
                if (role.equals("reviewer")) {
                    person.putAll(Map.of("organisation", "KL", "accessTo", Instant.now().plusSeconds(3600).toString()));
                }
                if (List.of("reviewer", "styregruppe", "tovholder", "validator", "projektleder").contains(role)) {
                    created(post("/intake/api/reviews/" + review + "/people", person, T, "projektleder"));
                }
            }
        }
    }

    private String created(dk.gennemsyn.testsupport.Http.Result r) {
        assertThat(r.status()).as(r.body()).isIn(200, 201, 202);
        return id(r);
    }
}
