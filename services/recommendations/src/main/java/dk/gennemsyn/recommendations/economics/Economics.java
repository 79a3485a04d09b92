package dk.gennemsyn.recommendations.economics;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.recommendations.access.Access;
import dk.gennemsyn.recommendations.recs.Recommendations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The project's economics (seeds 002, 003): budgeted and actual hours and cost per activity, and savings targets per
 * year (e.g. 2.1 → 4.1 → 6.1 mio. kr.) with what each focus area is expected to contribute.
 */
@Singleton
public class Economics {

    @Serdeable
    public record Activity(UUID id, String name, BigDecimal budgetHours, long budgetKr, BigDecimal actualHours,
                           long actualKr, long version) {
    }

    @Serdeable
    public record YearLine(int year, long targetKr, long expectedKr, long gapKr, List<Contribution> contributions) {
    }

    @Serdeable
    @io.micronaut.core.annotation.Introspected
    public record Contribution(UUID focusAreaId, String focusArea, long expectedKr) {
    }

    @Serdeable
    public record Overview(List<Activity> activities, BigDecimal budgetHours, long budgetKr, BigDecimal actualHours,
                           long actualKr, List<YearLine> years) {
    }

    private final ActivityRows rows;
    private final TenantTx tenantTx;
    private final Access access;

    Economics(ActivityRows rows, TenantTx tenantTx, Access access) {
        this.rows = rows;
        this.tenantTx = tenantTx;
        this.access = access;
    }

    public Overview overview(Caller caller, UUID review) {
        return tenantTx.read(caller.tenant(), () -> {
            access.requireRead(caller, review);
            List<Activity> activities = rows.findByReviewIdOrderByName(review).stream().map(ActivityRow::view).toList();
            List<YearLine> lines = rows.years(review).stream().map(y -> {
                long target = rows.target(review, y).orElse(0L);
                List<Contribution> c = rows.contributions(review, y);
                long expected = c.stream().mapToLong(Contribution::expectedKr).sum();
                return new YearLine(y, target, expected, target - expected, c);
            }).toList();
            return new Overview(activities,
                    activities.stream().map(Activity::budgetHours).reduce(BigDecimal.ZERO, BigDecimal::add),
                    activities.stream().mapToLong(Activity::budgetKr).sum(),
                    activities.stream().map(Activity::actualHours).reduce(BigDecimal.ZERO, BigDecimal::add),
                    activities.stream().mapToLong(Activity::actualKr).sum(), lines);
        });
    }

    /** A new activity (null id) or its budget and actuals (with the version the user saw). */
    public Activity saveActivity(Caller caller, UUID review, @Nullable UUID id, long expectedVersion, @Nullable String name,
                                 @Nullable BigDecimal budgetHours, @Nullable Long budgetKr, @Nullable BigDecimal actualHours,
                                 @Nullable Long actualKr) {
        Access.requireAny(caller, Access.LEADS, "Kun projektlederen fører projektets økonomi.");
        String n = Recommendations.text("name", name, 200);
        if (n.isBlank()) {
            throw ProblemException.invalid("name", "Navngiv aktiviteten.");
        }
        BigDecimal bh = nonNegative("budgetHours", budgetHours);
        BigDecimal ah = nonNegative("actualHours", actualHours);
        long bk = nonNegative("budgetKr", budgetKr);
        long ak = nonNegative("actualKr", actualKr);
        return tenantTx.write(caller.tenant(), () -> {
            access.requireRead(caller, review);
            UUID key = id == null ? UUID.randomUUID() : id;
            if (id == null) {
                rows.save(new ActivityRow(key, caller.tenant(), review, n, bh, bk, ah, ak, 1));
            } else if (rows.change(id, review, expectedVersion, n, bh, bk, ah, ak) == 0) {
                throw Recommendations.stale();
            }
            return rows.findById(key).orElseThrow().view();
        });
    }

    public void setTarget(Caller caller, UUID review, int year, @Nullable Long targetKr) {
        Access.requireAny(caller, Access.LEADS, "Kun projektlederen fører projektets økonomi.");
        long t = nonNegative("targetKr", targetKr);
        year(year);
        tenantTx.write(caller.tenant(), () -> {
            access.requireRead(caller, review);
            rows.setTarget(caller.tenant(), review, year, t);
        });
    }

    public void setContribution(Caller caller, UUID focusArea, int year, @Nullable Long expectedKr) {
        Access.requireAny(caller, Access.LEADS, "Kun projektlederen fører projektets økonomi.");
        long e = nonNegative("expectedKr", expectedKr);
        year(year);
        tenantTx.write(caller.tenant(), () -> {
            UUID review = rows.reviewOfFocusArea(focusArea).orElseThrow(() -> ProblemException.notFound("Indsatsområdet findes ikke."));
            access.requireRead(caller, review);
            rows.setContribution(caller.tenant(), focusArea, year, e);
        });
    }

    private static void year(int year) {
        if (year < 2000 || year > 2100) {
            throw ProblemException.invalid("year", "Angiv et år (fx 2026).");
        }
    }

    private static BigDecimal nonNegative(String field, @Nullable BigDecimal v) {
        if (v != null && v.signum() < 0) {
            throw ProblemException.invalid(field, "Tallet kan ikke være negativt.");
        }
        return v == null ? BigDecimal.ZERO : v;
    }

    private static long nonNegative(String field, @Nullable Long v) {
        if (v != null && v < 0) {
            throw ProblemException.invalid(field, "Beløbet kan ikke være negativt.");
        }
        return v == null ? 0 : v;
    }
}
