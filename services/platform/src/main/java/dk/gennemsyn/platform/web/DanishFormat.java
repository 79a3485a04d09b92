package dk.gennemsyn.platform.web;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Dates, times, months and numbers as Danish pages show them (local time; "2.938,2", "412.000 kr.", "december 2026");
 * in every page's model as {@code fmt}.
 */
public final class DanishFormat {

    public static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");
    public static final DanishFormat INSTANCE = new DanishFormat();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm").withZone(ZONE);

    private DanishFormat() {
    }

    public String date(@Nullable LocalDate d) {
        return d == null ? "" : DATE.format(d);
    }

    public String time(@Nullable Instant i) {
        return i == null ? "" : TIME.format(i);
    }

    private static final java.util.Locale DA = java.util.Locale.forLanguageTag("da-DK");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", DA);

    /** "december 2026". */
    public String month(@Nullable LocalDate d) {
        return d == null ? "" : MONTH.format(d);
    }

    private static final DateTimeFormatter MONTH_SHORT = DateTimeFormatter.ofPattern("MMM yy", DA);

    /** "dec. 26", for chart labels. */
    public String monthShort(@Nullable LocalDate d) {
        return d == null ? "" : MONTH_SHORT.format(d);
    }

    /** Thousands with a point, decimals after a comma: 2.938,2 (at most {@code decimals}, trailing zeros kept). */
    public String number(@Nullable Number n, int decimals) {
        if (n == null) {
            return "";
        }
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(DA);
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f.format(n);
    }

    /** As many decimals as it has (at most 2), the Danish way: 95,5; 40; 1.250,75. */
    public String decimal(@Nullable Number n) {
        if (n == null) {
            return "";
        }
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(DA);
        f.setMinimumFractionDigits(0);
        f.setMaximumFractionDigits(2);
        return f.format(n);
    }

    /** 412.000 kr. */
    public String kroner(@Nullable Number n) {
        return n == null ? "" : number(Math.round(n.doubleValue()), 0) + " kr.";
    }

    /** A review's phase as the contract codes it (case-intake's ReviewState), in Danish. */
    public static final java.util.Map<String, String> PHASES;

    static {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("planning", "Planlægning");
        p.put("sampling", "Stikprøve");
        p.put("reviewing", "Sagsgennemgang");
        p.put("validating", "Validering");
        p.put("reporting", "Afrapportering");
        p.put("follow_up", "Opfølgning");
        p.put("closed", "Afsluttet");
        PHASES = java.util.Collections.unmodifiableMap(p);
    }

    public String phase(@Nullable String code) {
        return code == null ? "" : PHASES.getOrDefault(code, code);
    }
}
