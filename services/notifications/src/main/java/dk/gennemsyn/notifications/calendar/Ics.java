package dk.gennemsyn.notifications.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import io.micronaut.core.annotation.Nullable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An iCalendar (RFC 5545) invitation: at its time (written in UTC, from local time in Denmark) with its place and
 * every participant as an attendee, or an all-day entry when no time is set. The UID is stable per meeting and the
 * SEQUENCE grows with each change, so a calendar replaces the earlier invitation on update and removes it on
 * cancellation.
 */
public final class Ics {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public record Person(String name, String email) {
    }

    /** {@code start}/{@code end}: local time in Denmark, null for an all-day entry (an end alone: an hour after start). */
    public record Meeting(String uid, int sequence, boolean cancelled, String title, LocalDate date,
                          @Nullable LocalTime start, @Nullable LocalTime end, String location, String description,
                          String organizerEmail, List<Person> attendees) {
    }

    private Ics() {
    }

    public static String method(Meeting m) {
        return m.cancelled() ? "CANCEL" : "REQUEST";
    }

    public static String write(Meeting m, Instant now) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "PRODID:-//Gennemsyn//Gennemsyn//DA");
        line(out, "VERSION:2.0");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:" + method(m));
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + m.uid());
        line(out, "SEQUENCE:" + m.sequence());
        line(out, "DTSTAMP:" + STAMP.format(now));
        if (m.start() == null) {
            line(out, "DTSTART;VALUE=DATE:" + DATE.format(m.date()));
            line(out, "DTEND;VALUE=DATE:" + DATE.format(m.date().plusDays(1)));
        } else {
            ZonedDateTime start = m.date().atTime(m.start()).atZone(dk.gennemsyn.platform.web.DanishFormat.ZONE);
            ZonedDateTime end = m.end() == null ? start.plusHours(1) : m.date().atTime(m.end()).atZone(dk.gennemsyn.platform.web.DanishFormat.ZONE);
            line(out, "DTSTART:" + STAMP.format(start.toInstant()));
            line(out, "DTEND:" + STAMP.format(end.toInstant()));
        }
        line(out, "SUMMARY:" + text(m.title()));
        if (!m.location().isBlank()) {
            line(out, "LOCATION:" + text(m.location()));
        }
        line(out, "DESCRIPTION:" + text(m.description()));
        line(out, "STATUS:" + (m.cancelled() ? "CANCELLED" : "CONFIRMED"));
        line(out, "TRANSP:OPAQUE");
        line(out, "ORGANIZER;CN=Gennemsyn:mailto:" + m.organizerEmail());
        for (Person p : m.attendees()) {
            line(out, "ATTENDEE;CN=" + param(p.name()) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:"
                    + p.email());
        }
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** TEXT value escaping (RFC 5545 3.3.11). */
    static String text(String s) {
        return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
    }

    /** A parameter value: quoted, without the characters a quoted value may not hold. */
    static String param(String s) {
        return "\"" + s.replace("\"", "'").replaceAll("[\\r\\n]", " ") + "\"";
    }

    /** Content lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character. */
    static void line(StringBuilder out, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            out.append(content).append("\r\n");
            return;
        }
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = 74; // the leading space counts
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
