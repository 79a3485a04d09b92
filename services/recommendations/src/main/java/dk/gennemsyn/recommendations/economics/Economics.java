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
    public record Contribution(UUID focusAreaId, String focusArea, long expectedKr) {
    }

    @Serdeable
    public record Overview(List<Activity> activities, BigDecimal budgetHours, long budgetKr, BigDecimal actualHours,
                           long actualKr, List<YearLine> years) {
    }

    private final TenantTx tenantTx;
    private final Access access;

    Economics(TenantTx tenantTx, Access access) {
        this.tenantTx = tenantTx;
        this.access = access;
    }

    public Overview overview(Caller caller, UUID review) {
        return tenantTx.read(caller.tenant(), () -> {
            access.requireRead(caller, review);
            List<Activity> activities = tenantTx.query("""
                    select id, name, budget_hours, budget_kr, actual_hours, actual_kr, version from activities
                    where review_id = ? order by name""", rs -> new Activity(rs.getObject(1, UUID.class), rs.getString(2),
                    rs.getBigDecimal(3), rs.getLong(4), rs.getBigDecimal(5), rs.getLong(6), rs.getLong(7)), review);
            List<Integer> years = tenantTx.query("""
                    select year from savings_targets where review_id = ?
                    union select s.year from focus_area_savings s join focus_areas f on f.id = s.focus_area_id where f.review_id = ?
                    order by 1""", rs -> rs.getInt(1), review, review);
            List<YearLine> lines = years.stream().map(y -> {
                long target = tenantTx.query("select target_kr from savings_targets where review_id = ? and year = ?",
                        rs -> rs.getLong(1), review, y).stream().findFirst().orElse(0L);
                List<Contribution> c = tenantTx.query("""
                        select f.id, f.title, s.expected_kr from focus_area_savings s join focus_areas f on f.id = s.focus_area_id
                        where f.review_id = ? and s.year = ? order by f.priority""", rs -> new Contribution(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3)), review, y);
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
                tenantTx.update("""
                        insert into activities (id, tenant, review_id, name, budget_hours, budget_kr, actual_hours, actual_kr)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""", key, caller.tenant(), review, n, bh, bk, ah, ak);
            } else if (tenantTx.update("""
                    update activities set name = ?, budget_hours = ?, budget_kr = ?, actual_hours = ?, actual_kr = ?,
                        version = version + 1 where id = ? and review_id = ? and version = ?""",
                    n, bh, bk, ah, ak, id, review, expectedVersion) == 0) {
                throw Recommendations.stale();
            }
            return tenantTx.query("select id, name, budget_hours, budget_kr, actual_hours, actual_kr, version from activities where id = ?",
                    rs -> new Activity(rs.getObject(1, UUID.class), rs.getString(2), rs.getBigDecimal(3), rs.getLong(4),
                            rs.getBigDecimal(5), rs.getLong(6), rs.getLong(7)), key).get(0);
        });
    }

    public void setTarget(Caller caller, UUID review, int year, @Nullable Long targetKr) {
        Access.requireAny(caller, Access.LEADS, "Kun projektlederen fører projektets økonomi.");
        long t = nonNegative("targetKr", targetKr);
        year(year);
        tenantTx.write(caller.tenant(), () -> {
            access.requireRead(caller, review);
            tenantTx.update("""
                    insert into savings_targets (tenant, review_id, year, target_kr) values (?, ?, ?, ?)
                    on conflict (review_id, year) do update set target_kr = excluded.target_kr""", caller.tenant(), review, year, t);
        });
    }

    public void setContribution(Caller caller, UUID focusArea, int year, @Nullable Long expectedKr) {
        Access.requireAny(caller, Access.LEADS, "Kun projektlederen fører projektets økonomi.");
        long e = nonNegative("expectedKr", expectedKr);
        year(year);
        tenantTx.write(caller.tenant(), () -> {
            UUID review = tenantTx.query("select review_id from focus_areas where id = ?", rs -> rs.getObject(1, UUID.class),
                    focusArea).stream().findFirst().orElseThrow(() -> ProblemException.notFound("Indsatsområdet findes ikke."));
            access.requireRead(caller, review);
            tenantTx.update("""
                    insert into focus_area_savings (tenant, focus_area_id, year, expected_kr) values (?, ?, ?, ?)
                    on conflict (focus_area_id, year) do update set expected_kr = excluded.expected_kr""",
                    caller.tenant(), focusArea, year, e);
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
