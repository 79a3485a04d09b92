package dk.gennemsyn.recommendations.web;

import dk.gennemsyn.recommendations.RecommendationsTest;
import dk.gennemsyn.testsupport.Http;
import dk.gennemsyn.testsupport.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tovholder's and the steering group's start pages, and where each role lands after signing in. */
@MicronautTest(transactional = false)
class StartPagesTest extends RecommendationsTest {

    static final String T = "0461";

    String page(String path, String user, String role) {
        Http.Result r = Http.call(http.toBlocking(), HttpRequest.GET(path).accept(MediaType.TEXT_HTML_TYPE)
                .bearerAuth(TestTokens.sign(TestTokens.claims(T, role).subject(user).build())));
        assertThat(r.status()).as(path + " as " + role).isEqualTo(200);
        return r.body();
    }

    @Test
    void theTovholderSeesTheirActionsDueAndTheSteeringGroupTheDecisionsToTakeAndThePlansProgress() {
        String review = givenReview(T, person("pl", "projektleder"), person("tov", "tovholder"), person("tov2", "tovholder"),
                person("sg", "styregruppe"));
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Copenhagen"));
        String accepted = tree(post("/recommendations/api/reviews/" + review + "/recommendations",
                Map.of("title", "Fast ledelsestilsyn"), T, "projektleder")).get("id").getStringValue();
        post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", "Færre sager pr. rådgiver"),
                T, "projektleder");
        post("/recommendations/api/recommendations/" + accepted + "/decisions", Map.of("decision", "accepted", "reason", "Ja",
                "meetingDate", today.toString()), T, "styregruppe");
        String area = tree(post("/recommendations/api/reviews/" + review + "/focus-areas", Map.of("title", "Ledelse",
                "recommendationIds", List.of(accepted)), T, "projektleder")).get("id").getStringValue();
        post("/recommendations/api/focus-areas/" + area + "/actions", Map.of("title", "Sagsfordeling", "owner", "tov",
                "dueDate", today.plusDays(30).toString()), T, "tovholder");
        post("/recommendations/api/focus-areas/" + area + "/actions", Map.of("title", "Tilsynsplan", "owner", "tov",
                "dueDate", today.minusDays(2).toString()), T, "tovholder");
        post("/recommendations/api/focus-areas/" + area + "/actions", Map.of("title", "Kollegial sparring", "owner", "tov2",
                "dueDate", today.plusDays(10).toString()), T, "tovholder");

        String mine = page("/recommendations/actions", "tov", "tovholder");
        // Own actions only, the overdue one first and marked.
        assertThat(mine).contains("Mine handlinger").doesNotContain("Kollegial sparring");
        assertThat(mine.indexOf("Tilsynsplan")).isPositive().isLessThan(mine.indexOf("Sagsfordeling"));
        assertThat(mine).contains("overskredet").contains("/recommendations/actions/");
        assertThat(page("/recommendations/actions?alle=true", "tov", "tovholder")).contains("Kollegial sparring");
        assertThat(page("/recommendations/actions", "pl", "projektleder")).contains("Ingen åbne handlinger");

        String steering = page("/recommendations/steering", "sg", "styregruppe");
        String waiting = steering.substring(steering.indexOf("Venter på beslutning"), steering.indexOf("Besluttet"));
        assertThat(waiting).contains("Færre sager pr. rådgiver").doesNotContain("Fast ledelsestilsyn");
        assertThat(steering.substring(steering.indexOf("Besluttet"))).containsPattern("Fast ledelsestilsyn</a><span>: Vedtaget");
        assertThat(steering).contains("Overskredet").contains("Se handleplanen");
    }

    @Test
    void eachRoleLandsOnItsOwnStartPage() {
        Map<String, String> expected = Map.of("projektleder", "/intake/", "tenant-admin", "/intake/",
                "tovholder", "/recommendations/actions", "styregruppe", "/recommendations/steering",
                "validator", "/assessment/", "reviewer", "/assessment/");
        expected.forEach((role, start) -> {
            Http.Result r = Http.call(http.toBlocking(), HttpRequest.GET("/recommendations/start")
                    .accept(MediaType.TEXT_HTML_TYPE).bearerAuth(TestTokens.token(T, role)));
            assertThat(r.status()).as(role).isEqualTo(303);
            assertThat(r.headers().get("Location")).as(role).isEqualTo(start);
        });
        // Several roles: the first of the order (a projektleder who also validates starts on the reviews).
        Http.Result both = Http.call(http.toBlocking(), HttpRequest.GET("/recommendations/start")
                .accept(MediaType.TEXT_HTML_TYPE).bearerAuth(TestTokens.token(T, "validator", "projektleder")));
        assertThat(both.headers().get("Location")).isEqualTo("/intake/");
    }
}
