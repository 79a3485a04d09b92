package dk.gennemsyn.platform.web;

import dk.gennemsyn.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Values from HTML forms arrive as text, empty when left blank. Pages bind them as strings and convert here:
 * blank is null, anything unreadable is a 400 naming the field (never a binding error or a 500).
 */
public final class Forms {

    private Forms() {
    }

    public static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    @Nullable
    public static Long wholeNumber(String field, @Nullable String s) {
        if (blank(s)) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "Skriv et helt tal.");
        }
    }

    @Nullable
    public static Integer smallNumber(String field, @Nullable String s) {
        Long n = wholeNumber(field, s);
        if (n != null && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
            throw ProblemException.invalid(field, "Tallet er for stort.");
        }
        return n == null ? null : n.intValue();
    }

    /** A date input's value (ÅÅÅÅ-MM-DD). */
    @Nullable
    public static LocalDate date(String field, @Nullable String s) {
        if (blank(s)) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "Datoen skal skrives som ÅÅÅÅ-MM-DD.");
        }
    }

    /** A time input's value (TT:MM, also TT.MM as Danes write it); empty is "not known". */
    @Nullable
    public static java.time.LocalTime time(String field, @Nullable String s) {
        if (blank(s)) {
            return null;
        }
        try {
            return java.time.LocalTime.parse(s.trim().replace('.', ':'));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "Klokkeslættet skal skrives som TT:MM, fx 14:30.");
        }
    }
}
