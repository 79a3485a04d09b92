package dk.gennemsyn.recommendations.plans;

import dk.gennemsyn.proto.recommendations.v1.ActionDueSoon;
import dk.gennemsyn.proto.recommendations.v1.ActionOverdue;
import dk.gennemsyn.recommendations.RecommendationsTest;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class PlanTest extends RecommendationsTest {

    static final String T = "0250";

    @Inject DueDates dueDates;

    String accepted(String review, String title) {
        String id = tree(post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", title), T,
                "projektleder")).get("id").getStringValue();
        post("/recommendations/api/recommendations/" + id + "/decisions", Map.of("decision", "accepted", "reason", "Ja",
                "meetingDate", "2026-01-12"), T, "styregruppe");
        return id;
    }

    String focusArea(String review, String title, List<String> recs) {
        var r = post("/recommendations/api/reviews/" + review + "/focus-areas", Map.of("title", title, "recommendationIds", recs),
                T, "projektleder");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return tree(r).get("id").getStringValue();
    }

    JsonNode action(String area, Map<String, Object> body) {
        var r = post("/recommendations/api/focus-areas/" + area + "/actions", body, T, "tovholder");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return tree(r);
    }

    @Test
    void focusAreasComeFromAcceptedRecommendationsInAPriorityOrderWithAHorizon() {
        String review = givenReview(T, person("tov", "tovholder"));
        String a1 = accepted(review, "Børnefaglige undersøgelser til tiden");
        String undecided = tree(post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", "Uafklaret"),
                T, "projektleder")).get("id").getStringValue();
        var refused = post("/recommendations/api/reviews/" + review + "/focus-areas",
                Map.of("title", "X", "recommendationIds", List.of(undecided)), T, "projektleder");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(tree(refused).get("detail").getStringValue()).contains("Kun vedtagne anbefalinger").contains("A2");
        String first = focusArea(review, "Faglig udredning", List.of(a1));
        String second = focusArea(review, "Opfølgning", List.of());
        String third = focusArea(review, "Ledelsesinformation", List.of());
        var board = tree(call(HttpRequest.PUT("/recommendations/api/reviews/" + review + "/focus-areas/priority",
                Map.of("order", List.of(third, first, second), "horizons", Map.of(third, "long"))), T, "projektleder"));
        assertThat(board.get("focusAreas").get(0).get("title").getStringValue()).isEqualTo("Ledelsesinformation");
        assertThat(board.get("focusAreas").get(0).get("horizon").getStringValue()).isEqualTo("long");
        assertThat(board.get("focusAreas").get(1).get("recommendationCodes").get(0).getStringValue()).isEqualTo("A1");
        // The order must name every focus area once.
        assertThat(call(HttpRequest.PUT("/recommendations/api/reviews/" + review + "/focus-areas/priority",
                Map.of("order", List.of(third, first))), T, "projektleder").status()).isEqualTo(400);
        assertThat(events("FocusAreaPrioritised")).isNotEmpty();
    }

    @Test
    void anActionCannotStartWithoutAMeasurableIndicatorAndThePlanShowsWhatIsOnTrackAtRiskAndOverdue() throws Exception {
        String review = givenReview(T, person("tov", "tovholder"), person("leder", "validator"));
        String area = focusArea(review, "Opfølgning", List.of());
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Copenhagen"));
        var noIndicator = action(area, Map.of("title", "Opfølgning inden 3 måneder", "owner", "tov",
                "dueDate", today.plusDays(60).toString()));
        String id = noIndicator.get("id").getStringValue();
        var refused = call(HttpRequest.PUT("/recommendations/api/actions/" + id + "/status", Map.of("status", "in_progress"))
                .header("If-Match", "\"v1\""), T, "tovholder");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(tree(refused).get("field").getStringValue()).isEqualTo("indicator");
        // With an indicator (baseline 44 %, target 90 %, as the Børnesagsbarometer's 3-month follow-up) it can start.
        var withIndicator = call(HttpRequest.PUT("/recommendations/api/actions/" + id, Map.of("title", "Opfølgning inden 3 måneder",
                "owner", "tov", "dueDate", today.plusDays(60).toString(), "indicator", "Andel sager fulgt op inden 3 måneder",
                "unit", "%", "baseline", 44, "target", 90)).header("If-Match", "\"v1\""), T, "tovholder");
        assertThat(withIndicator.status()).as(withIndicator.body()).isEqualTo(200);
        var started = call(HttpRequest.PUT("/recommendations/api/actions/" + id + "/status", Map.of("status", "in_progress"))
                .header("If-Match", "\"v2\""), T, "tovholder");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        // The owner records progress on the indicator; a planner or the owner only.
        var measured = as(T, "tov", HttpRequest.POST("/recommendations/api/actions/" + id + "/measurements",
                Map.of("value", 52, "measuredOn", today.toString())), "tovholder");
        assertThat(tree(measured).get("measurements").get(0).get("value").getIntValue()).isEqualTo(52);
        assertThat(as(T, "leder", HttpRequest.POST("/recommendations/api/actions/" + id + "/notes", Map.of("body", "x")),
                "validator").status()).isEqualTo(403);

        action(area, Map.of("title", "Skabelon for handleplaner", "owner", "leder", "dueDate", today.minusDays(2).toString()));
        action(area, Map.of("title", "Undervisning i børnesamtaler", "owner", "tov", "dueDate", today.plusDays(5).toString()));
        var drop = action(area, Map.of("title", "Opgivet idé", "owner", "tov", "dueDate", today.plusDays(5).toString()));
        var noReason = call(HttpRequest.PUT("/recommendations/api/actions/" + drop.get("id").getStringValue() + "/status",
                Map.of("status", "dropped")).header("If-Match", "\"v1\""), T, "tovholder");
        assertThat(tree(noReason).get("field").getStringValue()).isEqualTo("reason");
        call(HttpRequest.PUT("/recommendations/api/actions/" + drop.get("id").getStringValue() + "/status",
                Map.of("status", "dropped", "reason", "Dækket af en anden handling")).header("If-Match", "\"v1\""), T, "tovholder");

        var board = tree(get("/recommendations/api/reviews/" + review + "/plan", T, "styregruppe"));
        assertThat(board.get("health").get("on_track").getIntValue()).isEqualTo(1);
        assertThat(board.get("health").get("overdue").getIntValue()).isEqualTo(1);
        assertThat(board.get("health").get("at_risk").getIntValue()).isEqualTo(1);
        assertThat(board.get("health").get("done").getIntValue()).isEqualTo(1);
        Eventually.await(Duration.ofSeconds(10), "ActionCompleted", () -> ofReview("ActionCompleted", review).size() == 1
                && ofReview("IndicatorRecorded", review).size() == 1);
    }

    @Test
    void dueSoonAndOverdueAreAnnouncedOncePerDueDate() throws Exception {
        String review = givenReview(T, person("tov", "tovholder"));
        String area = focusArea(review, "Sagsgange", List.of());
        // Due Friday 10 April 2026 (Easter just before): 5 working days before is Tuesday 31 March.
        var a = action(area, Map.of("title", "Ny procedure", "owner", "tov", "dueDate", "2026-04-10"));
        assertThat(dueDates.run(T, LocalDate.parse("2026-03-30"))).isZero();
        assertThat(dueDates.run(T, LocalDate.parse("2026-03-31"))).isEqualTo(1);
        assertThat(dueDates.run(T, LocalDate.parse("2026-04-01"))).isZero();
        assertThat(dueDates.run(T, LocalDate.parse("2026-04-10"))).isZero();
        assertThat(dueDates.run(T, LocalDate.parse("2026-04-11"))).isZero(); // Saturday: not a working day late yet
        assertThat(dueDates.run(T, LocalDate.parse("2026-04-13"))).isEqualTo(1);
        assertThat(dueDates.run(T, LocalDate.parse("2026-04-14"))).isZero();
        Eventually.await(Duration.ofSeconds(10), "the events", () -> ofReview("ActionDueSoon", review).size() == 1
                && ofReview("ActionOverdue", review).size() == 1);
        assertThat(ActionDueSoon.parseFrom(ofReview("ActionDueSoon", review).get(0).getPayload()).getWorkingDaysLeft()).isEqualTo(5);
        assertThat(ActionOverdue.parseFrom(ofReview("ActionOverdue", review).get(0).getPayload()).getOwner()).isEqualTo("tov");
        // A new due date is announced again.
        call(HttpRequest.PUT("/recommendations/api/actions/" + a.get("id").getStringValue(), Map.of("title", "Ny procedure",
                "owner", "tov", "dueDate", "2026-05-29")).header("If-Match", "\"v1\""), T, "tovholder");
        assertThat(dueDates.run(T, LocalDate.parse("2026-05-22"))).isEqualTo(1);
    }

    @Test
    void theProjectsHoursCostsAndSavingsTargetsAddUp() {
        String review = givenReview(T);
        String area = focusArea(review, "Tilbudsvifte", List.of());
        post("/recommendations/api/reviews/" + review + "/activities", Map.of("name", "Sagsgennemgang", "budgetHours", 120,
                "budgetKr", 150_000, "actualHours", 98.5, "actualKr", 123_000), T, "projektleder");
        post("/recommendations/api/reviews/" + review + "/activities", Map.of("name", "Workshop", "budgetHours", 16,
                "budgetKr", 20_000), T, "projektleder");
        for (int[] y : new int[][]{{2017, 2_100_000}, {2018, 4_100_000}, {2019, 6_100_000}}) {
            call(HttpRequest.PUT("/recommendations/api/reviews/" + review + "/savings-targets", Map.of("year", y[0], "targetKr", y[1])),
                    T, "projektleder");
        }
        call(HttpRequest.PUT("/recommendations/api/focus-areas/" + area + "/savings", Map.of("year", 2018, "expectedKr", 3_000_000)),
                T, "projektleder");
        var e = tree(get("/recommendations/api/reviews/" + review + "/economics", T, "projektleder"));
        assertThat(e.get("budgetKr").getLongValue()).isEqualTo(170_000);
        assertThat(e.get("actualHours").getDoubleValue()).isEqualTo(98.5);
        assertThat(e.get("years").get(1).get("expectedKr").getLongValue()).isEqualTo(3_000_000);
        assertThat(e.get("years").get(1).get("gapKr").getLongValue()).isEqualTo(1_100_000);
        assertThat(post("/recommendations/api/reviews/" + review + "/activities", Map.of("name", "X", "budgetKr", -5), T,
                "projektleder").status()).isEqualTo(400);
        assertThat(post("/recommendations/api/reviews/" + review + "/activities", Map.of("name", "X"), T, "tovholder")
                .status()).isEqualTo(403);
    }
}
