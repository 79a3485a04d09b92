package dk.gennemsyn.notifications.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An iCalendar (RFC 5545) invitation to an all-day meeting. The UID is stable per meeting and the SEQUENCE grows
 * with each change, so a calendar replaces the earlier invitation on update and removes it on cancellation.
 */
public final class Ics {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public record Meeting(String uid, int sequence, boolean cancelled, String title, LocalDate date, String description,
                          String organizerEmail, String attendeeName, String attendeeEmail) {
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
        line(out, "DTSTART;VALUE=DATE:" + DATE.format(m.date()));
        line(out, "DTEND;VALUE=DATE:" + DATE.format(m.date().plusDays(1)));
        line(out, "SUMMARY:" + text(m.title()));
        line(out, "DESCRIPTION:" + text(m.description()));
        line(out, "STATUS:" + (m.cancelled() ? "CANCELLED" : "CONFIRMED"));
        line(out, "TRANSP:OPAQUE");
        line(out, "ORGANIZER;CN=Gennemsyn:mailto:" + m.organizerEmail());
        line(out, "ATTENDEE;CN=" + param(m.attendeeName()) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:"
                + m.attendeeEmail());
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
