package dk.gennemsyn.recommendations.hearings;

import dk.gennemsyn.platform.calendar.WorkingDays;
import dk.gennemsyn.proto.notifications.v1.TenantCalendarChanged;
import dk.gennemsyn.proto.recommendations.v1.HearingOpened;
import dk.gennemsyn.recommendations.RecommendationsTest;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class HearingTest extends RecommendationsTest {

    static final String T = "0573";

    @Test
    void aDraftGoesToHearingForTenWorkingDaysIsAnsweredCoordinatedAndPublishedAsANewVersion() throws Exception {
        String review = givenReview(T, person("leder1", "validator"), person("leder2", "validator"), person("pl", "projektleder"));
        String rec = tree(post("/recommendations/api/reviews/" + review + "/recommendations",
                Map.of("title", "Styrk opfølgningen"), T, "projektleder")).get("id").getStringValue();
        // The validators as a group: both leaders.
        var opened = post("/recommendations/api/reviews/" + review + "/hearings", Map.of("title", "Notat om indsatsområder",
                "body", "Linje 1\nLinje 2\nLinje 3", "recommendationIds", List.of(rec), "respondents", List.of("role:validator"),
                "workingDays", 10), T, "projektleder");
        assertThat(opened.status()).isEqualTo(201);
        var h = tree(opened);
        String id = h.get("id").getStringValue();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Copenhagen"));
        assertThat(h.get("closesOn").getStringValue()).isEqualTo(WorkingDays.PUBLIC_HOLIDAYS.plusWorkingDays(today, 10).toString());
        Eventually.await(Duration.ofSeconds(10), "HearingOpened", () -> ofReview("HearingOpened", review).size() == 1);
        assertThat(HearingOpened.parseFrom(ofReview("HearingOpened", review).get(0).getPayload()).getRespondentsList())
                .containsExactly("leder1", "leder2");

        // A respondent comments per recommendation and in general; someone else may not.
        var answered = as(T, "leder1", HttpRequest.POST("/recommendations/api/hearings/" + id + "/responses",
                Map.of("comments", List.of(Map.of("body", "Godt notat"), Map.of("recommendationId", rec, "body",
                        "Husk opfølgning efter 3 måneder")))), "validator");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(as(T, "pl2", HttpRequest.POST("/recommendations/api/hearings/" + id + "/responses",
                Map.of("comments", List.of(Map.of("body", "x")))), "projektleder").status()).isEqualTo(403);
        var comments = tree(get("/recommendations/api/hearings/" + id, T, "projektleder")).get("comments");
        assertThat(comments.size()).isEqualTo(2);
        assertThat(comments.get(1).get("recommendationCode").getStringValue()).isEqualTo("A1");

        // Publishing needs every comment handled.
        String etag = get("/recommendations/api/hearings/" + id, T, "projektleder").headers().get("ETag");
        var early = call(HttpRequest.POST("/recommendations/api/hearings/" + id + "/versions", Map.of("body", "Ny")).header(
                "If-Match", etag), T, "projektleder");
        assertThat(early.status()).isEqualTo(409);
        assertThat(tree(early).get("detail").getStringValue()).contains("2 bemærkning(er)");
        for (int i = 0; i < 2; i++) {
            post("/recommendations/api/hearings/comments/" + comments.get(i).get("id").getStringValue() + "/handling",
                    Map.of("handling", i == 0 ? "noted" : "accepted", "note", "Indarbejdet"), T, "projektleder");
        }
        // Before the closing day, with leder2 not heard: only when the projektleder confirms it.
        var notDue = call(HttpRequest.POST("/recommendations/api/hearings/" + id + "/versions",
                Map.of("body", "Linje 1\nLinje 2 rettet\nLinje 3")).header("If-Match", etag), T, "projektleder");
        assertThat(notDue.status()).isEqualTo(409);
        assertThat(tree(notDue).get("detail").getStringValue()).contains("leder2").doesNotContain("leder1")
                .contains("har ikke svaret");
        assertThat(tree(notDue).get("field").getStringValue()).isEqualTo("closeEarly");
        var published = call(HttpRequest.POST("/recommendations/api/hearings/" + id + "/versions",
                Map.of("body", "Linje 1\nLinje 2 rettet\nLinje 3", "changeNote", "Opfølgning præciseret",
                        "closeEarly", true)).header("If-Match", etag), T, "projektleder");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        var after = tree(published);
        assertThat(after.get("state").getStringValue()).isEqualTo("closed");
        assertThat(after.get("versions").size()).isEqualTo(2);
        String diff = get("/recommendations/api/hearings/" + id + "/diff?from=1&to=2", T, "projektleder").body();
        assertThat(diff).isEqualTo("[{\"kind\":\"same\",\"text\":\"Linje 1\"},{\"kind\":\"removed\",\"text\":\"Linje 2\"},"
                + "{\"kind\":\"added\",\"text\":\"Linje 2 rettet\"},{\"kind\":\"same\",\"text\":\"Linje 3\"}]");
        // Closed: no more comments.
        assertThat(as(T, "leder2", HttpRequest.POST("/recommendations/api/hearings/" + id + "/responses",
                Map.of("comments", List.of(Map.of("body", "Sent")))), "validator").status()).isEqualTo(409);
        Eventually.await(Duration.ofSeconds(10), "the other events", () -> ofReview("HearingResponseReceived", review).size() == 1
                && ofReview("HearingClosed", review).size() == 1);
    }

    @Test
    void aResponseAfterTheClosingDayIsRefused() {
        String review = givenReview(T, person("leder3", "validator"));
        String id = tree(post("/recommendations/api/reviews/" + review + "/hearings", Map.of("title", "Kort høring", "body", "Udkast",
                "respondents", List.of("leder3"), "workingDays", 1), T, "projektleder")).get("id").getStringValue();
        LocalDate closes = LocalDate.parse(tree(get("/recommendations/api/hearings/" + id, T, "projektleder"))
                .get("closesOn").getStringValue());
        // On the closing day itself a comment is on time; the day after, it is late.
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Copenhagen"));
        clock.advance(Duration.ofDays(closes.toEpochDay() - today.toEpochDay()));
        assertThat(as(T, "leder3", HttpRequest.POST("/recommendations/api/hearings/" + id + "/responses",
                Map.of("comments", List.of(Map.of("body", "Til tiden")))), "validator").status()).isEqualTo(200);
        clock.advance(Duration.ofDays(1));
        var late = as(T, "leder3", HttpRequest.POST("/recommendations/api/hearings/" + id + "/responses",
                Map.of("comments", List.of(Map.of("body", "For sent")))), "validator");
        assertThat(late.status()).isEqualTo(409);
        assertThat(tree(late).get("detail").getStringValue()).startsWith("Høringsfristen udløb");
        assertThat(count("select count(*) from hearing_comments where hearing_id = '" + id + "'")).isEqualTo(1);
        // Bad input is a clear error.
        assertThat(tree(post("/recommendations/api/reviews/" + review + "/hearings", Map.of("title", "X", "body", "Y",
                "respondents", List.of("leder3"), "workingDays", 0), T, "projektleder")).get("field").getStringValue())
                .isEqualTo("workingDays");
        assertThat(tree(post("/recommendations/api/reviews/" + review + "/hearings", Map.of("title", "X", "body", "Y"),
                T, "projektleder")).get("field").getStringValue()).isEqualTo("respondents");
    }

    /** A respondent answers only inside their access window to the review: not before it starts, not after. */
    @Test
    void aRespondentOutsideTheirAccessWindowIsRefused() {
        java.time.Instant now = java.time.Instant.now();
        String review = givenReview(T, person("leder4", "validator").toBuilder()
                .setAccessFrom(now.plus(Duration.ofDays(2)).toString()).setAccessTo(now.plus(Duration.ofDays(30)).toString())
                .build(), external("konsulent4", now.plus(Duration.ofDays(30))).toBuilder()
                .setAccessFrom(now.plus(Duration.ofDays(2)).toString()).build());
        String id = tree(post("/recommendations/api/reviews/" + review + "/hearings", Map.of("title", "Høring", "body", "Udkast",
                "respondents", List.of("leder4"), "workingDays", 10), T, "projektleder")).get("id").getStringValue();
        var early = as(T, "leder4", HttpRequest.POST("/recommendations/api/hearings/" + id + "/responses",
                Map.of("comments", List.of(Map.of("body", "For tidligt")))), "validator");
        assertThat(early.status()).as(early.body()).isEqualTo(403);
        assertThat(as(T, "konsulent4", HttpRequest.GET("/recommendations/api/reviews/" + review + "/recommendations"),
                "reviewer").status()).as("a reviewer before their window").isEqualTo(403);
        clock.advance(Duration.ofDays(3));
        assertThat(as(T, "leder4", HttpRequest.POST("/recommendations/api/hearings/" + id + "/responses",
                Map.of("comments", List.of(Map.of("body", "Til tiden")))), "validator").status()).isEqualTo(200);
        assertThat(as(T, "konsulent4", HttpRequest.GET("/recommendations/api/reviews/" + review + "/recommendations"),
                "reviewer").status()).isEqualTo(200);
        clock.advance(Duration.ofDays(30));
        assertThat(as(T, "leder4", HttpRequest.POST("/recommendations/api/hearings/" + id + "/responses",
                Map.of("comments", List.of(Map.of("body", "Efter adgangen")))), "validator").status()).isEqualTo(403);
        assertThat(count("select count(*) from hearing_comments where hearing_id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void theDeadlineSkipsTheDaysTheMunicipalityKeepsFreeAsItsAdminSetThemInNotifications() {
        String t = "0101";
        // Just before a Christmas whose 24 December is a weekday, so the tenant's extra days off matter.
        LocalDate now = LocalDate.now(ZoneId.of("Europe/Copenhagen"));
        LocalDate start = LocalDate.of(now.getYear() + 1, 12, 21);
        while (start.withDayOfMonth(24).getDayOfWeek().getValue() > 5) {
            start = start.plusYears(1);
        }
        clock.advance(Duration.ofDays(java.time.temporal.ChronoUnit.DAYS.between(now, start)));
        WorkingDays varde = new WorkingDays(false, true, true);
        assertThat(varde.plusWorkingDays(start, 10)).isAfter(WorkingDays.PUBLIC_HOLIDAYS.plusWorkingDays(start, 10));

        // Version 2 (24 and 31 December off) arrives before version 1 (none off): the newer one holds.
        send(t, t, TenantCalendarChanged.newBuilder().setChristmasEveOff(true).setNewYearsEveOff(true).setVersion(2).build(), 1);
        send(t, t, TenantCalendarChanged.newBuilder().setVersion(1).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "both calendar events", () -> count(
                "select count(*) from inbox where event_type like '%TenantCalendarChanged' and tenant = '" + t + "'") == 2);
        String review = givenReview(t, person("leder1", "validator"), person("pl", "projektleder"));
        var opened = post("/recommendations/api/reviews/" + review + "/hearings", Map.of("title", "Julehøring", "body", "Udkast",
                "respondents", List.of("leder1"), "workingDays", 10), t, "projektleder");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(tree(opened).get("closesOn").getStringValue()).isEqualTo(varde.plusWorkingDays(start, 10).toString());
        // Another municipality keeps only the public holidays.
        String other = givenReview("0250", person("pl", "projektleder"), person("leder1", "validator"));
        var plain = post("/recommendations/api/reviews/" + other + "/hearings", Map.of("title", "Julehøring", "body", "Udkast",
                "respondents", List.of("leder1"), "workingDays", 10), "0250", "projektleder");
        assertThat(tree(plain).get("closesOn").getStringValue())
                .isEqualTo(WorkingDays.PUBLIC_HOLIDAYS.plusWorkingDays(start, 10).toString());
    }
}
