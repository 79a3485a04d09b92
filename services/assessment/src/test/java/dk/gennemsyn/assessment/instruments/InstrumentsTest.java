package dk.gennemsyn.assessment.instruments;

import dk.gennemsyn.assessment.AssessmentTest;
import dk.gennemsyn.testsupport.Http;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versioned instruments: shipped defaults, copy into a new version, edit the draft, publish, then immutable. */
@MicronautTest(transactional = false)
class InstrumentsTest extends AssessmentTest {

    static final String T = "0250";

    Http.Result put(String path, Object body, String etag, String... roles) {
        var req = HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON);
        if (etag != null) {
            req.header("If-Match", etag);
        }
        return call(req, T, roles);
    }

    Http.Result postIfMatch(String path, String etag) {
        return call(HttpRequest.POST(path, "").header("If-Match", etag), T, "projektleder");
    }

    static Map<String, Object> body(String name, List<Map<String, Object>> questions) {
        return Map.of("name", name, "definition", Map.of("sections", List.of(Map.of("title", "Kvalitet", "questions", questions))));
    }

    static Map<String, Object> ordinal(String id, List<String> scale) {
        return Map.of("id", id, "text", "Hvordan er kvaliteten?", "type", "ordinal", "required", true, "scale", scale);
    }

    @Test
    void theShippedDefaultsArePublishedAndACopyBecomesTheNextVersionUntilPublished() {
        JsonNode list = tree(get("/assessment/api/instruments", T, "reviewer"));
        assertThat(list.values()).extracting(n -> n.get("name").getStringValue())
                .contains("Halsnæs-parametrene", "Juridisk tjekliste", "Sagsnotat (Varde)");
        String halsnaes = null;
        for (JsonNode n : list.values()) {
            assertThat(n.get("status").getStringValue()).isEqualTo("published");
            if (n.get("name").getStringValue().equals("Halsnæs-parametrene")) {
                halsnaes = n.get("id").getStringValue();
            }
        }
        String halsnaesId = halsnaes;
        String path = "/assessment/api/instruments/" + halsnaesId;
        Http.Result original = get(path, T, "projektleder");
        assertThat(original.body()).contains("kompensation").contains("barnets_syn");

        // Published: immutable through the API and in the database itself.
        Http.Result refused = put(path, body("Ændret", List.of(ordinal("q", List.of("Lav", "Høj")))),
                original.headers().get("ETag"), "projektleder");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("kan ikke ændres");
        assertThatThrownBy(() -> sql("update instruments set name = 'x' where id = '" + halsnaesId + "' returning 1",
                rs -> 1)).hasMessageContaining("published");

        assertThat(call(HttpRequest.POST(path + "/copy", ""), T, "reviewer").status()).isEqualTo(403);
        Http.Result copy = call(HttpRequest.POST(path + "/copy", ""), T, "projektleder");
        assertThat(copy.status()).isEqualTo(201);
        JsonNode draft = tree(copy);
        assertThat(draft.get("version").getIntValue()).isEqualTo(2);
        assertThat(draft.get("status").getStringValue()).isEqualTo("draft");
        assertThat(draft.get("basedOn").getStringValue()).isEqualTo(halsnaesId);
        String draftPath = "/assessment/api/instruments/" + draft.get("id").getStringValue();
        String etag = copy.headers().get("ETag");

        assertThat(put(draftPath, body("Halsnæs 2026", List.of(ordinal("q", List.of("Lav", "Høj")))), null, "projektleder")
                .status()).isEqualTo(428);
        Http.Result oneStep = put(draftPath, body("Halsnæs 2026", List.of(ordinal("q", List.of("Kun ét")))), etag,
                "projektleder");
        assertThat(oneStep.status()).isEqualTo(400);
        assertThat(oneStep.body()).contains("2-10 trin");
        Http.Result cpr = put(draftPath, body("Sag 010150-5000", List.of(ordinal("q", List.of("Lav", "Høj")))), etag,
                "projektleder");
        assertThat(cpr.status()).isEqualTo(400);
        assertThat(cpr.body()).doesNotContain("010150");
        Http.Result saved = put(draftPath, body("Halsnæs 2026", List.of(ordinal("kvalitet", List.of("Lav", "Middel", "Høj")))),
                etag, "projektleder");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(put(draftPath, body("Igen", List.of(ordinal("q", List.of("Lav", "Høj")))), etag, "projektleder").status())
                .isEqualTo(412);
        Http.Result published = postIfMatch(draftPath + "/publish", saved.headers().get("ETag"));
        assertThat(published.status()).isEqualTo(200);
        assertThat(tree(published).get("status").getStringValue()).isEqualTo("published");
        assertThat(put(draftPath, body("Efter", List.of(ordinal("q", List.of("Lav", "Høj")))),
                published.headers().get("ETag"), "projektleder").status()).isEqualTo(409);
        // The original version is untouched; another tenant sees neither.
        assertThat(get(path, T, "projektleder").body()).isEqualTo(original.body());
        assertThat(get(draftPath, "0330", "projektleder").status()).isEqualTo(404);
    }
}
