package dk.gennemsyn.platform.problem;

import jakarta.validation.ConstraintViolation;

import java.util.Map;

/** Danish wording for the standard bean-validation constraints. */
final class DanishMessages {

    private DanishMessages() {
    }

    /** Never echoes the value: it may be a CPR number. */
    static String noCpr(String field) {
        return "Feltet '" + field + "' ser ud til at indeholde et CPR-nummer. CPR-numre må ikke registreres i "
                + "Gennemsyn: brug sagens pseudonym.";
    }

    static String of(ConstraintViolation<?> v, String field) {
        String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        Map<String, Object> attrs = v.getConstraintDescriptor().getAttributes();
        String f = "'" + field + "'";
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "Feltet " + f + " skal udfyldes.";
            case "Size" -> "Feltet " + f + " skal have mellem " + attrs.get("min") + " og " + attrs.get("max") + " tegn.";
            case "Min", "Positive", "PositiveOrZero" -> "Feltet " + f + " er for lille.";
            case "Max" -> "Feltet " + f + " er for stort.";
            case "Pattern" -> "Feltet " + f + " har et ugyldigt format.";
            // Never echo the value: it may be a CPR number.
            case "NoCpr" -> dk.gennemsyn.platform.cpr.ControlCharacters.VIOLATION.equals(v.getMessage())
                    ? dk.gennemsyn.platform.cpr.ControlCharacters.message(field) : noCpr(field);
            case "Email" -> "Feltet " + f + " skal være en e-mailadresse.";
            case "Past", "PastOrPresent" -> "Feltet " + f + " skal være en dato i fortiden.";
            case "Future", "FutureOrPresent" -> "Feltet " + f + " skal være en dato i fremtiden.";
            default -> "Feltet " + f + " er ugyldigt.";
        };
    }
}
