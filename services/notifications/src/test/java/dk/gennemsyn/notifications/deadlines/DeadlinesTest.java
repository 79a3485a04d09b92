package dk.gennemsyn.notifications.deadlines;

import dk.gennemsyn.notifications.NotificationsTest;
import dk.gennemsyn.proto.assessment.v1.ReviewAssessmentsValidated;
import dk.gennemsyn.proto.caseintake.v1.ReviewUpdated;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reminders N working days before a deadline, across holidays; one escalation when it has passed. */
@MicronautTest(transactional = false)
class DeadlinesTest extends NotificationsTest {

    @Inject Deadlines deadlines;

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    long messages(String tenant, String trigger) {
        return count("select count(*) from messages where tenant = '" + tenant + "' and trigger = '" + trigger + "'");
    }

    @Test
    void theCaseNotesReminderGoesFiveWorkingDaysBeforeTheMeetingAcrossEasterAndOnlyOnce() throws Exception {
        String t = "0573";
        String review = UUID.randomUUID().toString();
        // Friday 10 April 2026; Easter lies between: five working days before is Tuesday 31 March.
        givenReview(t, review(review, 1, List.of(person("r1", "reviewer", "r1@konsulent.example"),
                person("pl", "projektleder", "pl@varde.example"), person("sg", "styregruppe", "sg@varde.example")),
                milestone(UUID.randomUUID().toString(), "meeting", "Fællesmøde om 20 sager", "2026-04-10")));
        assertThat(deadlines.run(t, d("2026-03-30"))).isZero();
        assertThat(deadlines.run(t, d("2026-03-31"))).isEqualTo(2);
        assertThat(deadlines.run(t, d("2026-03-31"))).isZero();
        assertThat(deadlines.run(t, d("2026-04-01"))).isZero();
        var mails = awaitMails(2, "pl@varde.example", "r1@konsulent.example", "sg@varde.example");
        assertThat(to(mails)).containsExactly("pl@varde.example", "r1@konsulent.example");
        assertThat(mails[0].getSubject()).isEqualTo("Om 5 arbejdsdage: Fællesmøde om 20 sager – send sagsnotater nu");
        assertThat(text(mails[0])).contains("holdes 10-04-2026", "Der er 5 arbejdsdage tilbage");
        // After the meeting nothing more.
        assertThat(deadlines.run(t, d("2026-04-13"))).isZero();
    }

    @Test
    void aMovedDeadlineIsRemindedOfAgainAndTheTenantsExtraDaysOffCount() throws Exception {
        String t = "0250";
        String review = UUID.randomUUID().toString();
        String m = UUID.randomUUID().toString();
        var people = List.of(person("pl", "projektleder", "pl@halsnaes.example"));
        // Budget early warning on Monday 4 January 2027, reminded 5 working days before: with only the public
        // holidays that is 24 December; with 24 and 31 December free, 23 December.
        givenReview(t, review(review, 1, people, milestone(m, "budget_warning", "Budget", "2027-01-04")));
        assertThat(deadlines.run(t, d("2026-12-23"))).isZero();
        assertThat(deadlines.run(t, d("2026-12-24"))).isEqualTo(1);
        String etag = get("/notifications/api/admin/calendar", t, "tenant-admin").headers().get("ETag");
        assertThat(call(HttpRequest.PUT("/notifications/api/admin/calendar",
                Map.of("grundlovsdagOff", false, "christmasEveOff", true, "newYearsEveOff", true)).header("If-Match", etag),
                t, "tenant-admin").status()).isEqualTo(200);
        // Published, so recommendations counts its hearing deadlines on the same calendar.
        Eventually.await(Duration.ofSeconds(10), "TenantCalendarChanged", () -> events("TenantCalendarChanged").stream()
                .anyMatch(e -> e.getTenant().equals(t)));
        var changed = events("TenantCalendarChanged").stream().filter(e -> e.getTenant().equals(t)).toList();
        assertThat(changed).hasSize(1);
        var calendar = dk.gennemsyn.proto.notifications.v1.TenantCalendarChanged.parseFrom(changed.get(0).getPayload());
        assertThat(calendar.getChristmasEveOff() && calendar.getNewYearsEveOff() && !calendar.getGrundlovsdagOff()).isTrue();
        assertThat(calendar.getVersion()).isEqualTo(2);
        send(t, review, ReviewUpdated.newBuilder().setReview(review(review, 2, people,
                milestone(m, "budget_warning", "Budget", "2027-01-11"))).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the moved date", () -> count(
                "select count(*) from deadlines where due_date = '2027-01-11'") == 1);
        // 11 January minus 5 working days with 31 December free: 4 January.
        assertThat(deadlines.run(t, d("2027-01-01"))).isZero();
        assertThat(deadlines.run(t, d("2027-01-04"))).isEqualTo(1);
        assertThat(messages(t, "reminder.budget_warning")).isEqualTo(2);
    }

    @Test
    void theReportDeadlineIsRemindedOfAndEscalatedUnlessTheReviewReachedFollowUp() {
        String t = "0147";
        String open = UUID.randomUUID().toString();
        String reported = UUID.randomUUID().toString();
        var people = List.of(person("pl9", "projektleder", "pl9@frederiksberg.example"),
                person("sg9", "styregruppe", "sg9@frederiksberg.example"));
        var milestones = new java.util.HashMap<String, List<dk.gennemsyn.proto.caseintake.v1.ReviewMilestone>>();
        for (String r : List.of(open, reported)) {
            milestones.put(r, List.of(milestone(UUID.randomUUID().toString(), "report_deadline", "Rapport", "2026-06-30"),
                    milestone(UUID.randomUUID().toString(), "other", "Direktionen orienteres", "2026-06-30")));
            givenReview(t, review(r, 1, people).addAllMilestones(milestones.get(r)));
        }
        send(t, reported, dk.gennemsyn.proto.caseintake.v1.ReviewStateChanged.newBuilder().setFromState("reporting")
                .setToState("follow_up").setReview(review(reported, 2, people).addAllMilestones(milestones.get(reported))
                        .setState("follow_up")).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the report deadline closed", () -> count(
                "select count(*) from deadlines where closed_at is not null and review_id = '" + reported + "'") == 1);
        // 5 working days before the report deadline (only the open review), 2 before the "other" milestone (both).
        assertThat(deadlines.run(t, d("2026-06-23"))).isEqualTo(1); // report_deadline of the open review: pl9 (no reviewers)
        assertThat(deadlines.run(t, d("2026-06-26"))).isEqualTo(2); // "other" on both reviews
        assertThat(deadlines.run(t, d("2026-07-01"))).isEqualTo(2); // escalation of the open review: sg9 and pl9
        assertThat(messages(t, "overdue.report_deadline")).isEqualTo(2);
        assertThat(count("select count(*) from messages where trigger = 'overdue.report_deadline' and review_id = '"
                + reported + "'")).isZero();
    }

    @Test
    void anOverdueValidationIsEscalatedToTheSteeringGroupOnceAndNotWhenItWasDone() throws Exception {
        String t = "0330";
        String late = UUID.randomUUID().toString();
        String done = UUID.randomUUID().toString();
        var people = List.of(person("sg1", "styregruppe", "sg1@slagelse.example"),
                person("val", "validator", "val@slagelse.example"));
        // Due Friday 11 September 2026: overdue from Monday 14 September (the first working day after).
        givenReview(t, review(late, 1, people, milestone(UUID.randomUUID().toString(), "validation_due", "Validering", "2026-09-11")));
        givenReview(t, review(done, 1, people, milestone(UUID.randomUUID().toString(), "validation_due", "Validering", "2026-09-11")));
        send(t, done, ReviewAssessmentsValidated.newBuilder().setReviewId(done).setCases(20).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the validation closed", () -> count(
                "select count(*) from deadlines where closed_at is not null and review_id = '" + done + "'") == 1);
        // The validators are reminded 3 working days before (only on the review still open).
        assertThat(deadlines.run(t, d("2026-09-07"))).isZero();
        assertThat(deadlines.run(t, d("2026-09-08"))).isEqualTo(1);
        assertThat(deadlines.run(t, d("2026-09-11"))).isZero();
        assertThat(deadlines.run(t, d("2026-09-12"))).isZero(); // Saturday: not a working day late yet
        int escalated = deadlines.run(t, d("2026-09-14"));
        assertThat(escalated).isEqualTo(1);
        assertThat(deadlines.run(t, d("2026-09-15"))).isZero();
        assertThat(deadlines.run(t, d("2026-10-01"))).isZero();
        assertThat(sql("select recipient, review_id::text, body from messages where trigger = 'overdue.validation_due'",
                rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)))
                .singleElement().asString().startsWith("sg1 " + late).contains("overskredet med 1 arbejdsdag");
        // The steering group also heard that the other review was validated; the escalation is the second mail.
        assertThat(java.util.Arrays.stream(awaitMails(2, "sg1@slagelse.example")).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactlyInAnyOrder("Alle vurderinger i »Sagsgennemgang 2026« er valideret",
                "Overskredet: Validering i »Sagsgennemgang 2026«");
    }
}
