package dk.gennemsyn.caseintake.cases;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of children's cases a review samples from. */
public enum CaseType {
    FOREBYGGENDE("forebyggende", "Forebyggende foranstaltning"),
    ANBRINGELSE("anbringelse", "Anbringelse uden for hjemmet"),
    UNDERRETNING("underretning", "Underretning / afdækning"),
    HANDICAP("handicap", "Barn med funktionsnedsættelse"),
    EFTERVAERN("efterværn", "Efterværn (18-22 år)");

    public final String code;
    public final String label;

    CaseType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public static Optional<CaseType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    public static Map<String, String> labels() {
        return Arrays.stream(values()).collect(Collectors.toMap(t -> t.code, t -> t.label, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
