package dk.gennemsyn.platform.cpr;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Danish CPR numbers (DDMMYY-SSSS, hyphen optional) in free text, so they can be refused before
 * anything is stored or logged. A match must be a real calendar date, with the century given by the
 * seventh digit and the year. Modulus 11 is deliberately not required: numbers without it have been
 * issued since 2007. Not flagged: phone numbers (8 digits), dates, amounts, journal numbers such as
 * 27.24.04-G01-1-18, or ten digits inside a longer number.
 */
public final class CprGuard {

    // Ten digits, an optional hyphen after the sixth, not part of a longer number (digits, or digits joined
    // by . , / - as in amounts, dates and journal numbers). Punctuation in prose around it does not matter.
    private static final Pattern CANDIDATE =
            Pattern.compile("(?<!\\d)(?<!\\d[.,/-])(\\d{2})(\\d{2})(\\d{2})-?(\\d)(\\d{3})(?!\\d|[.,/-]\\d)");

    private CprGuard() {
    }

    /** True when the text holds something that is a valid CPR number. Never returns or logs the number. */
    public static boolean containsCpr(CharSequence text) {
        if (text == null || text.length() < 10) {
            return false;
        }
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            if (isValid(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)))) {
                return true;
            }
        }
        return false;
    }

    /** Day, month, two-digit year and the seventh digit: is it a birth date the CPR register can hold? */
    static boolean isValid(int day, int month, int yy, int seventh) {
        Integer century = century(yy, seventh);
        if (century == null) {
            return false;
        }
        try {
            LocalDate.of(century + yy, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The century rule of the CPR register (Indenrigsministeriet). */
    static Integer century(int yy, int seventh) {
        return switch (seventh) {
            case 0, 1, 2, 3 -> 1900;
            case 4, 9 -> yy <= 36 ? 2000 : 1900;
            case 5, 6, 7, 8 -> yy <= 57 ? 2000 : 1800;
            default -> null;
        };
    }
}
