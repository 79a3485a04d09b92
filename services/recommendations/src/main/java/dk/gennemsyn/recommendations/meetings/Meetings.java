package dk.gennemsyn.recommendations.meetings;

import dk.gennemsyn.platform.calendar.WorkingDays;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.history.History;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.platform.web.DanishFormat;
import dk.gennemsyn.proto.recommendations.v1.MeetingScheduled;
import dk.gennemsyn.recommendations.access.Access;
import dk.gennemsyn.recommendations.calendar.TenantCalendar;
import dk.gennemsyn.recommendations.recs.Recommendations;
import dk.gennemsyn.recommendations.reviews.ReviewCopies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Follow-up meetings on a cadence (Task Force every 6-8 weeks, steering group monthly or every 4th week), scheduled
 * ahead on working days, and the dates the direktion or a committee is informed. Each meeting's agenda is generated
 * from the plan (overdue and at-risk actions, decisions due, indicators off track) and announced as ready N working
 * days before; minutes record decisions and new actions, linked to recommendations, and are approved.
 */
@Singleton
public class Meetings {


    public static final Map<String, String> KINDS = Recommendations.ordered(
            "task_force", "Opfølgningsmøde med Task Force", "styregruppe", "Styregruppemøde",
            "projektgruppe", "Projektgruppemøde", "workshop", "Implementeringsworkshop",
            "direktion", "Direktionen orienteres", "udvalg", "Udvalget orienteres");
    /** Who is invited to each kind of meeting, by their role in the review. */
    static final Map<String, List<String>> PARTICIPANTS = Map.of(
            "task_force", List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.REVIEWER),
            "styregruppe", List.of(Roles.STYREGRUPPE, Roles.PROJEKTLEDER),
            "projektgruppe", List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.VALIDATOR),
            "workshop", List.of(Roles.PROJEKTLEDER, Roles.TOVHOLDER, Roles.STYREGRUPPE, Roles.VALIDATOR),
            "direktion", List.of(Roles.PROJEKTLEDER),
            "udvalg", List.of(Roles.PROJEKTLEDER));

    @Serdeable
    public record Meeting(UUID id, UUID reviewId, String kind, String kindLabel, String title, LocalDate date,
                          @Nullable LocalTime startTime, @Nullable LocalTime endTime, String location,
                          boolean cancelled, int agendaDaysBefore, LocalDate agendaReadyOn, String minutes,
                          @Nullable Instant minutesApprovedAt, List<Decision> decisions, long version) {

        public boolean approved() {
            return minutesApprovedAt != null;
        }

        /** Whether the meeting has begun by {@code now} (local time in Denmark; a meeting without a time at its day's start). */
        public boolean heldBy(java.time.LocalDateTime now) {
            return !date.atTime(startTime == null ? LocalTime.MIN : startTime).isAfter(now);
        }

        /** "kl. 13.00-15.00" (Danish style), or "" when no time is set. */
        public String timeText() {
            if (startTime == null) {
                return "";
            }
            java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("HH.mm");
            return "kl. " + f.format(startTime) + (endTime == null ? "" : "-" + f.format(endTime));
        }
    }

    /** What a meeting is planned as: day, optional time of day and place. */
    public record When(@Nullable LocalDate date, @Nullable LocalTime start, @Nullable LocalTime end,
                       @Nullable String location) {
    }

    @Serdeable
    public record Decision(UUID id, @Nullable UUID recommendationId, @Nullable String recommendationCode, String body,
                           @Nullable String decision, @Nullable String decisionLabel) {
    }

    @Serdeable
    public record AgendaItem(String section, String text, @Nullable String link) {
    }

    @Serdeable
    public record Agenda(Meeting meeting, List<AgendaItem> items) {
    }

    private final MeetingRows rows;
    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final Access access;
    private final ReviewCopies reviews;
    private final TenantCalendar calendar;
    private final History history;

    Meetings(MeetingRows rows, TenantTx tenantTx, Outbox outbox, Access access, ReviewCopies reviews,
             TenantCalendar calendar, History history) {
        this.rows = rows;
        this.history = history;
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.access = access;
        this.reviews = reviews;
        this.calendar = calendar;
    }

    public List<Meeting> list(Caller caller, UUID review) {
        return tenantTx.read(caller.tenant(), () -> {
            access.requireRead(caller, review);
            WorkingDays days = calendar.workingDays();
            return rows.ofReview(review).stream().map(m -> meeting(m, days)).toList();
        });
    }

    /** One meeting (or a date the direktion or a committee is informed). */
    public Meeting schedule(Caller caller, UUID review, @Nullable String kind, @Nullable String title, When when,
                            @Nullable Integer agendaDaysBefore) {
        Access.requireAny(caller, Access.PLANNERS, "Kun projektleder og tovholder kan planlægge møder.");
        String k = kind(kind);
        LocalDate date = when.date();
        if (date == null) {
            throw ProblemException.invalid("date", "Angiv mødets dato.");
        }
        String place = place(when);
        int before = agendaDaysBefore == null ? 5 : agendaDaysBefore;
        if (before < 0 || before > 30) {
            throw ProblemException.invalid("agendaDaysBefore", "Materialet skal ud 0-30 arbejdsdage før mødet.");
        }
        String t = Recommendations.text("title", title, 200);
        return tenantTx.write(caller.tenant(), () -> {
            access.requireRead(caller, review);
            return insert(caller.tenant(), review, k, t.isBlank() ? KINDS.get(k) : t, date, when.start(), when.end(),
                    place, before);
        });
    }

    /**
     * Meetings ahead on a cadence: {@code count} meetings from {@code first}, every {@code everyWeeks} weeks, or
     * monthly on the same day of the month when {@code monthly}. A date that is not a working day moves to the next one.
     */
    public List<Meeting> cadence(Caller caller, UUID review, @Nullable String kind, When firstMeeting,
                                 @Nullable Integer everyWeeks, boolean monthly, @Nullable Integer count,
                                 @Nullable Integer agendaDaysBefore) {
        Access.requireAny(caller, Access.PLANNERS, "Kun projektleder og tovholder kan planlægge møder.");
        String k = kind(kind);
        LocalDate first = firstMeeting.date();
        String place = place(firstMeeting);
        if (first == null) {
            throw ProblemException.invalid("first", "Angiv datoen for det første møde.");
        }
        if (!monthly && (everyWeeks == null || everyWeeks < 1 || everyWeeks > 26)) {
            throw ProblemException.invalid("everyWeeks", "Angiv hvor mange uger der skal gå mellem møderne (1-26), eller vælg månedligt.");
        }
        int n = count == null ? 6 : count;
        if (n < 1 || n > 52) {
            throw ProblemException.invalid("count", "Planlæg 1-52 møder ad gangen.");
        }
        int before = agendaDaysBefore == null ? 5 : agendaDaysBefore;
        return tenantTx.write(caller.tenant(), () -> {
            access.requireRead(caller, review);
            List<Meeting> out = new ArrayList<>();
            WorkingDays days = calendar.workingDays();
            for (int i = 0; i < n; i++) {
                LocalDate d = monthly ? first.plusMonths(i) : first.plusWeeks((long) everyWeeks * i);
                out.add(insert(caller.tenant(), review, k, KINDS.get(k), nextWorkingDay(days, d), firstMeeting.start(),
                        firstMeeting.end(), place, before));
            }
            return out;
        });
    }

    static LocalDate nextWorkingDay(WorkingDays days, LocalDate d) {
        LocalDate x = d;
        while (!days.isWorkingDay(x)) {
            x = x.plusDays(1);
        }
        return x;
    }

    /** The place, checked; and an end needs a start before it. */
    private static String place(When when) {
        if (when.end() != null && (when.start() == null || !when.end().isAfter(when.start()))) {
            throw ProblemException.invalid("endTime", "Sluttidspunktet skal ligge efter starttidspunktet.");
        }
        return Recommendations.text("location", when.location(), 300);
    }

    private Meeting insert(String tenant, UUID review, String kind, String title, LocalDate date,
                           @Nullable LocalTime start, @Nullable LocalTime end, String location, int before) {
        UUID id = UUID.randomUUID();
        rows.save(new MeetingRow(id, tenant, review, kind, title, date, false, 0, before, null, "", null, null, null,
                start, end, location, 1));
        Meeting m = load(id);
        announce(tenant, m);
        return m;
    }

    /**
     * Changes a meeting's title, day, time or place, or cancels it; the invitation is replaced (same meeting id,
     * higher sequence). What is not given stays; the time and place are replaced together with the day.
     */
    public Meeting change(Caller caller, UUID id, long expectedVersion, @Nullable String title, When when,
                          boolean cancelled) {
        Access.requireAny(caller, Access.PLANNERS, "Kun projektleder og tovholder kan ændre møder.");
        String t = Recommendations.text("title", title, 200);
        String place = place(when);
        return tenantTx.write(caller.tenant(), () -> {
            Meeting m = load(id);
            access.requireRead(caller, m.reviewId());
            boolean timed = when.date() != null;
            if (rows.change(id, expectedVersion, t, when.date(), timed, when.start(), when.end(), place, cancelled) == 0) {
                throw Recommendations.stale();
            }
            Meeting after = load(id);
            history.record(caller, id, shown(m), shown(after));
            announce(caller.tenant(), after);
            return after;
        });
    }

    private static Map<String, String> shown(Meeting m) {
        DanishFormat f = DanishFormat.INSTANCE;
        return History.values("Titel", m.title(), "Dato", f.date(m.date()),
                "Tidspunkt", m.startTime() == null ? "Hele dagen" : m.startTime() + (m.endTime() == null ? "" : "-" + m.endTime()),
                "Sted", m.location(), "Aflyst", m.cancelled() ? "Ja" : "Nej");
    }

    /** Who changed the meeting's title, day, time or place, and when (newest first). */
    public List<History.Entry> changes(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> {
            Meeting m = load(id);
            access.requireRead(caller, m.reviewId());
            return history.of(id, user -> reviews.name(m.reviewId(), user));
        });
    }

    private void announce(String tenant, Meeting m) {
        int sequence = rows.findById(m.id()).orElseThrow().sequence();
        outbox.append(tenant, m.id().toString(), MeetingScheduled.newBuilder().setMeetingId(m.id().toString())
                .setReviewId(m.reviewId().toString()).setTitle(m.title()).setDate(m.date().toString()).setKind(m.kind())
                .setStartTime(m.startTime() == null ? "" : m.startTime().toString())
                .setEndTime(m.endTime() == null ? "" : m.endTime().toString()).setLocation(m.location())
                .setCancelled(m.cancelled()).setSequence(sequence).addAllParticipants(participants(m)).build());
    }

    List<String> participants(Meeting m) {
        List<String> roles = PARTICIPANTS.get(m.kind());
        return reviews.people(m.reviewId()).stream().filter(p -> roles.contains(p.role()))
                .map(ReviewCopies.Person::userId).distinct().toList();
    }

    public Meeting get(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> {
            Meeting m = load(id);
            access.requireRead(caller, m.reviewId());
            return m;
        });
    }

    /** Inside a tenant transaction. */
    Meeting load(UUID id) {
        return load(id, calendar.workingDays());
    }

    /** Inside a tenant transaction; {@code days} read once when many meetings are loaded. */
    Meeting load(UUID id, WorkingDays days) {
        return meeting(rows.findById(id).orElseThrow(() -> ProblemException.notFound("Mødet findes ikke.")), days);
    }

    private Meeting meeting(MeetingRow m, WorkingDays days) {
        List<Decision> decisions = rows.decisions(m.id()).stream().map(d -> new Decision(d.id(), d.recommendationId(),
                d.recommendationCode(), d.body(), d.decision(),
                d.decision() == null ? null : Recommendations.DECISIONS.get(d.decision()))).toList();
        return new Meeting(m.id(), m.reviewId(), m.kind(), KINDS.getOrDefault(m.kind(), m.kind()), m.title(), m.date(),
                m.startTime(), m.endTime(), m.location(), m.cancelled(), m.agendaDaysBefore(),
                days.minusWorkingDays(m.date(), m.agendaDaysBefore()), m.minutes(), m.minutesApprovedAt(), decisions,
                m.version());
    }

    private static String kind(@Nullable String kind) {
        if (kind == null || !KINDS.containsKey(kind)) {
            throw ProblemException.invalid("kind", "Vælg mødetype: " + String.join(", ", KINDS.values()) + ".");
        }
        return kind;
    }
}
