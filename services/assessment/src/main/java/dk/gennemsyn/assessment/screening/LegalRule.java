package dk.gennemsyn.assessment.screening;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The legal rules every case's timeline is screened against: one row each, with the paragraph in Barnets lov
 * (in force from 2024-01-01) and in Serviceloven (before), and the date the Serviceloven rule applied from. An
 * occurrence is judged by the law in force at its date. Documented in docs/legal-rules.md: keep the two equal.
 */
public enum LegalRule {
    //                        code                          title
    //                        Barnets lov                   Serviceloven         in SEL from
    UNDERRETNING_24_TIMER("underretning_24_timer", "Underretning vurderet inden for 24 timer",
            "§§ 136-137", "§ 155, stk. 2", LocalDate.of(2013, 10, 1), Screener::underretning24Timer),
    BFU_4_MAANEDER("bfu_4_maaneder", "Børnefaglig undersøgelse afsluttet inden for 4 måneder",
            "§ 20, stk. 3", "§ 50, stk. 7", LocalDate.of(2006, 1, 1), Screener::bfu4Maaneder),
    OPFOELGNING_3_MAANEDER("opfoelgning_3_maaneder", "Første opfølgning inden for 3 måneder",
            "§ 95", "§ 70, stk. 1", LocalDate.of(2006, 1, 1), Screener::opfoelgning3Maaneder),
    OPFOELGNING_6_MAANEDER("opfoelgning_6_maaneder", "Derefter opfølgning mindst hver 6. måned (kun Serviceloven)",
            null, "§ 70, stk. 1", LocalDate.of(2006, 1, 1), Screener::opfoelgning6Maaneder),
    PLAN_FOER_TVANGSANBRINGELSE("plan_foer_tvangsanbringelse", "Plan før afgørelse om anbringelse uden samtykke",
            "§§ 91-92", "§ 140", LocalDate.of(2006, 1, 1), Screener::planFoerTvangsanbringelse),
    PLAN_ANBRINGELSE_3_MAANEDER("plan_anbringelse_3_maaneder", "Plan senest 3 måneder efter anbringelse",
            "§§ 91-92", "§ 140", LocalDate.of(2006, 1, 1), Screener::planAnbringelse3Maaneder),
    BARNETS_SYNSPUNKTER("barnets_synspunkter", "Barnets synspunkter (børnesamtale) før afgørelse",
            "§ 5", "§ 48", LocalDate.of(2011, 1, 1), Screener::barnetsSynspunkter);

    /** Barnets lov replaced Serviceloven's chapter on children from this date. */
    public static final LocalDate BARNETS_LOV_FROM = LocalDate.of(2024, 1, 1);

    interface Check {
        List<Screener.Occurrence> occurrences(Screener.Timeline timeline, LegalRule rule);
    }

    public final String code;
    public final String title;
    @Nullable
    public final String barnetsLov;
    public final String serviceloven;
    public final LocalDate servicelovenFrom;
    final Check check;

    LegalRule(String code, String title, @Nullable String barnetsLov, String serviceloven, LocalDate servicelovenFrom,
              Check check) {
        this.code = code;
        this.title = title;
        this.barnetsLov = barnetsLov;
        this.serviceloven = serviceloven;
        this.servicelovenFrom = servicelovenFrom;
        this.check = check;
    }

    /** Both laws' paragraphs, as reports show them beside the rule's name. */
    public String paragraphs() {
        return (barnetsLov == null ? "" : "Barnets lov " + barnetsLov + " · ") + "Serviceloven " + serviceloven;
    }

    /** The paragraph in force on a date, or empty when the rule did not apply then. */
    public Optional<String> referenceAt(LocalDate date) {
        if (!date.isBefore(BARNETS_LOV_FROM)) {
            return Optional.ofNullable(barnetsLov).map(p -> "Barnets lov " + p);
        }
        return date.isBefore(servicelovenFrom) ? Optional.empty() : Optional.of("Serviceloven " + serviceloven);
    }

    public String references() {
        return (barnetsLov == null ? "" : "Barnets lov " + barnetsLov + " / ") + "Serviceloven " + serviceloven;
    }

    public static Optional<LegalRule> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
