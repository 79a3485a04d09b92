package dk.gennemsyn.notifications.calendar;

import dk.gennemsyn.notifications.NotificationsTest;
import dk.gennemsyn.proto.caseintake.v1.ReviewUpdated;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A review's meeting as a calendar invitation that updates and cancellations replace. */
@MicronautTest(transactional = false)
class InvitationsTest extends NotificationsTest {

    static final String T = "0573";

    static Calendar calendar(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart p = parts.getBodyPart(i);
            if (p.getContentType().startsWith("text/calendar")) {
                String ics = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                Calendar cal = new CalendarBuilder().build(new StringReader(ics));
                cal.validate();
                return cal;
            }
        }
        throw new AssertionError("no text/calendar part");
    }

    static String event(Calendar cal, String property) {
        return ((VEvent) cal.getComponent("VEVENT").orElseThrow()).getProperty(property).orElseThrow().getValue();
    }

    @Test
    void aMeetingIsInvitedMovedAndCancelledUnderOneUid() throws Exception {
        String review = UUID.randomUUID().toString();
        String meeting = UUID.randomUUID().toString();
        LocalDate date = LocalDate.now().plusDays(30);
        var people = List.of(person("pl", "projektleder", "pl@varde.example"), person("r", "reviewer", "r@konsulent.example"));
        givenReview(T, review(review, 1, people, milestone(meeting, "meeting", "Fællesmøde", date.toString())));
        String[] all = {"pl@varde.example", "r@konsulent.example", "sg@varde.example"};
        MimeMessage[] first = awaitMails(2, all);
        Calendar c0 = calendar(first[0]);
        assertThat(c0.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        String uid = event(c0, "UID");
        assertThat(uid).isEqualTo("milestone-" + meeting + "@gennemsyn");
        assertThat(event(c0, "SEQUENCE")).isEqualTo("0");
        assertThat(event(c0, "DTSTART")).isEqualTo(date.toString().replace("-", ""));
        assertThat(first[0].getSubject()).startsWith("Ny mødeindkaldelse: Fællesmøde");

        // Moved a week: the same UID with a higher sequence, to both.
        smtp.purgeEmailFromAllMailboxes();
        send(T, review, ReviewUpdated.newBuilder().setReview(review(review, 2, people,
                milestone(meeting, "meeting", "Fællesmøde", date.plusDays(7).toString()))).build(), 1);
        MimeMessage[] moved = awaitMails(2, all);
        Calendar c1 = calendar(moved[0]);
        assertThat(event(c1, "UID")).isEqualTo(uid);
        assertThat(event(c1, "SEQUENCE")).isEqualTo("1");
        assertThat(event(c1, "DTSTART")).isEqualTo(date.plusDays(7).toString().replace("-", ""));

        // An unrelated change (a third person joins): only the newcomer gets the current invitation.
        smtp.purgeEmailFromAllMailboxes();
        var more = new java.util.ArrayList<>(people);
        more.add(person("sg", "styregruppe", "sg@varde.example"));
        var update = deliveries();
        send(T, review, ReviewUpdated.newBuilder().setReview(review(review, 3, more,
                milestone(meeting, "meeting", "Fællesmøde", date.plusDays(7).toString()))).build(), 1);
        MimeMessage[] joined = awaitMails(1, all);
        awaitSettled(T, update, 1);
        assertThat(to(mails(all))).containsExactly("sg@varde.example");
        assertThat(event(calendar(joined[0]), "SEQUENCE")).isEqualTo("1");

        // Removed: cancelled for everyone.
        smtp.purgeEmailFromAllMailboxes();
        send(T, review, ReviewUpdated.newBuilder().setReview(review(review, 4, more)).build(), 1);
        MimeMessage[] cancelled = awaitMails(3, all);
        Calendar c2 = calendar(cancelled[0]);
        assertThat(c2.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
        assertThat(event(c2, "UID")).isEqualTo(uid);
        assertThat(event(c2, "SEQUENCE")).isEqualTo("2");
        assertThat(cancelled[0].getSubject()).startsWith("Aflyst: Fællesmøde");
    }
}
