package dk.gennemsyn.caseintake.cases;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What can happen on a case's timeline. The codes are the contract (import files, events, API). */
public enum TimelineKind {
    UNDERRETNING_MODTAGET("underretning_modtaget", "Underretning modtaget"),
    UNDERRETNING_VURDERET("underretning_vurderet", "Underretning vurderet"),
    AFDAEKNING("afdaekning", "Afdækning"),
    BFU_STARTET("bfu_startet", "Børnefaglig undersøgelse startet"),
    BFU_AFSLUTTET("bfu_afsluttet", "Børnefaglig undersøgelse afsluttet"),
    PLAN("plan", "Barnets plan / handleplan"),
    BOERNESAMTALE("boernesamtale", "Børnesamtale"),
    AFGOERELSE("afgoerelse", "Afgørelse"),
    FORANSTALTNING_STARTET("foranstaltning_startet", "Foranstaltning startet"),
    FORANSTALTNING_AFSLUTTET("foranstaltning_afsluttet", "Foranstaltning afsluttet"),
    OPFOELGNING("opfoelgning", "Opfølgning"),
    KLAGE("klage", "Klage"),
    AKTINDSIGT("aktindsigt", "Aktindsigt"),
    SAG_LUKKET("sag_lukket", "Sag lukket");

    public final String code;
    public final String label;

    TimelineKind(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public boolean isMeasure() {
        return this == FORANSTALTNING_STARTET || this == FORANSTALTNING_AFSLUTTET;
    }

    public static Optional<TimelineKind> ofCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }

    public static String labelOf(String code) {
        return ofCode(code).map(k -> k.label).orElse(code);
    }

    public static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        for (TimelineKind k : values()) {
            m.put(k.code, k.label);
        }
        return m;
    }
}
