package dk.gennemsyn.reporting.management;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.reporting.reports.Reports;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import dk.gennemsyn.platform.web.DanishFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 2017 management plan's view, from reporting's read models only (aggregates, no single case): how many open cases
 * each caseworker and team carries, how many new cases come each month, and what each measure costs a year (per
 * measure, legal basis and team, with the trend by the year measures started). Data that cannot be right (a
 * caseworker with hundreds of open cases, a running measure at 0 kr.) is flagged and left out of the averages, never
 * averaged in silently. Hand SQL, not a repository: every query is an aggregate over all the tenant's cases and
 * measures (grouping, filters, a window), composed from shared fragments.
 */
@Singleton
public class Management {

    /** More open cases than this on one caseworker is not a caseload but a data error (a shared or default login). */
    public static final int PLAUSIBLE_CASELOAD = 100;
    static final int MONTHS = 24;

    @Serdeable
    public record Caseworker(String caseworker, String team, long openCases, boolean implausible) {
    }

    @Serdeable
    public record Team(String team, long openCases, long caseworkers, @Nullable Double perCaseworker) {
    }

    @Serdeable
    public record Month(LocalDate month, long newCases) {
    }

    /**
     * {@code perCaseworker}: open cases per caseworker, over the caseworkers that are not flagged; {@code unassigned}:
     * open cases without a caseworker; {@code undated}: cases whose timeline has no date (not in the months).
     */
    @Serdeable
    public record Caseload(long openCases, long caseworkers, @Nullable Double perCaseworker, long unassigned,
                           List<Caseworker> byCaseworker, List<Team> byTeam, List<Month> newPerMonth, long undated,
                           List<Caseworker> implausible) {
    }

    /** A group's running measures: how many, how many with no price anywhere, the yearly total and mean of the rest. */
    @Serdeable
    public record CostLine(String label, @Nullable Long cataloguePriceKr, long measures, long withoutPrice,
                           long totalKr, @Nullable Long averageKr) {
    }

    @Serdeable
    public record YearLine(int year, long started, @Nullable Long averageKr) {
    }

    /**
     * {@code placementsWithoutCost}: open placements (anbringelse) with no priced measure running: left out of
     * {@code costPerPlacementKr}, shown as a flag.
     */
    @Serdeable
    public record Costs(List<CostLine> byMeasure, List<CostLine> byLegalBasis, List<CostLine> byTeam,
                        List<YearLine> trend, long placements, long placementsWithoutCost,
                        @Nullable Long costPerPlacementKr, long measuresWithoutPrice) {
    }

    private final TenantTx tenantTx;
    private final Clock clock;

    Management(TenantTx tenantTx, Clock clock) {
        this.tenantTx = tenantTx;
        this.clock = clock;
    }

    public Caseload caseload(Caller caller) {
        Reports.requireStaff(caller);
        return tenantTx.read(caller.tenant(), () -> {
            List<Caseworker> byCaseworker = tenantTx.query("""
                    select caseworker, case when team = '' then 'Intet team' else team end, count(*) from tenant_cases
                    where open and caseworker <> '' group by 1, 2 order by 3 desc, 1""",
                    rs -> new Caseworker(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getLong(3) > PLAUSIBLE_CASELOAD));
            long unassigned = tenantTx.query("select count(*) from tenant_cases where open and caseworker = ''",
                    rs -> rs.getLong(1)).get(0);
            List<Team> byTeam = tenantTx.query("""
                    select case when team = '' then 'Intet team' else team end, count(*),
                           count(distinct caseworker) filter (where caseworker <> '') from tenant_cases
                    where open group by 1 order by 1""",
                    rs -> new Team(rs.getString(1), rs.getLong(2), rs.getLong(3),
                            rs.getLong(3) == 0 ? null : (double) rs.getLong(2) / rs.getLong(3)));
            LocalDate thisMonth = LocalDate.now(clock.withZone(DanishFormat.ZONE)).withDayOfMonth(1);
            LocalDate from = thisMonth.minusMonths(MONTHS - 1);
            Map<LocalDate, Long> counts = new LinkedHashMap<>();
            for (LocalDate m = from; !m.isAfter(thisMonth); m = m.plusMonths(1)) {
                counts.put(m, 0L);
            }
            tenantTx.query("""
                    select date_trunc('month', opened_on)::date, count(*) from tenant_cases
                    where opened_on >= ? and opened_on < ? group by 1""",
                    rs -> counts.put(rs.getObject(1, LocalDate.class), rs.getLong(2)), from, thisMonth.plusMonths(1));
            long undated = tenantTx.query("select count(*) from tenant_cases where opened_on is null",
                    rs -> rs.getLong(1)).get(0);
            List<Caseworker> plausible = byCaseworker.stream().filter(c -> !c.implausible()).toList();
            long open = byCaseworker.stream().mapToLong(Caseworker::openCases).sum() + unassigned;
            long people = plausible.stream().map(Caseworker::caseworker).distinct().count();
            long carried = plausible.stream().mapToLong(Caseworker::openCases).sum();
            return new Caseload(open, people, people == 0 ? null : (double) carried / people, unassigned, byCaseworker,
                    byTeam, counts.entrySet().stream().map(e -> new Month(e.getKey(), e.getValue())).toList(), undated,
                    byCaseworker.stream().filter(Caseworker::implausible).toList());
        });
    }

    /**
     * A running measure's yearly cost: its own from the timeline, else the tilbudsvifte's price; 0 when neither has
     * one (then flagged, not averaged).
     */
    private static final String MEASURES = """
            select m.*, t.team, t.case_type, t.open,
                   coalesce(nullif(m.yearly_cost_kr, 0), c.price_per_year_kr, 0) as cost,
                   coalesce(c.name, m.measure_name) as name, c.price_per_year_kr as price
            from case_measures m join tenant_cases t on t.case_id = m.case_id
                 left join measure_catalogue c on (m.measure_id <> '' and c.measure_id::text = m.measure_id)
                      or (m.measure_id = '' and lower(c.name) = lower(m.measure_name))""";

    public Costs costs(Caller caller) {
        Reports.requireStaff(caller);
        return tenantTx.read(caller.tenant(), () -> {
            LocalDate today = LocalDate.now(clock.withZone(DanishFormat.ZONE));
            String running = "with r as (" + MEASURES + " where m.started_on <= ? and (m.ended_on is null or m.ended_on > ?)) ";
            List<CostLine> byMeasure = lines(running + "select name, max(price), " + AGGREGATE
                    + " from r group by name order by 5 desc nulls last, name", today);
            List<CostLine> byBasis = lines(running + """
                    select case when legal_basis_bl <> '' then 'Barnets lov ' || legal_basis_bl
                                when legal_basis_sel <> '' then 'Serviceloven ' || legal_basis_sel
                                else 'Ikke angivet' end, null::bigint, """ + AGGREGATE
                    + " from r group by 1 order by 5 desc nulls last, 1", today);
            List<CostLine> byTeam = lines(running + "select case when team = '' then 'Intet team' else team end, "
                    + "null::bigint, " + AGGREGATE + " from r group by 1 order by 1", today);
            List<YearLine> trend = tenantTx.query("with a as (" + MEASURES + ") select extract(year from started_on)::int, "
                    + "count(*), round(avg(cost) filter (where cost > 0)) from a group by 1 order by 1",
                    rs -> new YearLine(rs.getInt(1), rs.getLong(2), rs.getObject(3) == null ? null : rs.getLong(3)));
            // Open placements and the yearly cost of what runs on each; those at 0 kr. are flagged, not averaged.
            Object[] p = tenantTx.query(running + """
                    , per as (select t.case_id, coalesce(sum(r.cost), 0) as cost from tenant_cases t
                              left join r on r.case_id = t.case_id where t.open and t.case_type = 'anbringelse'
                              group by t.case_id)
                    select count(*), count(*) filter (where cost = 0), round(avg(cost) filter (where cost > 0)) from per""",
                    rs -> new Object[]{rs.getLong(1), rs.getLong(2), rs.getObject(3) == null ? null : rs.getLong(3)},
                    today, today).get(0);
            long withoutPrice = byMeasure.stream().mapToLong(CostLine::withoutPrice).sum();
            return new Costs(byMeasure, byBasis, byTeam, trend, (Long) p[0], (Long) p[1], (Long) p[2], withoutPrice);
        });
    }

    private static final String AGGREGATE = "count(*), count(*) filter (where cost = 0), sum(cost), "
            + "round(avg(cost) filter (where cost > 0))";

    private List<CostLine> lines(String sql, LocalDate today) {
        return tenantTx.query(sql, rs -> new CostLine(rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2),
                rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getObject(6) == null ? null : rs.getLong(6)), today, today);
    }

    /** Bars for a chart: each value's share of the largest, in percent (0 when all are 0). */
    public static List<Double> heights(List<Long> values) {
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        List<Double> out = new ArrayList<>();
        values.forEach(v -> out.add(max == 0 ? 0 : 100.0 * v / max));
        return out;
    }
}
