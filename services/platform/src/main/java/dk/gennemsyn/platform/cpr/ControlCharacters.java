package dk.gennemsyn.platform.cpr;

import dk.gennemsyn.platform.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;

/**
 * C0 control characters (NUL, escape, backspace, ...; tab and line breaks are text) have no place in a case text:
 * PostgreSQL cannot hold NUL, and the others hide text from a reader. Refused with a 400 naming the field, by
 * {@code @NoCpr} on request fields and by the pages' text helpers.
 */
public final class ControlCharacters {

    /** The message template a {@code @NoCpr} violation carries when the cause is a control character. */
    public static final String VIOLATION = "control-character";

    private ControlCharacters() {
    }

    public static boolean isControl(int c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    public static boolean contains(@Nullable CharSequence text) {
        return text != null && text.chars().anyMatch(ControlCharacters::isControl);
    }

    public static String message(String field) {
        return "Feltet '" + field + "' indeholder et usynligt kontroltegn (fx NUL eller escape), som ikke kan gemmes. "
                + "Fjern det, og prøv igen. Intet er gemt.";
    }

    /** For text taken from a form field by hand. */
    public static void check(String field, @Nullable CharSequence text) {
        if (contains(text)) {
            throw ProblemException.invalid(field, message(field));
        }
    }
}
