package dk.gennemsyn.assessment.instruments;

import dk.gennemsyn.assessment.instruments.Definition.Question;
import dk.gennemsyn.assessment.instruments.Definition.Section;

import java.util.List;

/** The three instruments every tenant starts with (version 1, published). Seeded per tenant on first use. */
final class ShippedInstruments {

    record Shipped(String key, String name, String description, Definition definition) {
    }

    private static final List<String> QUALITY = List.of("Utilstrækkelig", "Mangelfuld", "Tilfredsstillende", "God");
    private static final List<String> VIEW = List.of("Ikke belyst", "Delvist belyst", "Belyst");

    static final List<Shipped> ALL = List.of(
            new Shipped("halsnaes", "Halsnæs-parametrene",
                    "Sagsgennemgang efter Halsnæs Kommunes parametre (2013/2018): faglig kvalitet, sammenhæng, "
                            + "omkostningseffektivitet, kompensation og barnets, den unges og forældrenes syn.",
                    new Definition(List.of(
                            new Section("Sagsbehandlingens faglige kvalitet", List.of(
                                    ordinal("faglig_kvalitet", "Hvordan er den faglige kvalitet af sagsbehandlingen?",
                                            "Udredning, inddragelse, dokumentation og opfølgning set under ét.", QUALITY))),
                            new Section("Sammenhæng mellem formål, resultater og udgifter", List.of(
                                    ordinal("sammenhaeng", "Er der sammenhæng mellem indsatsens formål, resultater og udgift?",
                                            null, QUALITY))),
                            new Section("Omkostningseffektive indsatser", List.of(
                                    q("omkostningseffektiv", "Er den valgte indsats omkostningseffektiv?",
                                            "Kunne samme mål nås med en billigere eller mindre indgribende indsats?",
                                            QuestionType.YES_NO, true))),
                            new Section("Over- og underkompensation", List.of(
                                    q("kompensation", "Står indsatsen mål med barnets behov?",
                                            "Indsatsens årlige udgift følger med svaret, så beløbene kan summeres.",
                                            QuestionType.COMPENSATION, true))),
                            new Section("Barnets, den unges og forældrenes syn på indsatsen", List.of(
                                    ordinal("barnets_syn", "Er barnets eller den unges syn på indsatsen belyst?", null, VIEW),
                                    ordinal("foraeldrenes_syn", "Er forældrenes syn på indsatsen belyst?", null, VIEW),
                                    q("bemaerkninger", "Bemærkninger", null, QuestionType.TEXT, false)))))),
            new Shipped("juridisk_tjekliste", "Juridisk tjekliste",
                    "I stil med Task Forcens gennemgange og Ankestyrelsens Børnesagsbarometer.",
                    new Definition(List.of(
                            new Section("Udredning", List.of(
                                    yes("underretning_24t", "Er underretningen vurderet inden for 24 timer?"),
                                    yes("bfu_gennemfoert", "Er der gennemført en børnefaglig undersøgelse?"),
                                    yes("bfu_rettidig", "Er undersøgelsen afsluttet inden for 4 måneder?"))),
                            new Section("Inddragelse", List.of(
                                    yes("barnets_synspunkter", "Er barnets synspunkter indhentet før afgørelsen?"),
                                    yes("partshoering", "Er der foretaget partshøring?"))),
                            new Section("Plan og opfølgning", List.of(
                                    yes("plan_konkrete_maal", "Er der en plan med konkrete mål, der kan følges op på?"),
                                    yes("opfoelgning_rettidig", "Er der fulgt op rettidigt?"))),
                            new Section("Afgørelsen", List.of(
                                    yes("begrundet_afgoerelse", "Er afgørelsen begrundet?"),
                                    yes("klagevejledning", "Er der givet klagevejledning?")))))),
            new Shipped("varde_sagsnotat", "Sagsnotat (Varde)",
                    "Kort sagsnotat til drøftelse: motivation, forløbet i korte træk og ét læringsspørgsmål.",
                    new Definition(List.of(
                            new Section("Sagsnotat", List.of(
                                    q("motivation", "Motivation: hvorfor er sagen valgt?", null, QuestionType.TEXT, true),
                                    q("forloeb", "Kort resumé af forløbet og nøglebegivenheder", null, QuestionType.TEXT, true),
                                    q("laeringsspoergsmaal", "Ét læringsspørgsmål", null, QuestionType.TEXT, true)))))));

    private ShippedInstruments() {
    }

    private static Question q(String id, String text, String help, QuestionType type, boolean required) {
        return new Question(id, text, help, type.code, required, null);
    }

    private static Question ordinal(String id, String text, String help, List<String> scale) {
        return new Question(id, text, help, QuestionType.ORDINAL.code, true, scale);
    }

    private static Question yes(String id, String text) {
        return q(id, text, null, QuestionType.YES_NO, true);
    }
}
