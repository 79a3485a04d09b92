package dk.gennemsyn.platform.cpr;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synthetic numbers only, built here from a date and digits (no CPR-like literal is kept in the code).
 */
class CprGuardTest {

    static final DateTimeFormatter DDMMYY = DateTimeFormatter.ofPattern("ddMMyy");

    /** A CPR-shaped number for the given birth date, seventh digit and last three digits. */
    static String cpr(LocalDate born, int seventh, String rest, boolean hyphen) {
        return born.format(DDMMYY) + (hyphen ? "-" : "") + seventh + rest;
    }

    static String cpr(int day, int month, int yy, int seventh) {
        return String.format("%02d%02d%02d-%d%s", day, month, yy, seventh, "321");
    }

    @Test
    void findsANumberWithAndWithoutHyphenAloneAndInText() {
        String n = cpr(LocalDate.of(2011, 3, 14), 4, "987", true);
        String plain = cpr(LocalDate.of(2011, 3, 14), 4, "987", false);
        assertThat(CprGuard.containsCpr(n)).isTrue();
        assertThat(CprGuard.containsCpr(plain)).isTrue();
        assertThat(CprGuard.containsCpr("Barnet (" + n + ") bor hos mor.")).isTrue();
        assertThat(CprGuard.containsCpr("cpr: " + plain + ", se journal")).isTrue();
        assertThat(CprGuard.containsCpr("Nr." + plain)).isTrue();
        assertThat(CprGuard.containsCpr("slut på sætning " + n + ".")).isTrue();
    }

    @Test
    void doesNotRequireModulus11() {
        // Numbers that fail the old modulus-11 check have been issued since 2007.
        for (String rest : new String[] {"000", "001", "002", "003", "004", "005", "006", "007", "008", "009", "010"}) {
            assertThat(CprGuard.containsCpr(cpr(LocalDate.of(2015, 6, 1), 4, rest, true))).as(rest).isTrue();
        }
    }

    @Test
    void theSeventhDigitGivesTheCentury() {
        assertThat(CprGuard.century(99, 3)).isEqualTo(1900);
        assertThat(CprGuard.century(36, 4)).isEqualTo(2000);
        assertThat(CprGuard.century(37, 4)).isEqualTo(1900);
        assertThat(CprGuard.century(57, 5)).isEqualTo(2000);
        assertThat(CprGuard.century(58, 8)).isEqualTo(1800);
        assertThat(CprGuard.century(36, 9)).isEqualTo(2000);
        assertThat(CprGuard.century(37, 9)).isEqualTo(1900);
    }

    @Test
    void theDateMustExistInThatCentury() {
        assertThat(CprGuard.containsCpr(cpr(29, 2, 0, 4))).as("29 Feb 2000: leap year").isTrue();
        assertThat(CprGuard.containsCpr(cpr(29, 2, 0, 0))).as("29 Feb 1900: not a leap year").isFalse();
        assertThat(CprGuard.containsCpr(cpr(29, 2, 96, 2))).as("29 Feb 1996").isTrue();
        assertThat(CprGuard.containsCpr(cpr(29, 2, 97, 2))).as("29 Feb 1997").isFalse();
        assertThat(CprGuard.containsCpr(cpr(31, 4, 10, 4))).as("31 April").isFalse();
        assertThat(CprGuard.containsCpr(cpr(32, 1, 10, 4))).as("day 32").isFalse();
        assertThat(CprGuard.containsCpr(cpr(0, 1, 10, 4))).as("day 0").isFalse();
        assertThat(CprGuard.containsCpr(cpr(15, 13, 10, 4))).as("month 13").isFalse();
        assertThat(CprGuard.containsCpr(cpr(15, 0, 10, 4))).as("month 0").isFalse();
    }

    @Test
    void phoneNumbersDatesAmountsAndJournalNumbersAreNotFlagged() {
        // Ten digits that would be a valid number on their own, so only the context keeps them from matching.
        String tenDigits = cpr(LocalDate.of(2018, 1, 25), 4, "321", false);
        String sixDigits = tenDigits.substring(0, 6);
        String[] harmless = {
            "Ring på 12 34 56 78 eller +45 87654321",
            "Mødet er 25-01-2018 kl. 10, underretning modtaget 2018-01-25",
            "Udgift " + tenDigits + ",50 kr. i alt",
            "Beløb 1." + tenDigits + " kr.",
            "Journalnummer 27.24.04-G01-1-18",
            "Sagsnummer 1" + tenDigits + " i DUBU (elleve cifre)",
            "Perioden " + sixDigits + "-" + sixDigits.substring(0, 4) + "19 blev gennemgået",
            "Version " + tenDigits.substring(0, 8) + "." + tenDigits.substring(8),
            "",
        };
        for (String text : harmless) {
            assertThat(CprGuard.containsCpr(text)).as(text).isFalse();
        }
        assertThat(CprGuard.containsCpr(null)).isFalse();
    }

    /** The digits of s in another script, given by its zero (e.g. U+FF10 full-width, U+0660 Arabic-Indic). */
    static String digits(String s, int zero) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.appendCodePoint(c >= '0' && c <= '9' ? zero + c - '0' : c));
        return b.toString();
    }

    @Test
    void findsTheSpellingsPeopleTypeAndPaste() {
        String n = cpr(LocalDate.of(1990, 1, 1), 1, "234", false);
        String d = n.substring(0, 2), m = n.substring(2, 4), y = n.substring(4, 6), s = n.substring(6);
        String[] spellings = {
            d + m + y + " " + s, d + m + y + "/" + s, d + m + y + " - " + s, d + " " + m + " " + y + "-" + s,
            d + "." + m + "." + y + "-" + s, d + "." + m + "." + y + " " + s, d + m + y + "\u00A0" + s,
            d + m + y + "\u2013" + s, d + m + y + "\u2212" + s, d + m + y + "\u2011" + s, digits(n, 0xFF10),
            digits(d + m + y + "-" + s, 0x0660), d + "\u200B" + m + y + "\u200D-" + s, d + m + y + "\u00AD" + s,
            "\uFEFF" + d + m + "\u2060" + y + s, d + m + y + "\t" + s, "CPR-nr.: " + d + "." + m + "." + y + "-" + s,
        };
        for (String text : spellings) {
            assertThat(CprGuard.containsCpr(text)).as(text).isTrue();
        }
    }

    @Test
    void theChoicesAtTheEdges() {
        String n = cpr(LocalDate.of(2010, 1, 12), 3, "456", false);
        String d = n.substring(0, 2), m = n.substring(2, 4), y = n.substring(4, 6), s = n.substring(6);
        // Banks have numbered accounts by the owner's CPR number: reg. no., space, account is flagged...
        assertThat(CprGuard.containsCpr("Konto 1234 " + n)).isTrue();
        // ...joined by a hyphen it is one longer number, as before.
        assertThat(CprGuard.containsCpr("Konto 1234-" + n)).isFalse();
        // DDMM-YYSSSS is how case numbers such as 2010-123456 read: the date part is whole or fully separated.
        assertThat(CprGuard.containsCpr(d + m + "-" + y + s)).isFalse();
        assertThat(CprGuard.containsCpr(d + "." + m + " " + y + "-" + s)).isFalse();
        // The serial is never split, a line break joins nothing, an amount is an amount.
        assertThat(CprGuard.containsCpr(d + m + y + "-" + s.substring(0, 2) + " " + s.substring(2))).isFalse();
        assertThat(CprGuard.containsCpr(d + m + y + "\n" + s)).isFalse();
        assertThat(CprGuard.containsCpr("Faktura " + d + "." + m + "." + y + " " + s + " kr.")).isFalse();
        // Nine digits and invisible characters: fewer than ten digits is always false.
        assertThat(CprGuard.containsCpr("\u200B".repeat(20) + n.substring(1))).isFalse();
    }
}
