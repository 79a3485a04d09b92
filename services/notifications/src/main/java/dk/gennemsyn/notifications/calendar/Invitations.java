package dk.gennemsyn.notifications.calendar;

import dk.gennemsyn.notifications.delivery.SmtpSettings;
import dk.gennemsyn.notifications.messages.Notifier;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewMilestone;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A review's meetings as calendar invitations: a new meeting is sent to the review's people, a moved or renamed one
 * is sent again with a higher SEQUENCE under the same UID (so it replaces the first), a removed one is cancelled.
 * People who join later get the current invitation. Meetings in the past are not sent.
 */
@Singleton
public class Invitations {

    public static final String TRIGGER = "invitation.meeting";

    private final InvitationRows rows;
    private final Notifier notifier;
    private final SmtpSettings smtp;
    private final Clock clock;
    private final dk.gennemsyn.notifications.reviews.ReviewCopies reviews;

    Invitations(InvitationRows rows, Notifier notifier, SmtpSettings smtp, Clock clock,
                dk.gennemsyn.notifications.reviews.ReviewCopies reviews) {
        this.reviews = reviews;
        this.rows = rows;
        this.notifier = notifier;
        this.smtp = smtp;
        this.clock = clock;
    }

    /** Inside the handler's transaction, after the review's people were updated. */
    public void sync(String tenant, Review r) {
        UUID review = UUID.fromString(r.getReviewId());
        LocalDate today = LocalDate.now(clock.withZone(dk.gennemsyn.platform.web.DanishFormat.ZONE));
        Map<String, InvitationRow> sent = new HashMap<>();
        rows.findByReviewId(review).forEach(s -> sent.put(s.uid(), s));
        List<ReviewMilestone> meetings = r.getMilestonesList().stream().filter(m -> m.getKind().equals("meeting")).toList();
        for (ReviewMilestone m : meetings) {
            String uid = "milestone-" + m.getMilestoneId() + "@gennemsyn";
            String title = m.getTitle().isBlank() ? "Møde" : m.getTitle();
            LocalDate date = LocalDate.parse(m.getDate());
            InvitationRow before = sent.remove(uid);
            int sequence;
            String change;
            if (before == null) {
                rows.save(new InvitationRow(uid, tenant, review, title, date, 0, false));
                sequence = 0;
                change = "Ny mødeindkaldelse";
            } else if (before.cancelled() || !before.title().equals(title) || !before.date().equals(date)) {
                sequence = before.sequence() + 1;
                rows.change(uid, title, date, sequence);
                change = "Ændret mødeindkaldelse";
            } else {
                sequence = before.sequence(); // unchanged: only people who have not had it yet get it
                change = "Mødeindkaldelse";
            }
            if (!date.isBefore(today)) {
                send(tenant, review, uid, sequence, false, title, date, change);
            }
        }
        for (InvitationRow gone : sent.values()) {
            if (!gone.cancelled()) {
                rows.cancel(gone.uid(), gone.sequence() + 1);
                if (!gone.date().isBefore(today)) {
                    send(tenant, review, gone.uid(), gone.sequence() + 1, true, gone.title(), gone.date(), "Aflyst");
                }
            }
        }
    }

    /**
     * A follow-up meeting from recommendations: its participants get the invitation; a move or cancellation arrives
     * with a higher sequence under the same UID. Meetings in the past are not sent.
     */
    public void followUp(String tenant, dk.gennemsyn.proto.recommendations.v1.MeetingScheduled m) {
        LocalDate date = LocalDate.parse(m.getDate());
        if (date.isBefore(LocalDate.now(clock.withZone(dk.gennemsyn.platform.web.DanishFormat.ZONE)))) {
            return;
        }
        String uid = "meeting-" + m.getMeetingId() + "@gennemsyn";
        Map<String, String> values = new LinkedHashMap<>();
        values.put("meeting_title", m.getTitle());
        LocalTime start = m.getStartTime().isBlank() ? null : LocalTime.parse(m.getStartTime());
        LocalTime end = m.getEndTime().isBlank() ? null : LocalTime.parse(m.getEndTime());
        values.put("meeting_date", DanishFormat.INSTANCE.date(date) + (start == null ? ""
                : " kl. " + start.toString().replace(':', '.') + (end == null ? "" : "-" + end.toString().replace(':', '.'))));
        values.put("meeting_place", m.getLocation().isBlank() ? "ikke angivet" : m.getLocation());
        values.put("change", m.getCancelled() ? "Aflyst" : m.getSequence() == 0 ? "Ny mødeindkaldelse" : "Ændret mødeindkaldelse");
        values.put("review_id", m.getReviewId());
        values.put("meeting_id", m.getMeetingId());
        UUID review = UUID.fromString(m.getReviewId());
        java.time.Instant now = clock.instant();
        // Every participant is an attendee on each one's invitation, as in a calendar's own.
        List<Ics.Person> attendees = m.getParticipantsList().stream()
                .map(p -> reviews.person(review, p, now)).flatMap(java.util.Optional::stream)
                .map(r -> new Ics.Person(r.name(), r.email())).toList();
        notifier.notify(tenant, new Notifier.Occurrence("invitation.followup", review, null,
                "invite:" + uid + ":" + m.getSequence(), values, m.getParticipantsList(),
                to -> Ics.write(new Ics.Meeting(uid, m.getSequence(), m.getCancelled(), m.getTitle(), date, start, end,
                        m.getLocation(), "Gennemsyn: " + values.get("change").toLowerCase(java.util.Locale.ROOT),
                        smtp.fromAddress(), attendees.isEmpty() ? List.of(new Ics.Person(to.name(), to.email())) : attendees),
                        clock.instant())));
    }

    private void send(String tenant, UUID review, String uid, int sequence, boolean cancelled, String title,
                      LocalDate date, String change) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("meeting_title", title);
        values.put("meeting_date", DanishFormat.INSTANCE.date(date));
        values.put("change", change);
        values.put("review_id", review.toString());
        notifier.notify(tenant, new Notifier.Occurrence(TRIGGER, review, null, "invite:" + uid + ":" + sequence, values,
                List.of(), to -> Ics.write(new Ics.Meeting(uid, sequence, cancelled, title, date, null, null, "",
                "Gennemsyn: " + change.toLowerCase(java.util.Locale.ROOT), smtp.fromAddress(),
                List.of(new Ics.Person(to.name(), to.email()))), clock.instant())));
    }
}
