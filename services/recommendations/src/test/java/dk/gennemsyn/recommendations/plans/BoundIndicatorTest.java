package dk.gennemsyn.recommendations.plans;

import dk.gennemsyn.proto.assessment.v1.ReviewScreeningSummaryChanged;
import dk.gennemsyn.proto.assessment.v1.RuleSummary;
import dk.gennemsyn.proto.assessment.v1.TenantScreeningMeasured;
import dk.gennemsyn.recommendations.RecommendationsTest;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the loop: an action's indicator bound to a legal rule of the screening starts from the review's own sample
 * and takes its next value from every case-system import (assessment's TenantScreeningMeasured), never typed.
 */
@MicronautTest(transactional = false)
class BoundIndicatorTest extends RecommendationsTest {

    // Its own municipality: the tenant-wide measurements of this test are the only ones there.
    static final String T = "0330";
    static final String BFU = "bfu_4_maaneder";
    static final String BFU_TITLE = "Børnefaglig undersøgelse afsluttet inden for 4 måneder";

    static RuleSummary rule(String code, String title, int met, int notMet) {
        return RuleSummary.newBuilder().setRule(code).setTitle(title).setMet(met).setNotMet(notMet).build();
    }

    String html(String path, String user, String role) {
        var r = as(T, user, HttpRequest.GET(path).accept(MediaType.TEXT_HTML_TYPE), role);
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void anIndicatorBoundToALegalRuleStartsAtTheReviewAndIsMeasuredAgainAtEveryImport() {
        String review = givenReview(T, person("tov", "tovholder"), person("sg", "styregruppe"));
        // The review's own sample: 12 of 30 judged cases finished their BFU within 4 months (40 %).
        send(T, review, ReviewScreeningSummaryChanged.newBuilder().setReviewId(review).setCases(40)
                .setComputedAt(Instant.now().toString()).addRules(rule(BFU, BFU_TITLE, 12, 18))
                .addRules(rule("barnets_synspunkter", "Barnets synspunkter (børnesamtale) før afgørelse", 5, 5)).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the review's screening kept",
                () -> count("select count(*) from review_screening where review_id = '" + review + "'") == 2);
        assertThat(tree(get("/recommendations/api/reviews/" + review + "/measures", T, "tovholder")).get(BFU)
                .getStringValue()).isEqualTo(BFU_TITLE);

        String rec = id(post("/recommendations/api/reviews/" + review + "/recommendations",
                Map.of("title", "Undersøgelser til tiden"), T, "projektleder"));
        post("/recommendations/api/recommendations/" + rec + "/decisions", Map.of("decision", "accepted", "reason", "Ja",
                "meetingDate", "2026-11-02"), T, "styregruppe");
        String area = id(post("/recommendations/api/reviews/" + review + "/focus-areas",
                Map.of("title", "Faglig udredning", "recommendationIds", List.of(rec)), T, "projektleder"));
        LocalDate due = LocalDate.now(ZoneId.of("Europe/Copenhagen")).plusDays(120);
        var created = post("/recommendations/api/focus-areas/" + area + "/actions", Map.of("title",
                "Undersøgelser afsluttes til tiden", "owner", "tov", "dueDate", due.toString(), "measure", BFU,
                "target", 90), T, "tovholder");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var action = tree(created);
        String id = action.get("id").getStringValue();
        // Named after the rule, in percent, the baseline from the review (nothing typed but the target).
        assertThat(action.get("indicator").getStringValue()).isEqualTo(BFU_TITLE);
        assertThat(action.get("unit").getStringValue()).isEqualTo("%");
        assertThat(action.get("baseline").getDoubleValue()).isEqualTo(40.0);
        assertThat(action.get("measurements")).as("nothing measured yet (an empty list is left out)").isNull();
        // A manual action beside it is never measured by an import.
        String manual = id(post("/recommendations/api/focus-areas/" + area + "/actions", Map.of("title", "Skabelon",
                "owner", "tov", "dueDate", due.toString(), "indicator", "Sager med skabelon", "unit", "%",
                "baseline", 10, "target", 80), T, "tovholder"));

        // Two imports: 61 of 100, then 70 of 100. The first is delivered twice; the second's measurement is sent
        // again as a new event (a replay): each import gives one value.
        String import1 = UUID.randomUUID().toString();
        String import2 = UUID.randomUUID().toString();
        send(T, import1, measured(import1, Instant.now().minus(1, ChronoUnit.DAYS), 61, 39), 2);
        Eventually.await(Duration.ofSeconds(10), "the first import measured",
                () -> count("select count(*) from indicator_values where action_id = '" + id + "'") == 1);
        send(T, import2, measured(import2, Instant.now(), 70, 30), 1);
        send(T, import2, measured(import2, Instant.now(), 70, 30), 1);
        Eventually.await(Duration.ofSeconds(10), "the second import measured",
                () -> count("select count(*) from tenant_screening where import_id = '" + import2 + "'") == 2
                        && count("select count(*) from indicator_values where action_id = '" + id + "'") == 2);
        Eventually.await(Duration.ofSeconds(10), "both events handled",
                () -> count("select count(*) from inbox where event_type like '%TenantScreeningMeasured'"
                        + " and tenant = '" + T + "'") == 3);
        var after = tree(get("/recommendations/api/actions/" + id, T, "tovholder"));
        assertThat(after.get("measurements").size()).isEqualTo(2);
        assertThat(after.get("measurements").get(0).get("value").getDoubleValue()).isEqualTo(61.0);
        assertThat(after.get("measurements").get(1).get("value").getDoubleValue()).isEqualTo(70.0);
        assertThat(after.get("measurements").get(1).get("fromScreening").getBooleanValue()).isTrue();
        assertThat(count("select count(*) from indicator_values where action_id = '" + manual + "'")).isZero();
        Eventually.await(Duration.ofSeconds(10), "IndicatorRecorded per import",
                () -> ofReview("IndicatorRecorded", review).size() == 2);

        // Nobody types a value into a bound indicator.
        var typed = post("/recommendations/api/actions/" + id + "/measurements", Map.of("value", 99), T, "tovholder");
        assertThat(typed.status()).isEqualTo(409);
        assertThat(tree(typed).get("field").getStringValue()).isEqualTo("value");

        // The curve from the review (40) over both imports, against the target, on the plan, the action's page and
        // the steering group's overview.
        for (String page : List.of(html("/recommendations/reviews/" + review + "/plan", "tov", "tovholder"),
                html("/recommendations/actions/" + id, "tov", "tovholder"),
                html("/recommendations/steering", "sg", "styregruppe"))) {
            var polyline = Pattern.compile("<polyline class=\"curve-line\" points=\"([^\"]+)\"").matcher(page);
            assertThat(polyline.find()).as("a curve").isTrue();
            assertThat(polyline.group(1).split(" ")).hasSize(3);
            assertThat(page).contains("fra 40 til 70 % over 2 målinger; målet er 90 %");
        }
        String actionPage = html("/recommendations/actions/" + id, "tov", "tovholder");
        assertThat(actionPage).contains("Måles automatisk ved hver import fra sagssystemet: " + BFU_TITLE)
                .contains("Import fra sagssystemet").doesNotContain("Registrér måling");
    }

    @Test
    void aRuleTheScreeningHasNotMeasuredIsRefusedBesideItsField() {
        String review = givenReview(T, person("tov", "tovholder"));
        String area = id(post("/recommendations/api/reviews/" + review + "/focus-areas", Map.of("title", "Opfølgning"),
                T, "projektleder"));
        var refused = post("/recommendations/api/focus-areas/" + area + "/actions", Map.of("title", "X", "owner", "tov",
                "dueDate", "2027-06-01", "measure", "findes_ikke", "target", 90), T, "tovholder");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(tree(refused).get("field").getStringValue()).isEqualTo("measure");
    }

    static TenantScreeningMeasured measured(String importId, Instant at, int met, int notMet) {
        return TenantScreeningMeasured.newBuilder().setImportId(importId).setCases(met + notMet + 20)
                .setMeasuredAt(at.toString()).addRules(rule(BFU, BFU_TITLE, met, notMet))
                .addRules(rule("opfoelgning_3_maaneder", "Første opfølgning inden for 3 måneder", 30, 30)).build();
    }
}
