package dk.gennemsyn.recommendations.meetings;

import dk.gennemsyn.proto.recommendations.v1.AgendaReady;
import dk.gennemsyn.proto.recommendations.v1.MeetingScheduled;
import dk.gennemsyn.recommendations.RecommendationsTest;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class MeetingTest extends RecommendationsTest {

    static final String T = "0330";

    @Inject Minutes minutes;

    @Test
    void aCadenceSchedulesTheMeetingsAheadOnWorkingDays() throws Exception {
        String review = givenReview(T, person("pl", "projektleder"), person("tov", "tovholder"), person("sg", "styregruppe"));
        // Every 6 weeks from Thursday 19 March 2026: 30 April, 11 June, ... ; one lands on Kristi himmelfart? No:
        // 19.03 + 6 weeks = 30.04, + 6 = 11.06, + 6 = 23.07. From Monday 23 March: + 2 weeks = 6 April (2. påskedag).
        var created = post("/recommendations/api/reviews/" + review + "/meetings/cadence", Map.of("kind", "task_force",
                "first", "2026-03-19", "everyWeeks", 6, "count", 4), T, "projektleder");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(StreamSupport.stream(tree(created).values().spliterator(), false).map(m -> m.get("date").getStringValue()))
                .containsExactly("2026-03-19", "2026-04-30", "2026-06-11", "2026-07-23");
        var easter = tree(post("/recommendations/api/reviews/" + review + "/meetings/cadence", Map.of("kind", "styregruppe",
                "first", "2026-03-23", "everyWeeks", 2, "count", 2), T, "projektleder"));
        assertThat(easter.get(1).get("date").getStringValue()).isEqualTo("2026-04-07"); // 6 April is 2. påskedag
        var monthly = tree(post("/recommendations/api/reviews/" + review + "/meetings/cadence", Map.of("kind", "styregruppe",
                "first", "2026-01-31", "monthly", true, "count", 3), T, "projektleder"));
        // 31 January is a Saturday: Monday 2 February; then 28 February (Saturday) → 2 March; 31 March.
        assertThat(StreamSupport.stream(monthly.values().spliterator(), false).map(m -> m.get("date").getStringValue()))
                .containsExactly("2026-02-02", "2026-03-02", "2026-03-31");
        assertThat(tree(post("/recommendations/api/reviews/" + review + "/meetings/cadence", Map.of("kind", "styregruppe",
                "first", "2026-01-31", "count", 3), T, "projektleder")).get("field").getStringValue()).isEqualTo("everyWeeks");
        Eventually.await(Duration.ofSeconds(10), "MeetingScheduled", () -> ofReview("MeetingScheduled", review).size() == 9);
        var task = MeetingScheduled.parseFrom(ofReview("MeetingScheduled", review).get(0).getPayload());
        assertThat(task.getParticipantsList()).containsExactlyInAnyOrder("pl", "tov");
    }

    @Test
    void theAgendaIsBuiltFromThePlanAndAnnouncedReadyOnceAndTheMinutesAreApproved() throws Exception {
        String review = givenReview(T, person("pl", "projektleder"), person("tov", "tovholder"), person("sg", "styregruppe"));
        LocalDate meetingDay = LocalDate.now(java.time.ZoneId.of("Europe/Copenhagen")).plusDays(21);
        String rec = tree(post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", "Færre sager pr. rådgiver"),
                T, "projektleder")).get("id").getStringValue();
        String accepted = tree(post("/recommendations/api/reviews/" + review + "/recommendations", Map.of("title", "Fast ledelsestilsyn"),
                T, "projektleder")).get("id").getStringValue();
        post("/recommendations/api/recommendations/" + accepted + "/decisions", Map.of("decision", "accepted", "reason", "Ja",
                "meetingDate", "2026-01-12"), T, "styregruppe");
        String area = tree(post("/recommendations/api/reviews/" + review + "/focus-areas", Map.of("title", "Ledelse",
                "recommendationIds", List.of(accepted)), T, "projektleder")).get("id").getStringValue();
        // Overdue by the meeting day; due soon with no progress; on track with an indicator behind its trajectory.
        post("/recommendations/api/focus-areas/" + area + "/actions", Map.of("title", "Tilsynsplan", "owner", "tov",
                "dueDate", meetingDay.minusDays(3).toString()), T, "tovholder");
        post("/recommendations/api/focus-areas/" + area + "/actions", Map.of("title", "Sagsfordeling", "owner", "tov",
                "dueDate", meetingDay.plusDays(7).toString()), T, "tovholder");
        String measured = tree(post("/recommendations/api/focus-areas/" + area + "/actions", Map.of("title", "Ledelsestilsyn hver måned",
                "owner", "tov", "startDate", meetingDay.minusDays(40).toString(), "dueDate", meetingDay.plusDays(40).toString(),
                "indicator", "Sager med ledelsestilsyn", "unit", "%", "baseline", 20, "target", 80), T, "tovholder"))
                .get("id").getStringValue();
        post("/recommendations/api/actions/" + measured + "/measurements", Map.of("value", 30), T, "tovholder");
        post("/recommendations/api/actions/" + measured + "/notes", Map.of("body", "I gang"), T, "tovholder");

        var bad = post("/recommendations/api/reviews/" + review + "/meetings", Map.of("kind", "styregruppe",
                "date", meetingDay.toString(), "startTime", "15:00", "endTime", "13:00"), T, "projektleder");
        assertThat(tree(bad).get("field").getStringValue()).isEqualTo("endTime");
        JsonNode scheduled = tree(post("/recommendations/api/reviews/" + review + "/meetings", Map.of("kind", "styregruppe",
                "date", meetingDay.toString(), "startTime", "13:00", "endTime", "15:00", "location", "Rådhuset, lokale 2",
                "agendaDaysBefore", 5), T, "projektleder"));
        String meeting = scheduled.get("id").getStringValue();
        assertThat(scheduled.get("location").getStringValue()).isEqualTo("Rådhuset, lokale 2");
        // The invitation's event carries the time and place.
        Eventually.await(Duration.ofSeconds(10), "MeetingScheduled", () -> ofReview("MeetingScheduled", review).stream()
                .anyMatch(e -> e.getAggregateId().equals(meeting)));
        var invitation = MeetingScheduled.parseFrom(ofReview("MeetingScheduled", review).stream()
                .filter(e -> e.getAggregateId().equals(meeting)).findFirst().orElseThrow().getPayload());
        assertThat(invitation.getStartTime()).isEqualTo("13:00");
        assertThat(invitation.getEndTime()).isEqualTo("15:00");
        assertThat(invitation.getLocation()).isEqualTo("Rådhuset, lokale 2");
        var agenda = tree(get("/recommendations/api/meetings/" + meeting + "/agenda", T, "styregruppe")).get("items");
        List<String> lines = StreamSupport.stream(agenda.values().spliterator(), false)
                .map(i -> i.get("section").getStringValue() + ": " + i.get("text").getStringValue()).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("Beslutninger: A1 Færre sager pr. rådgiver");
        assertThat(lines.get(1)).startsWith("Overskredne handlinger: Ledelse: Tilsynsplan");
        assertThat(lines.get(2)).startsWith("Handlinger i risiko: Ledelse: Sagsfordeling");
        // Halfway from 20 % towards 80 % by the meeting: 50 % expected, 30 % measured.
        assertThat(lines.get(3)).isEqualTo("Indikatorer uden for kurs: Sager med ledelsestilsyn: 30 % (mål 80, udgangspunkt 20)");

        // The material goes out 5 working days before, once.
        LocalDate ready = dk.gennemsyn.platform.calendar.WorkingDays.PUBLIC_HOLIDAYS.minusWorkingDays(meetingDay, 5);
        assertThat(minutes.announceAgendas(T, ready.minusDays(1))).isZero();
        assertThat(minutes.announceAgendas(T, ready)).isEqualTo(1);
        assertThat(minutes.announceAgendas(T, ready.plusDays(1))).isZero();
        Eventually.await(Duration.ofSeconds(10), "AgendaReady", () -> ofReview("AgendaReady", review).size() == 1);
        var announced = AgendaReady.parseFrom(ofReview("AgendaReady", review).get(0).getPayload());
        assertThat(announced.getItems()).isEqualTo(4);
        assertThat(announced.getParticipantsList()).containsExactlyInAnyOrder("sg", "pl");

        // Minutes: a decision linked to a recommendation is its decision, a new action from the meeting, then approved.
        var decided = post("/recommendations/api/meetings/" + meeting + "/decisions", Map.of("recommendationId", rec,
                "decision", "deferred", "body", "A1 udsættes til næste møde"), T, "projektleder");
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        var recAfter = tree(get("/recommendations/api/recommendations/" + rec, T, "styregruppe")).get("decision");
        assertThat(recAfter.get("decision").getStringValue()).isEqualTo("deferred");
        assertThat(recAfter.get("meetingDate").getStringValue()).isEqualTo(meetingDay.toString());
        assertThat(recAfter.get("reason").getStringValue()).isEqualTo("A1 udsættes til næste møde");
        var newAction = post("/recommendations/api/focus-areas/" + area + "/actions", Map.of("title", "Analyse af sagstal",
                "owner", "tov", "dueDate", meetingDay.plusDays(30).toString(), "meetingId", meeting), T, "tovholder");
        assertThat(newAction.status()).isEqualTo(201);
        call(HttpRequest.PUT("/recommendations/api/meetings/" + meeting + "/minutes", Map.of("minutes", "Drøftet status.")), T,
                "projektleder");
        // Not before the meeting has been held.
        var early = post("/recommendations/api/meetings/" + meeting + "/approval", Map.of(), T, "projektleder");
        assertThat(early.status()).isEqualTo(409);
        assertThat(tree(early).get("detail").getStringValue()).contains("ikke holdt endnu");
        clock.advance(Duration.ofDays(22));
        var approved = tree(post("/recommendations/api/meetings/" + meeting + "/approval", Map.of(), T, "projektleder"));
        assertThat(approved.get("minutesApprovedAt").getStringValue()).isNotBlank();
        assertThat(approved.get("decisions").get(0).get("recommendationCode").getStringValue()).isEqualTo("A1");
        assertThat(approved.get("decisions").get(0).get("decisionLabel").getStringValue()).isEqualTo("Udsat");
        assertThat(post("/recommendations/api/meetings/" + meeting + "/decisions", Map.of("body", "Mere"), T, "projektleder")
                .status()).isEqualTo(409);
        Eventually.await(Duration.ofSeconds(10), "MinutesApproved", () -> ofReview("MinutesApproved", review).size() == 1);
        var minutes = dk.gennemsyn.proto.recommendations.v1.MinutesApproved.parseFrom(
                ofReview("MinutesApproved", review).get(0).getPayload());
        assertThat(minutes.getDecisions()).isEqualTo(1);
        assertThat(minutes.getNewActions()).isEqualTo(1);
    }
}
