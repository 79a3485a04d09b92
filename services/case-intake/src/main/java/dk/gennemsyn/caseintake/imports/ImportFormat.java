package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.caseintake.cases.CaseNumbers;
import dk.gennemsyn.caseintake.cases.CaseType;
import dk.gennemsyn.caseintake.cases.Cases;
import dk.gennemsyn.caseintake.cases.TimelineKind;
import dk.gennemsyn.platform.cpr.CprGuard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dk.gennemsyn.platform.db.CopyText.hex;
import static dk.gennemsyn.platform.db.CopyText.text;

/**
 * The import file format (docs/import-format.md): one row per timeline event, with the case's columns repeated on
 * each of its rows (a case without events is one row with the event columns empty). Turns a row into a staged
 * line for PostgreSQL COPY, or into errors with the line and the column.
 */
final class ImportFormat {

    static final String CASE_NUMBER = "sagsnummer";
    static final String CASE_TYPE = "sagstype";
    static final String BIRTH_YEAR = "fødselsår";
    static final String AGE_BAND = "aldersgruppe";
    static final String TEAM = "team";
    static final String CASEWORKER = "rådgiver";
    static final String STATUS = "status";
    static final String EVENT = "hændelse";
    static final String DATE = "dato";
    static final String TIME = "tidspunkt";
    static final String MEASURE = "tilbud";
    static final String BL = "paragraf_barnets_lov";
    static final String SEL = "paragraf_serviceloven";
    static final String COST = "årlig_udgift";
    static final String WITHOUT_CONSENT = "uden_samtykke";
    static final String NOTE = "note";

    static final List<String> COLUMNS = List.of(CASE_NUMBER, CASE_TYPE, BIRTH_YEAR, AGE_BAND, TEAM, CASEWORKER, STATUS,
            EVENT, DATE, TIME, MEASURE, BL, SEL, COST, WITHOUT_CONSENT, NOTE);
    static final List<String> REQUIRED = List.of(CASE_NUMBER, CASE_TYPE);
    static final int MAX_NOTE = 4000;

    /** One error: line, column (may be null for the whole row) and a Danish message that never echoes a CPR number. */
    record RowError(long line, String column, String message) {
    }

    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final String tenant;
    private final CaseNumbers caseNumbers;
    private final int thisYear;
    private final MessageDigest sha;
    // Files list a case's rows together: encrypt its number once, not once per row.
    private String lastCaseNumber;
    private byte[] lastEncrypted;

    private ImportFormat(String tenant, CaseNumbers caseNumbers, int thisYear) {
        this.tenant = tenant;
        this.caseNumbers = caseNumbers;
        this.thisYear = thisYear;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the header; returns the errors (missing or unknown columns), empty when it is usable. */
    static ImportFormat header(List<String> header, String tenant, CaseNumbers caseNumbers, int thisYear,
                               List<RowError> errors) {
        ImportFormat f = new ImportFormat(tenant, caseNumbers, thisYear);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT).replace(' ', '_');
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (name.isEmpty()) {
                continue;
            }
            if (!COLUMNS.contains(name)) {
                errors.add(new RowError(1, header.get(i).length() > 40 ? header.get(i).substring(0, 40) : header.get(i),
                        "Ukendt kolonne '" + (CprGuard.containsCpr(name) ? "(skjult)" : name) + "'. Kendte kolonner: "
                                + String.join(", ", COLUMNS) + "."));
            } else if (f.index.put(name, i) != null) {
                errors.add(new RowError(1, name, "Kolonnen '" + name + "' står to gange."));
            }
        }
        for (String r : REQUIRED) {
            if (!f.index.containsKey(r)) {
                errors.add(new RowError(1, r, "Kolonnen '" + r + "' mangler. Påkrævede kolonner: "
                        + String.join(", ", REQUIRED) + "."));
            }
        }
        return f;
    }

    int columnCount() {
        return index.values().stream().mapToInt(i -> i).max().orElse(0) + 1;
    }

    /**
     * Validates a row and appends its COPY line to {@code out}. Returns false (and adds errors) if it is invalid;
     * an invalid row whose case number is readable is still staged, marked bad, so its whole case can be skipped.
     */
    boolean stage(CsvReader.Row row, List<RowError> errors, StringBuilder out) {
        long line = row.line();
        List<String> f = row.fields();
        int before = errors.size();
        if (f.size() != columnCount() && !(f.size() > columnCount() && f.subList(columnCount(), f.size()).stream()
                .allMatch(String::isBlank))) {
            errors.add(new RowError(line, null, "Linjen har " + f.size() + " felter, men overskriften har " + columnCount()
                    + ". Tjek skilletegn og anførselstegn."));
            return false;
        }
        // The CPR guard covers every field, before anything else looks at the values.
        for (var e : index.entrySet()) {
            if (CprGuard.containsCpr(f.get(e.getValue()))) {
                errors.add(new RowError(line, e.getKey(), "Feltet ser ud til at indeholde et CPR-nummer. CPR-numre må "
                        + "ikke registreres i Gennemsyn; fjern det fra filen."));
            }
        }
        if (errors.size() > before) {
            return false; // nothing of a row with a CPR number is kept, not even its digest
        }
        String caseNumber = get(f, CASE_NUMBER);
        if (caseNumber.isEmpty()) {
            errors.add(new RowError(line, CASE_NUMBER, "Sagsnummer mangler."));
        } else if (caseNumber.length() > CaseNumbers.MAX_LENGTH) {
            errors.add(new RowError(line, CASE_NUMBER, "Sagsnummeret er længere end " + CaseNumbers.MAX_LENGTH + " tegn."));
        }
        String caseType = get(f, CASE_TYPE).toLowerCase(Locale.ROOT);
        if (CaseType.ofCode(caseType).isEmpty()) {
            errors.add(new RowError(line, CASE_TYPE, "Ukendt sagstype. Brug en af: "
                    + String.join(", ", CaseType.labels().keySet()) + "."));
        }
        Integer birthYear = null;
        String by = get(f, BIRTH_YEAR);
        if (!by.isEmpty()) {
            try {
                birthYear = Integer.parseInt(by);
                if (birthYear < thisYear - 30 || birthYear > thisYear) {
                    errors.add(new RowError(line, BIRTH_YEAR, "Fødselsåret skal ligge mellem " + (thisYear - 30) + " og "
                            + thisYear + "."));
                }
            } catch (NumberFormatException e) {
                errors.add(new RowError(line, BIRTH_YEAR, "Fødselsåret skal være et årstal med fire cifre."));
            }
        }
        String ageBand = get(f, AGE_BAND);
        if (!ageBand.isEmpty() && !Cases.AGE_BANDS.contains(ageBand)) {
            errors.add(new RowError(line, AGE_BAND, "Aldersgruppen skal være en af " + String.join(", ", Cases.AGE_BANDS) + "."));
        }
        String team = get(f, TEAM);
        String caseworker = get(f, CASEWORKER);
        lengths(line, errors, f, 100, TEAM, CASEWORKER, MEASURE);
        lengths(line, errors, f, 100, BL, SEL);
        String status = get(f, STATUS).toLowerCase(Locale.ROOT);
        Boolean open = switch (status) {
            case "", "åben", "aaben", "open" -> true;
            case "lukket", "closed" -> false;
            default -> {
                errors.add(new RowError(line, STATUS, "Status skal være 'åben' eller 'lukket'."));
                yield null;
            }
        };
        String kind = get(f, EVENT).toLowerCase(Locale.ROOT);
        LocalDate date = null;
        if (!kind.isEmpty()) {
            if (TimelineKind.ofCode(kind).isEmpty()) {
                errors.add(new RowError(line, EVENT, "Ukendt hændelse. Brug en af: "
                        + String.join(", ", TimelineKind.labels().keySet()) + "."));
            }
            String d = get(f, DATE);
            if (d.isEmpty()) {
                errors.add(new RowError(line, DATE, "Dato mangler for hændelsen."));
            } else {
                date = date(d);
                if (date == null) {
                    errors.add(new RowError(line, DATE, "Datoen skal skrives som ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ og være en "
                            + "rigtig dato."));
                } else if (date.getYear() > thisYear + 1 || date.getYear() < 1950) {
                    errors.add(new RowError(line, DATE, "Datoen ligger uden for det mulige (1950 til næste år)."));
                }
            }
        }
        java.time.LocalTime time = null;
        String tm = get(f, TIME);
        if (!tm.isEmpty()) {
            time = time(tm);
            if (time == null) {
                errors.add(new RowError(line, TIME, "Tidspunktet skal skrives som TT:MM (fx 09:30 eller 14.05)."));
            } else if (kind.isEmpty()) {
                errors.add(new RowError(line, EVENT, "Hændelse mangler (der er angivet et tidspunkt)."));
            }
        }
        if (kind.isEmpty() && (!get(f, DATE).isEmpty() || !get(f, MEASURE).isEmpty())) {
            errors.add(new RowError(line, EVENT, "Hændelse mangler (der er angivet dato eller tilbud)."));
        }
        Long cost = null;
        String c = get(f, COST);
        if (!c.isEmpty()) {
            cost = amount(c);
            if (cost == null) {
                errors.add(new RowError(line, COST, "Årlig udgift skal være et beløb i kr., fx 125.000 eller 125000,50."));
            }
        }
        String wc = get(f, WITHOUT_CONSENT).toLowerCase(Locale.ROOT);
        if (!List.of("", "ja", "nej").contains(wc)) {
            errors.add(new RowError(line, WITHOUT_CONSENT, "Uden samtykke skal være 'ja', 'nej' eller tomt."));
        }
        String note = get(f, NOTE);
        if (note.length() > MAX_NOTE) {
            errors.add(new RowError(line, NOTE, "Noten er længere end " + MAX_NOTE + " tegn."));
        }
        boolean bad = errors.size() > before;
        if (caseNumber.isEmpty() || caseNumber.length() > CaseNumbers.MAX_LENGTH) {
            return false; // cannot even tell which case it belongs to
        }
        byte[] hash = caseNumbers.hash(tenant, caseNumber);
        if (!caseNumber.equals(lastCaseNumber)) {
            lastCaseNumber = caseNumber;
            lastEncrypted = caseNumbers.encrypt(tenant, caseNumber);
        }
        // COPY text format, tab separated: see ImportStaging.STAGE_COLUMNS.
        out.append(line).append('\t');
        hex(out, hash).append('\t');
        hex(out, lastEncrypted).append('\t');
        text(out, bad ? "" : caseType).append('\t');
        out.append(birthYear == null ? "\\N" : birthYear.toString()).append('\t');
        nullable(out, ageBand).append('\t');
        nullable(out, team).append('\t');
        if (caseworker.isEmpty()) {
            out.append("\\N");
        } else {
            hex(out, caseNumbers.hashOther(tenant, "caseworker", caseworker));
        }
        out.append('\t');
        out.append(open == null || open ? 't' : 'f').append('\t');
        nullable(out, bad ? "" : kind).append('\t');
        out.append(date == null ? "\\N" : date.toString()).append('\t');
        out.append(time == null ? "\\N" : time.toString()).append('\t');
        nullable(out, get(f, MEASURE)).append('\t');
        text(out, get(f, BL)).append('\t');
        text(out, get(f, SEL)).append('\t');
        out.append(cost == null ? "\\N" : cost.toString()).append('\t');
        out.append(wc.equals("ja") ? 't' : 'f').append('\t');
        text(out, note).append('\t');
        out.append(digest(f)).append('\t');
        out.append(bad ? 't' : 'f').append('\n');
        return !bad;
    }

    private String get(List<String> f, String column) {
        Integer i = index.get(column);
        return i == null || i >= f.size() ? "" : f.get(i).trim();
    }

    private void lengths(long line, List<RowError> errors, List<String> f, int max, String... columns) {
        for (String col : columns) {
            if (get(f, col).length() > max) {
                errors.add(new RowError(line, col, "Feltet er længere end " + max + " tegn."));
            }
        }
    }

    private static final DateTimeFormatter DANISH = DateTimeFormatter.ofPattern("dd-MM-uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final DateTimeFormatter DANISH_DOTS = DateTimeFormatter.ofPattern("dd.MM.uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private static final java.util.regex.Pattern TIME_OF_DAY = java.util.regex.Pattern.compile("([01]?\\d|2[0-3])[:.]([0-5]\\d)");

    /** TT:MM or TT.MM (Danish "kl. 14.30"), 00:00-23:59; null if not a time of day. */
    static java.time.LocalTime time(String s) {
        var m = TIME_OF_DAY.matcher(s);
        return m.matches() ? java.time.LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
    }

    static LocalDate date(String s) {
        for (DateTimeFormatter fmt : List.of(DateTimeFormatter.ISO_LOCAL_DATE, DANISH, DANISH_DOTS)) {
            try {
                return LocalDate.parse(s, fmt);
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern DANISH_AMOUNT =
            java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{3})+(,\\d+)?|\\d+(,\\d+)?");

    /** Danish amounts: '.' groups thousands, ',' marks decimals; rounded to whole kroner. */
    static Long amount(String s) {
        String t = s.replace(" ", "").replace("kr.", "").replace("kr", "");
        if (!DANISH_AMOUNT.matcher(t).matches()) {
            return null;
        }
        return new BigDecimal(t.replace(".", "").replace(',', '.')).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private String digest(List<String> f) {
        sha.reset();
        for (String col : COLUMNS) {
            sha.update(get(f, col).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static StringBuilder nullable(StringBuilder out, String s) {
        return s.isEmpty() ? out.append("\\N") : text(out, s);
    }
}
