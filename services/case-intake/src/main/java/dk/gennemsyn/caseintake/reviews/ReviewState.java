package dk.gennemsyn.caseintake.reviews;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle of a review. Forward one step at a time; back one step while the work is still open (a sample
 * redrawn, a case sent back from validation); closed is final.
 */
public enum ReviewState {
    PLANNING("planning", "Planlægning"),
    SAMPLING("sampling", "Stikprøve"),
    REVIEWING("reviewing", "Sagsgennemgang"),
    VALIDATING("validating", "Validering"),
    REPORTING("reporting", "Afrapportering"),
    FOLLOW_UP("follow_up", "Opfølgning"),
    CLOSED("closed", "Afsluttet");

    private static final Map<ReviewState, Set<ReviewState>> ALLOWED = Map.of(
            PLANNING, Set.of(SAMPLING),
            SAMPLING, Set.of(PLANNING, REVIEWING),
            REVIEWING, Set.of(SAMPLING, VALIDATING),
            VALIDATING, Set.of(REVIEWING, REPORTING),
            REPORTING, Set.of(VALIDATING, FOLLOW_UP),
            FOLLOW_UP, Set.of(CLOSED),
            CLOSED, Set.of());

    public final String code;
    public final String label;

    ReviewState(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public boolean canMoveTo(ReviewState to) {
        return ALLOWED.get(this).contains(to);
    }

    public Set<ReviewState> next() {
        return ALLOWED.get(this);
    }

    public static Optional<ReviewState> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
