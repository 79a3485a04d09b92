package dk.gennemsyn.notifications.recommendations;

import dk.gennemsyn.notifications.NotificationsTest;
import dk.gennemsyn.notifications.deadlines.Deadlines;
import dk.gennemsyn.proto.recommendations.v1.ActionAssigned;
import dk.gennemsyn.proto.recommendations.v1.ActionOverdue;
import dk.gennemsyn.proto.recommendations.v1.HearingOpened;
import dk.gennemsyn.proto.recommendations.v1.HearingResponseReceived;
import dk.gennemsyn.proto.recommendations.v1.MeetingScheduled;
import dk.gennemsyn.testsupport.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** recommendations' events reach people: hearings with their reminders, actions, follow-up meetings. */
@MicronautTest(transactional = false)
class RecommendationMessagesTest extends NotificationsTest {

    static final String T = "0573";

    @Inject Deadlines deadlines;

    long messages(String recipient, String trigger) {
        return count("select count(*) from messages where recipient = '" + recipient + "' and trigger = '" + trigger + "'");
    }

    @Test
    void theRespondentsAreToldAndOnlyThoseWhoHaveNotAnsweredAreReminded() throws Exception {
        String review = UUID.randomUUID().toString();
        givenReview(T, review(review, 1, List.of(person("l1", "validator", "l1@varde.example"),
                person("l2", "validator", "l2@varde.example"), person("pl", "projektleder", "pl@varde.example"))));
        String hearing = UUID.randomUUID().toString();
        // Closes Friday 10 April 2026: the reminder goes 2 working days before (Wednesday 8 April).
        send(T, hearing, HearingOpened.newBuilder().setHearingId(hearing).setReviewId(review).setTitle("Notat om indsatsområder")
                .setVersion(1).setClosesOn("2026-04-10").addRespondents("l1").addRespondents("l2").build(), 1);
        var mails = awaitMails(2, "l1@varde.example", "l2@varde.example", "pl@varde.example");
        assertThat(to(mails)).containsExactly("l1@varde.example", "l2@varde.example");
        assertThat(mails[0].getSubject()).isEqualTo("Høring: Notat om indsatsområder (frist 10-04-2026)");
        assertThat(text(mails[0])).contains("https://gennemsyn.example/recommendations/hearings/" + hearing);
        send(T, hearing, HearingResponseReceived.newBuilder().setHearingId(hearing).setReviewId(review).setTitle("Notat")
                .setRespondent("l1").setComments(2).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the projektleder told", () -> messages("pl", "HearingResponseReceived") == 1);
        assertThat(deadlines.run(T, LocalDate.parse("2026-04-07"))).isZero();
        assertThat(deadlines.run(T, LocalDate.parse("2026-04-08"))).isEqualTo(1);
        assertThat(messages("l2", "reminder.hearing_closes")).isEqualTo(1);
        assertThat(messages("l1", "reminder.hearing_closes")).isZero();
    }

    @Test
    void anActionsOwnerHearsOfItOnceAndTheSteeringGroupWhenItIsOverdue() {
        String review = UUID.randomUUID().toString();
        givenReview(T, review(review, 1, List.of(person("tov", "tovholder", "tov@varde.example"),
                person("sg", "styregruppe", "sg@varde.example"))));
        String action = UUID.randomUUID().toString();
        var assigned = ActionAssigned.newBuilder().setActionId(action).setReviewId(review).setTitle("Ny skabelon")
                .setOwner("tov").setDueDate("2026-06-30").setStatus("not_started").setVersion(1).build();
        send(T, action, assigned, 1);
        // Re-published for a status change: same owner and due date, no new message.
        send(T, action, assigned.toBuilder().setStatus("in_progress").setVersion(2).build(), 1);
        // A new due date is news.
        send(T, action, assigned.toBuilder().setDueDate("2026-08-31").setVersion(3).build(), 1);
        Eventually.await(Duration.ofSeconds(10), "two assignments", () -> messages("tov", "ActionAssigned") == 2);
        send(T, action, ActionOverdue.newBuilder().setActionId(action).setReviewId(review).setTitle("Ny skabelon")
                .setOwner("tov").setDueDate("2026-08-31").setStatus("in_progress").build(), 1);
        Eventually.await(Duration.ofSeconds(10), "the escalation", () -> messages("sg", "ActionOverdue") == 1
                && messages("tov", "ActionOverdue") == 1);
        assertThat(messages("tov", "ActionAssigned")).isEqualTo(2);
        assertThat(count("select count(*) from messages where trigger = 'ActionOverdue' and subject = "
                + "'Overskredet: Ny skabelon (frist 31-08-2026)'")).isEqualTo(2);
    }

    @Test
    void aFollowUpMeetingIsACalendarInvitationToItsParticipants() throws Exception {
        String review = UUID.randomUUID().toString();
        givenReview(T, review(review, 1, List.of(person("pl5", "projektleder", "pl5@varde.example"),
                person("sg5", "styregruppe", "sg5@varde.example"), person("r5", "reviewer", "r5@konsulent.example"))));
        String meeting = UUID.randomUUID().toString();
        String date = LocalDate.now().plusDays(40).toString();
        send(T, meeting, MeetingScheduled.newBuilder().setMeetingId(meeting).setReviewId(review).setTitle("Styregruppemøde")
                .setDate(date).setKind("styregruppe").setSequence(0).addParticipants("pl5").addParticipants("sg5")
                .setStartTime("13:00").setEndTime("15:00").setLocation("Rådhuset, mødelokale 2").build(), 1);
        var mails = awaitMails(2, "pl5@varde.example", "sg5@varde.example", "r5@konsulent.example");
        assertThat(to(mails)).containsExactly("pl5@varde.example", "sg5@varde.example");
        var parts = (jakarta.mail.Multipart) mails[0].getContent();
        // The invitation as an .ics file beside the message (which also carries it for calendar clients).
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("invitation.ics");
        assertThat(parts.getBodyPart(1).getDisposition()).isEqualTo(jakarta.mail.Part.ATTACHMENT);
        String ics = new String(parts.getBodyPart(1).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ics).contains("UID:meeting-" + meeting + "@gennemsyn", "SEQUENCE:0", "METHOD:REQUEST");
        // At its time (13-15 in Denmark, written in UTC), at its place, with both participants.
        java.time.format.DateTimeFormatter utc = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC);
        java.time.ZonedDateTime start = LocalDate.parse(date).atTime(13, 0).atZone(java.time.ZoneId.of("Europe/Copenhagen"));
        assertThat(ics.replace("\r\n ", "")).contains("DTSTART:" + utc.format(start), "DTEND:" + utc.format(start.plusHours(2)),
                "LOCATION:Rådhuset\\, mødelokale 2", "mailto:pl5@varde.example", "mailto:sg5@varde.example");
        String text = (String) ((jakarta.mail.Multipart) parts.getBodyPart(0).getContent()).getBodyPart(0).getContent();
        assertThat(text).contains("kl. 13.00-15.00").contains("Sted: Rådhuset, mødelokale 2");
        smtp.purgeEmailFromAllMailboxes();
        send(T, meeting, MeetingScheduled.newBuilder().setMeetingId(meeting).setReviewId(review).setTitle("Styregruppemøde")
                .setDate(date).setKind("styregruppe").setSequence(1).setCancelled(true).addParticipants("pl5")
                .addParticipants("sg5").build(), 1);
        var cancelled = awaitMails(2, "pl5@varde.example", "sg5@varde.example");
        String ics2 = new String(((jakarta.mail.Multipart) cancelled[0].getContent()).getBodyPart(1).getInputStream()
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ics2).contains("METHOD:CANCEL", "SEQUENCE:1", "UID:meeting-" + meeting + "@gennemsyn");
    }
}
