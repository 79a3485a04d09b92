package dk.gennemsyn.notifications.calendar;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The invitations parse back with ical4j (an independent reader) and say what was meant. */
class IcsTest {

    static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    static String prop(VEvent e, String name) {
        return e.getProperty(name).orElseThrow().getValue();
    }

    @Test
    void anInvitationIsValidICalendarWithItsUidSequenceAndDate() throws Exception {
        String title = "Fællesmøde om de 20 sager; med ledere, rådgivere og konsulenter fra KL's Konsulentvirksomhed — hele dagen";
        String ics = Ics.write(new Ics.Meeting("milestone-1@gennemsyn", 3, false, title, LocalDate.of(2026, 9, 24),
                null, null, "", "Linje 1\nLinje 2, med komma", "noreply@gennemsyn.dk",
                java.util.List.of(new Ics.Person("Tovholder \"Test\"", "tovholder@kommune.example"))),
                Instant.parse("2026-09-01T08:00:00Z"));
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(ics).endsWith("END:VCALENDAR\r\n").doesNotContain("\n\n");
        Calendar cal = parse(ics);
        cal.validate();
        assertThat(cal.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("REQUEST");
        VEvent e = (VEvent) cal.getComponent("VEVENT").orElseThrow();
        assertThat(prop(e, "UID")).isEqualTo("milestone-1@gennemsyn");
        assertThat(prop(e, "SEQUENCE")).isEqualTo("3");
        assertThat(prop(e, "SUMMARY")).isEqualTo(title);
        assertThat(prop(e, "DESCRIPTION")).isEqualTo("Linje 1\nLinje 2, med komma");
        assertThat(prop(e, "DTSTART")).isEqualTo("20260924");
        assertThat(prop(e, "DTEND")).isEqualTo("20260925");
        assertThat(prop(e, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(prop(e, "ATTENDEE")).isEqualTo("mailto:tovholder@kommune.example");
    }

    @Test
    void aCancellationKeepsTheUidAndRaisesTheSequence() throws Exception {
        String ics = Ics.write(new Ics.Meeting("milestone-1@gennemsyn", 4, true, "Møde", LocalDate.of(2026, 9, 24), null, null,
                "", "Aflyst", "noreply@gennemsyn.dk", java.util.List.of(new Ics.Person("A", "a@kommune.example"))), Instant.now());
        Calendar cal = parse(ics);
        cal.validate();
        assertThat(cal.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
        VEvent e = (VEvent) cal.getComponent("VEVENT").orElseThrow();
        assertThat(prop(e, "UID")).isEqualTo("milestone-1@gennemsyn");
        assertThat(prop(e, "SEQUENCE")).isEqualTo("4");
        assertThat(prop(e, "STATUS")).isEqualTo("CANCELLED");
    }

    @Test
    void aMeetingWithATimeIsAtThatTimeInDenmarkWithItsPlaceAndEveryAttendee() throws Exception {
        // 24 September 2026 is summer time (UTC+2); 10 December is not (UTC+1).
        for (var day : java.util.Map.of(LocalDate.of(2026, 9, 24), "20260924T110000Z", LocalDate.of(2026, 12, 10),
                "20261210T120000Z").entrySet()) {
            String ics = Ics.write(new Ics.Meeting("meeting-1@gennemsyn", 0, false, "Styregruppemøde", day.getKey(),
                    java.time.LocalTime.of(13, 0), java.time.LocalTime.of(14, 30), "Rådhuset, lokale 2; 1. sal",
                    "Ny mødeindkaldelse", "noreply@gennemsyn.dk", java.util.List.of(new Ics.Person("Projektleder", "pl@kommune.example"),
                    new Ics.Person("Styregruppemedlem", "sg@kommune.example"))), Instant.now());
            Calendar cal = parse(ics);
            cal.validate();
            VEvent e = (VEvent) cal.getComponent("VEVENT").orElseThrow();
            assertThat(prop(e, "DTSTART")).isEqualTo(day.getValue());
            assertThat(e.getProperty("LOCATION").orElseThrow().getValue()).isEqualTo("Rådhuset, lokale 2; 1. sal");
            assertThat(e.<net.fortuna.ical4j.model.Property>getProperties("ATTENDEE")).extracting(net.fortuna.ical4j.model.Property::getValue)
                    .containsExactly("mailto:pl@kommune.example", "mailto:sg@kommune.example");
        }
    }
}
