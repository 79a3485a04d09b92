package dk.gennemsyn.recommendations.plans;

import dk.gennemsyn.platform.web.DanishFormat;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** An action's health and whether its indicator is on track: derived on the day asked, never stored. */
public final class Health {

    /** "At risk": due within this many days with no progress for as long (or not started). */
    static final int AT_RISK_DAYS = 14;

    private Health() {
    }

    /**
     * Overdue: open past its due date. At risk: blocked, or due within 14 days with no progress (note or measurement)
     * in the last 14 days or not started. Otherwise on track; done and dropped are "afsluttet".
     */
    static String of(Plans.Action a, LocalDate day, @Nullable Instant lastProgress) {
        if (!a.open()) {
            return "done";
        }
        if (a.dueDate().isBefore(day)) {
            return "overdue";
        }
        boolean dueSoon = ChronoUnit.DAYS.between(day, a.dueDate()) <= AT_RISK_DAYS;
        boolean stale = lastProgress == null
                || lastProgress.isBefore(day.minusDays(AT_RISK_DAYS).atStartOfDay(DanishFormat.ZONE).toInstant());
        if (a.status().equals("blocked") || (dueSoon && (stale || a.status().equals("not_started")))) {
            return "at_risk";
        }
        return "on_track";
    }

    /** An indicator is off track when its latest value is short of the straight line from baseline to target. */
    public static boolean offTrack(Plans.Action a, LocalDate day) {
        Plans.Measurement m = a.latest();
        if (!a.hasIndicator() || m == null || !a.open()) {
            return false;
        }
        LocalDate start = a.startDate() != null ? a.startDate() : m.measuredOn().minusDays(1);
        double span = Math.max(1, ChronoUnit.DAYS.between(start, a.dueDate()));
        double elapsed = Math.min(1, Math.max(0, ChronoUnit.DAYS.between(start, day) / span));
        double base = a.baseline().doubleValue();
        double expected = base + (a.target().doubleValue() - base) * elapsed;
        boolean upward = a.target().compareTo(a.baseline()) > 0;
        return upward ? m.value().doubleValue() < expected : m.value().doubleValue() > expected;
    }
}
