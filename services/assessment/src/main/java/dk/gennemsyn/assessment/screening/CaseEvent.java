package dk.gennemsyn.assessment.screening;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * One event of a case's timeline as assessment keeps it (from CaseUpdated). {@code time} is null when the case
 * system did not give the time of day.
 */
@Serdeable
public record CaseEvent(String kind, LocalDate date, @Nullable LocalTime time, boolean withoutConsent,
                        String measureName, String legalBasisBarnetsLov, String legalBasisServiceloven,
                        long yearlyCostKr) {

    /** Stored timelines are JSON, and serde leaves empty strings out: an absent name or basis reads back as "". */
    public CaseEvent {
        measureName = measureName == null ? "" : measureName;
        legalBasisBarnetsLov = legalBasisBarnetsLov == null ? "" : legalBasisBarnetsLov;
        legalBasisServiceloven = legalBasisServiceloven == null ? "" : legalBasisServiceloven;
    }

    /** The measure and its legal bases as one line for a page ("Plejefamilie · § 43 · § 52, stk. 3, nr. 7"). */
    public String measureText() {
        return java.util.stream.Stream.of(measureName, legalBasisBarnetsLov, legalBasisServiceloven)
                .filter(s -> !s.isBlank()).collect(java.util.stream.Collectors.joining(" · "));
    }

    public static final String UNDERRETNING_MODTAGET = "underretning_modtaget";
    public static final String UNDERRETNING_VURDERET = "underretning_vurderet";
    public static final String BFU_STARTET = "bfu_startet";
    public static final String BFU_AFSLUTTET = "bfu_afsluttet";
    public static final String PLAN = "plan";
    public static final String BOERNESAMTALE = "boernesamtale";
    public static final String AFGOERELSE = "afgoerelse";
    public static final String FORANSTALTNING_STARTET = "foranstaltning_startet";
    public static final String FORANSTALTNING_AFSLUTTET = "foranstaltning_afsluttet";
    public static final String OPFOELGNING = "opfoelgning";

    private static final java.util.Map<String, String> LABELS = java.util.Map.ofEntries(
            java.util.Map.entry(UNDERRETNING_MODTAGET, "Underretning modtaget"),
            java.util.Map.entry(UNDERRETNING_VURDERET, "Underretning vurderet"),
            java.util.Map.entry("afdaekning", "Afdækning"),
            java.util.Map.entry(BFU_STARTET, "Børnefaglig undersøgelse startet"),
            java.util.Map.entry(BFU_AFSLUTTET, "Børnefaglig undersøgelse afsluttet"),
            java.util.Map.entry(PLAN, "Barnets plan / handleplan"),
            java.util.Map.entry(BOERNESAMTALE, "Børnesamtale"),
            java.util.Map.entry(AFGOERELSE, "Afgørelse"),
            java.util.Map.entry(FORANSTALTNING_STARTET, "Foranstaltning startet"),
            java.util.Map.entry(FORANSTALTNING_AFSLUTTET, "Foranstaltning afsluttet"),
            java.util.Map.entry(OPFOELGNING, "Opfølgning"),
            java.util.Map.entry("klage", "Klage"),
            java.util.Map.entry("aktindsigt", "Aktindsigt"),
            java.util.Map.entry("sag_lukket", "Sag lukket"));

    /** The Danish name of the kind (case-intake's codes). */
    public String label() {
        return LABELS.getOrDefault(kind, kind);
    }

    boolean is(String k) {
        return kind.equals(k);
    }

    /** For ordering: an unknown time sorts first within its day. */
    LocalDateTime sortKey() {
        return date.atTime(time == null ? LocalTime.MIN : time);
    }
}
