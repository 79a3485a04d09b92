package dk.gennemsyn.assessment.instruments;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The answer types. An answer is stored as text: the step number, the option code, the number or the text. */
public enum QuestionType {
    ORDINAL("ordinal", "Skala med trin"),
    YES_NO("yes_no", "Ja / nej / ikke relevant"),
    COMPENSATION("compensation", "Over- / underkompensation"),
    NUMBER("number", "Tal"),
    TEXT("text", "Fritekst");

    public static final Map<String, String> YES_NO_OPTIONS = options("ja", "Ja", "nej", "Nej", "ikke_relevant",
            "Ikke relevant");
    public static final Map<String, String> COMPENSATION_OPTIONS = options("overkompensation", "Overkompensation",
            "passende", "Passende", "underkompensation", "Underkompensation");

    public final String code;
    public final String label;

    QuestionType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public static Optional<QuestionType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    static String codes() {
        return Arrays.stream(values()).map(t -> t.code).collect(Collectors.joining(", "));
    }

    /** The choices of a closed question (code → Danish label); empty for number and text. */
    public Map<String, String> options(List<String> scale) {
        return switch (this) {
            case ORDINAL -> {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < scale.size(); i++) {
                    m.put(String.valueOf(i + 1), (i + 1) + " – " + scale.get(i));
                }
                yield m;
            }
            case YES_NO -> YES_NO_OPTIONS;
            case COMPENSATION -> COMPENSATION_OPTIONS;
            default -> Map.of();
        };
    }

    /** Null when the value is a valid answer, else a Danish message. */
    public String problem(String value, List<String> scale) {
        return switch (this) {
            case ORDINAL, YES_NO, COMPENSATION -> options(scale).containsKey(value) ? null
                    : "Vælg en af mulighederne.";
            case NUMBER -> {
                try {
                    new BigDecimal(value.replace(',', '.'));
                    yield null;
                } catch (NumberFormatException e) {
                    yield "Skriv et tal.";
                }
            }
            case TEXT -> value.length() > 10_000 ? "Højst 10.000 tegn." : null;
        };
    }

    private static Map<String, String> options(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
