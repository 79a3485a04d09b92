package dk.gennemsyn.platform.cpr;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Danish CPR numbers (DDMMYY-SSSS) in free text, so they can be refused before anything is stored or
 * logged. A number that slips through is stored, so the text is first normalised the way people actually type
 * and paste: NFKC, every Unicode decimal digit to 0-9 (full-width, Arabic-Indic, ...), invisible characters
 * (zero-width, soft hyphen, bidi marks) removed, every dash and minus to '-', runs of spaces (also no-break) to
 * one. A separator is one space, '.', '/' or '-' (the hyphen also with spaces around it): the date is DDMMYY or
 * DD.MM.YY with the same separator twice, then an optional separator and the serial, which is never split.
 * <p>
 * A match must be a real calendar date, with the century given by the seventh digit and the year. Modulus 11 is
 * deliberately not required: numbers without it have been issued since 2007. Not flagged, because a refusal is
 * annoying: phone numbers (8 digits), dates, timestamps, amounts (also "1250 kr."), journal and case numbers such
 * as 27.24.04-G01-1-18, or ten digits joined by digits or punctuation to a longer number. Ten digits after a
 * space (e.g. a bank account after its reg. no.) are flagged when they form a CPR number: banks have used the CPR
 * number as the account number.
 * <p>
 * It runs on every imported field, so text with fewer than ten digits is answered without normalising.
 */
public final class CprGuard {

    /** One separator: a hyphen with optional spaces around it, a space, '.' or '/'. */
    private static final String SEP = "(?: ?- ?|[ ./])";

    // On the normalised text. The date is DDMMYY or written as a date with the same separator twice (DD.MM.YY, not
    // DDMM-YY: that is how case numbers such as 2010-123456 begin); then an optional separator and the serial.
    // Not part of a longer number (digits, or digits joined by . , / - as in amounts, dates and journal numbers)
    // and not an amount ("1250 kr.", "1250,-"). Punctuation in prose around it does not matter. The look-behinds come
    // after the first digit: most positions then fail at once.
    private static final Pattern CANDIDATE = Pattern.compile(
            "([0-9](?<![0-9]{2})(?<![0-9][.,/-][0-9])[0-9])"
            + "(?:([0-9]{2})([0-9]{2})|(" + SEP + ")([0-9]{2})\\4([0-9]{2}))"
            + SEP + "?([0-9])[0-9]{3}"
            + "(?![0-9])(?![.,/-][0-9])(?!,-)(?! ?(?i:kr|kroner|dkk|eur)(?!\\p{L}))");

    private CprGuard() {
    }

    /** True when the text holds something that is a valid CPR number. Never returns or logs the number. */
    public static boolean containsCpr(CharSequence text) {
        if (text == null || text.length() < 10) {
            return false;
        }
        int digits = 0;
        boolean ascii = true;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c >= '0' && c <= '9') {
                    digits++;
                }
            } else {
                ascii = false;
                if (Character.isDigit(c)
                        || Character.isHighSurrogate(c) && Character.isDigit(Character.codePointAt(text, i))) {
                    digits++;
                }
            }
        }
        if (digits < 10) {
            return false;
        }
        Matcher m = CANDIDATE.matcher(normalise(text, ascii));
        int from = 0;
        while (m.find(from)) {
            boolean joined = m.group(2) != null;
            if (isValid(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(joined ? 2 : 5)),
                    Integer.parseInt(m.group(joined ? 3 : 6)), Integer.parseInt(m.group(7)))) {
                return true;
            }
            from = m.start() + 1; // an invalid candidate may overlap a valid one
        }
        return false;
    }

    /**
     * NFKC (skipped for ASCII), decimal digits to 0-9, format characters (zero-width, soft hyphen, BOM, bidi marks)
     * dropped, dashes and minus to '-', division and fraction slash to '/', horizontal white space (tab, no-break
     * and other spaces) to one space. Line breaks stay: they do not join groups.
     */
    static String normalise(CharSequence text, boolean ascii) {
        String s = ascii ? text.toString() : Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0, n = s.length(); i < n; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int out;
            if (cp >= '0' && cp <= '9') {
                out = cp;
            } else if (cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028
                    || cp == 0x2029) {
                out = '\n';
            } else if (cp == ' ' || cp == '\t' || Character.isSpaceChar(cp) || Character.isWhitespace(cp)) {
                out = ' ';
            } else if (cp < 0x80) {
                out = cp;
            } else if (Character.isDigit(cp)) {
                out = '0' + Character.digit(cp, 10);
            } else if (Character.getType(cp) == Character.FORMAT) {
                continue;
            } else if (cp == 0x2212 || Character.getType(cp) == Character.DASH_PUNCTUATION) {
                out = '-';
            } else if (cp == 0x2044 || cp == 0x2215) {
                out = '/';
            } else {
                out = cp;
            }
            if (out == ' ') {
                if (space) {
                    continue;
                }
                space = true;
            } else {
                space = false;
            }
            b.appendCodePoint(out);
        }
        return b.toString();
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
