package dk.gennemsyn.assessment.screening;

import java.util.Arrays;

/** A rule's result for a case. Never MET on missing data: what cannot be judged is UNKNOWN. */
public enum Outcome {
    MET("met", "Opfyldt"),
    NOT_MET("not_met", "Ikke opfyldt"),
    NOT_APPLICABLE("not_applicable", "Ikke relevant"),
    UNKNOWN("unknown", "Uafklaret");

    public final String code;
    public final String label;

    Outcome(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public static Outcome ofCode(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outcome " + code));
    }

    /** A case's result from its occurrences: one miss is a miss; then doubt; then met; nothing to judge is n/a. */
    static Outcome combine(Iterable<Outcome> outcomes) {
        boolean unknown = false;
        boolean met = false;
        for (Outcome o : outcomes) {
            switch (o) {
                case NOT_MET -> {
                    return NOT_MET;
                }
                case UNKNOWN -> unknown = true;
                case MET -> met = true;
                default -> {
                }
            }
        }
        return unknown ? UNKNOWN : met ? MET : NOT_APPLICABLE;
    }
}
