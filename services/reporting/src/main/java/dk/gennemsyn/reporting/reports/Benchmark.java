package dk.gennemsyn.reporting.reports;

import dk.gennemsyn.platform.db.KnownTenants;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.platform.security.Roles;
import dk.gennemsyn.reporting.model.ReviewScreeningRows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one view across municipalities. A tenant that opts in has its aggregates (per legal rule: the share of screened
 * cases that met it; the shares of over- and under-compensation among assessed cases) published to
 * {@code benchmark_figures}, a table of numbers only. A tenant that has opted in sees its own value beside the
 * anonymised distribution of the others (min, quartiles, max), never a named municipality; a figure is suppressed when
 * fewer than {@value #MIN_MUNICIPALITIES} municipalities, or fewer than {@value #MIN_CASES} cases, stand behind it.
 * The figures themselves are hand SQL: aggregates over every screened and assessed case of the tenant (jsonb).
 */
@Singleton
public class Benchmark {

    private static final Logger LOG = LoggerFactory.getLogger(Benchmark.class);
    public static final int MIN_MUNICIPALITIES = 5;
    public static final int MIN_CASES = 5;

    @Serdeable
    public record Figure(String metric, String label, @Nullable Double own, int ownCases, boolean ownSuppressed,
                         int municipalities, boolean suppressed, @Nullable Double min, @Nullable Double q1,
                         @Nullable Double median, @Nullable Double q3, @Nullable Double max) {
    }

    @Serdeable
    public record View(boolean optedIn, List<Figure> figures) {
    }

    private final TenantTx tenantTx;
    private final BenchmarkOptIns optIns;
    private final ReviewScreeningRows screenings;
    private final TransactionOperations<Connection> tx;
    private final KnownTenants tenants;

    Benchmark(TenantTx tenantTx, BenchmarkOptIns optIns, ReviewScreeningRows screenings,
              TransactionOperations<Connection> tx, KnownTenants tenants) {
        this.tenantTx = tenantTx;
        this.optIns = optIns;
        this.screenings = screenings;
        this.tx = tx;
        this.tenants = tenants;
    }

    /** The tenant administrator opts in or out; out removes the tenant's figures at once. */
    public View optIn(Caller caller, boolean optedIn) {
        if (!caller.hasAnyRole(List.of(Roles.TENANT_ADMIN))) {
            throw new dk.gennemsyn.platform.problem.ProblemException(io.micronaut.http.HttpStatus.FORBIDDEN, "forbidden",
                    "Kun kommunens administrator kan tilmelde kommunen benchmarking.", null);
        }
        tenantTx.write(caller.tenant(), () -> {
            optIns.choose(caller.tenant(), optedIn, caller.userId());
            publish(caller.tenant());
        });
        return view(caller);
    }

    @Scheduled(fixedDelay = "${gennemsyn.benchmark.interval:15m}", initialDelay = "${gennemsyn.benchmark.initial-delay:2m}")
    void refresh() {
        for (String tenant : tenants.all()) {
            try {
                tenantTx.write(tenant, () -> publish(tenant));
            } catch (RuntimeException e) {
                LOG.warn("benchmark figures not refreshed; tried again next round", e);
            }
        }
    }

    /** Inside the tenant's transaction: its figures published (opted in) or withdrawn (not). */
    public void publish(String tenant) {
        optIns.withdraw(tenant);
        if (!optIns.optedIn()) {
            return;
        }
        for (Object[] f : figures()) {
            optIns.publish(tenant, (String) f[0], (Double) f[1], (Integer) f[2]);
        }
    }

    /** Inside the tenant's transaction: {metric, value, cases}. Aggregates over all the tenant's cases, so hand SQL. */
    private List<Object[]> figures() {
        List<Object[]> out = new ArrayList<>(tenantTx.query("""
                select 'rule:' || (r->>'rule'), avg(case when r->>'result' = 'met' then 1.0 else 0.0 end), count(*)
                from case_screenings s, jsonb_array_elements(s.results) r
                where r->>'result' in ('met', 'not_met') group by r->>'rule'""",
                rs -> new Object[]{rs.getString(1), rs.getDouble(2), rs.getInt(3)}));
        out.addAll(tenantTx.query("""
                select 'compensation:' || (a.answers->>q.id), count(*)::float / sum(count(*)) over (), sum(count(*)) over ()
                from case_assessments a, instruments i,
                    lateral (select x->>'question_id' id from jsonb_array_elements(i.questions) x
                             where x->>'type' = 'compensation' limit 1) q
                where a.round = 1 and i.instrument_id = a.instrument_id and a.answers->>q.id is not null
                group by a.answers->>q.id""", rs -> new Object[]{rs.getString(1), rs.getDouble(2), rs.getInt(3)}));
        return out;
    }

    public View view(Caller caller) {
        Reports.requireStaff(caller);
        boolean in = tenantTx.read(caller.tenant(), optIns::optedIn);
        if (!in) {
            return new View(false, List.of());
        }
        // The rules' Danish names, as the tenant's own screening summaries carry them.
        Map<String, String> titles = new LinkedHashMap<>();
        tenantTx.read(caller.tenant(), screenings::ruleTitles).forEach(t -> titles.put("rule:" + t.rule(), t.title()));
        // Across tenants: benchmark_figures holds only aggregates and has no row-level security (see the migration).
        Map<String, List<double[]>> byMetric = new LinkedHashMap<>();
        Map<String, double[]> own = new LinkedHashMap<>();
        tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "select tenant, metric, value, cases from benchmark_figures order by metric, value")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double[] v = {rs.getDouble(3), rs.getInt(4)};
                        if (rs.getString(1).equals(caller.tenant())) {
                            own.put(rs.getString(2), v);
                        }
                        byMetric.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(v);
                    }
                }
            }
            return null;
        });
        List<Figure> figures = new ArrayList<>();
        for (String metric : own.keySet()) {
            double[] mine = own.get(metric);
            boolean ownSuppressed = mine[1] < MIN_CASES;
            List<Double> values = byMetric.get(metric).stream().filter(v -> v[1] >= MIN_CASES).map(v -> v[0]).sorted().toList();
            boolean suppressed = values.size() < MIN_MUNICIPALITIES;
            figures.add(new Figure(metric, titles.getOrDefault(metric, label(metric)), ownSuppressed ? null : mine[0], (int) mine[1], ownSuppressed,
                    suppressed ? 0 : values.size(), suppressed,
                    suppressed ? null : values.get(0), suppressed ? null : quantile(values, 0.25),
                    suppressed ? null : quantile(values, 0.5), suppressed ? null : quantile(values, 0.75),
                    suppressed ? null : values.get(values.size() - 1)));
        }
        return new View(true, figures);
    }

    /** Linear interpolation between closest ranks (the method spreadsheets call PERCENTILE.INC). */
    static double quantile(List<Double> sorted, double p) {
        double pos = p * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }

    static String label(String metric) {
        if (metric.startsWith("rule:")) {
            return metric.substring(5).replace('_', ' ');
        }
        return switch (metric) {
            case "compensation:overkompensation" -> "Andel overkompensation";
            case "compensation:underkompensation" -> "Andel underkompensation";
            case "compensation:passende" -> "Andel passende indsats";
            default -> metric;
        };
    }
}
