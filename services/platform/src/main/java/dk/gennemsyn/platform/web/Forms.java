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

    private static final java.time.format.DateTimeFormatter[] DATES = {
            java.time.format.DateTimeFormatter.ISO_LOCAL_DATE,
            java.time.format.DateTimeFormatter.ofPattern("d-M-uuuu").withResolverStyle(java.time.format.ResolverStyle.STRICT),
            java.time.format.DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(java.time.format.ResolverStyle.STRICT),
            java.time.format.DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(java.time.format.ResolverStyle.STRICT)};

    /** A date as a date input sends it (ÅÅÅÅ-MM-DD) or as Danes write it: 24-12-2026, 24.12.2026, 24/12/2026. */
    @Nullable
    public static LocalDate date(String field, @Nullable String s) {
        if (blank(s)) {
            return null;
        }
        for (java.time.format.DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(s.trim(), f);
            } catch (DateTimeParseException e) {
                // try the next way of writing it
            }
        }
        throw ProblemException.invalid(field, "Datoen skal skrives som DD-MM-ÅÅÅÅ, fx 24-12-2026.");
    }

    /**
     * A number as Danes write it: a comma before the decimals and points (or spaces) between thousands, so
     * "85.000", "85.000,50" and "1.234.567 kr." are read as they are meant. Without a comma, a point followed by
     * exactly three digits per group is a thousands point ("85.000"); otherwise it is a decimal point, as a number
     * input sends it ("12.5").
     */
    @Nullable
    public static java.math.BigDecimal decimal(String field, @Nullable String s) {
        if (blank(s)) {
            return null;
        }
        String t = s.strip().replaceFirst("(?i)\\s*(kr\\.?|dkk|%|timer|t\\.)$", "").strip()
                .replace("\u00a0", "").replace(" ", "");
        if (t.contains(",")) {
            t = t.replace(".", "").replace(',', '.');
        } else if (t.matches("-?\\d{1,3}(\\.\\d{3})+")) {
            t = t.replace(".", "");
        }
        try {
            return new java.math.BigDecimal(t);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "Skriv et tal, fx 12,5 eller 85.000.");
        }
    }

    /** Kroner, rounded to whole kroner: "85.000", "85.000,50", "1.234.567 kr.", "85000". */
    @Nullable
    public static Long kroner(String field, @Nullable String s) {
        java.math.BigDecimal d;
        try {
            d = decimal(field, s);
        } catch (ProblemException e) {
            throw ProblemException.invalid(field, "Skriv et beløb i kroner, fx 85.000 eller 85.000,50.");
        }
        if (d == null) {
            return null;
        }
        if (d.abs().compareTo(java.math.BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
            throw ProblemException.invalid(field, "Beløbet er for stort.");
        }
        return d.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
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

    /**
     * A page shown again after its form was refused: names the field the problem is about ({@code errorField}) and
     * the refusal's status ({@code errorStatus}), so the layout's script puts the message beside the field and
     * restores what was typed (layout.js).
     */
    public static io.micronaut.views.ModelAndView<java.util.Map<String, Object>> refused(
            io.micronaut.views.ModelAndView<? extends java.util.Map<String, Object>> page,
            dk.gennemsyn.platform.problem.ProblemException e) {
        java.util.Map<String, Object> model = new java.util.HashMap<>();
        page.getModel().ifPresent(model::putAll);
        model.put("errorField", e.field());
        model.put("errorStatus", e.status().getCode());
        return new io.micronaut.views.ModelAndView<>(page.getView().orElseThrow(), model);
    }
}
