package dk.gennemsyn.systemtests;

import dk.gennemsyn.testsupport.TestInfra;
import dk.gennemsyn.testsupport.TestTokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole pipeline through the running system: a municipality's case-system extract of N cases uploaded to
 * case-intake's API, imported, every case screened against the legal rules in assessment, and reporting's read
 * model (its copy of every case and of every case's screening) up to date. All five services run as processes
 * with the heap the chart gives them, behind nginx, on this machine's two cores.
 *
 * <p>Each case has four timeline events (underretning received and assessed, a børnefaglig undersøgelse started
 * and finished, dates in 2024-2025, some late on purpose), so the 24-hour and 4-month rules have work to do. A
 * warm-up import of a tenth of N into another municipality runs first. Progress is read from the services'
 * databases as their owner would (superuser, counts only); the clock runs from the start of the upload until the
 * last count is reached. Prints each phase and the CPU each process used, and ends with
 * {@code pipeline: N cases in S s}.
 *
 * <p>Run with {@code ./dev.sh bench pipeline [cases=100000] [runs=1]}.
 */
public final class PipelineBenchmark {

    private static final List<String> TENANTS = List.of("0250", "0330", "0573", "0751", "0101", "0461");

    private final RunningSystem system;

    private PipelineBenchmark(RunningSystem system) {
        this.system = system;
    }

    public static void main(String[] args) throws Exception {
        int cases = 100_000;
        int runs = 1;
        for (String a : args) {
            if (a.startsWith("cases=")) {
                cases = Integer.parseInt(a.substring(6));
            } else if (a.startsWith("runs=")) {
                runs = Integer.parseInt(a.substring(5));
            } else {
                throw new IllegalArgumentException("unknown argument " + a + " (cases=N runs=N)");
            }
        }
        if (runs + 1 > TENANTS.size()) {
            throw new IllegalArgumentException("at most " + (TENANTS.size() - 1) + " runs (one municipality each)");
        }
        List<String> jvm = RunningSystem.podJvm();
        List<Double> seconds = new ArrayList<>();
        try (RunningSystem system = new RunningSystem(jvm)) {
            System.out.printf("Pipeline: five services ready in %.1f s%n", system.startupSeconds);
            PipelineBenchmark bench = new PipelineBenchmark(system);
            System.out.printf("Pipeline: warm-up with %d cases%n", Math.max(1_000, cases / 10));
            bench.run(TENANTS.get(0), Math.max(1_000, cases / 10));
            for (int run = 1; run <= runs; run++) {
                seconds.add(bench.run(TENANTS.get(run), cases));
            }
        }
        for (double s : seconds) {
            System.out.printf("pipeline: %d cases in %.1f s%n", cases, s);
        }
        System.exit(0);
    }

    /** Imports N cases for the tenant and waits until screening and reporting have all of them; returns seconds. */
    private double run(String tenant, int cases) throws Exception {
        String token = TestTokens.sign(TestTokens.claims(tenant, "projektleder").subject("pl-" + tenant).build());
        String csv = csv(tenant, cases);
        java.util.Map<String, Long> cpu0 = system.cpuTicks();
        long t0 = System.nanoTime();
        Api api = new Api(system, token);
        String job = api.startImport(csv);
        double uploaded = since(t0);
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        api.awaitImport(job, Duration.ofMinutes(20));
        double imported = since(t0);
        System.out.printf("Pipeline %s: uploaded %.1f MB in %.1f s, imported at %.1f s%n", tenant,
                csv.length() / 1e6, uploaded, imported);

        String assessmentDb = system.databaseNames.get("assessment");
        String reportingDb = system.databaseNames.get("reporting");
        double known = -1;
        double screened = -1;
        double reported = -1;
        try (Connection assessment = TestInfra.adminConnection(assessmentDb);
             Connection reporting = TestInfra.adminConnection(reportingDb)) {
            while (screened < 0 || reported < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("after 20 min: assessment knows " + count(assessment,
                            "select count(*) from known_cases where tenant = ?", tenant) + ", screened "
                            + screenedCases(assessment, tenant) + ", reporting " + reportingCases(reporting, tenant, cases)
                            + " of " + cases);
                }
                // One stage at a time, one count per poll: the stages finish in this order, and each count of 100,000s
                // of rows costs PostgreSQL tens of ms (four counts every poll were 20 s of its CPU in a 100 s run).
                if (known < 0) {
                    if (count(assessment, "select count(*) from known_cases where tenant = ?", tenant) >= cases) {
                        known = since(t0);
                        continue;
                    }
                } else if (screened < 0) {
                    if (screenedCases(assessment, tenant) >= cases) {
                        screened = since(t0);
                        continue;
                    }
                } else if (reportingCases(reporting, tenant, cases) >= cases) {
                    reported = since(t0);
                    continue;
                }
                Thread.sleep(500);
            }
        }
        double total = Math.max(screened, reported);
        java.util.Map<String, Long> cpu1 = system.cpuTicks();
        StringBuilder used = new StringBuilder();
        for (var e : cpu1.entrySet()) {
            used.append(String.format(" %s %.1f s,", e.getKey(), (e.getValue() - cpu0.getOrDefault(e.getKey(), 0L)) / 100.0));
        }
        System.out.printf("Pipeline %s: CPU used (of %.0f s on 2 cores):%s%n", tenant, 2 * total,
                used.substring(0, used.length() - 1));
        System.out.printf("Pipeline %s: %d cases: imported %.1f s, all known to assessment %.1f s, all screened %.1f s"
                        + " (%.0f cases/s after the import), reporting's read model complete %.1f s%n", tenant, cases,
                imported, known, screened, cases / Math.max(0.001, screened - imported), reported);
        return total;
    }

    /**
     * Screened cases: a case's results for all rules are stored in one transaction, so counting one rule's rows counts
     * the cases.
     */
    private static long screenedCases(Connection c, String tenant) throws SQLException {
        return count(c, """
                select count(*) from screening_results
                where tenant = ? and rule = (select min(rule) from screening_results)""", tenant);
    }

    /** Reporting's copy of the cases and of their screening, the smaller of the two (the second counted only if needed). */
    private static long reportingCases(Connection c, String tenant, long cases) throws SQLException {
        long screenings = count(c, "select count(*) from case_screenings where tenant = ?", tenant);
        return screenings < cases ? screenings
                : Math.min(screenings, count(c, "select count(*) from tenant_cases where tenant = ?", tenant));
    }

    private static long count(Connection c, String sql, String tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The case-system extract: one row per timeline event, four per case. */
    static String csv(String tenant, int cases) {
        StringBuilder csv = new StringBuilder(cases * 4 * 90);
        csv.append("sagsnummer;sagstype;fødselsår;team;rådgiver;hændelse;dato\n");
        String[] types = {"forebyggende", "anbringelse", "underretning", "handicap", "efterværn"};
        LocalDate first = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < cases; i++) {
            String common = tenant + "-" + i + ";" + types[i % types.length] + ";" + (2008 + i % 15) + ";Team "
                    + (i % 12 + 1) + ";Medarbejder " + (i % 400) + ";";
            LocalDate received = first.plusDays(i % 600);
            // Every seventh assessment is late (over 24 hours), every fifth investigation takes over four months.
            LocalDate assessed = received.plusDays(i % 7 == 0 ? 3 : 1);
            LocalDate started = received.plusDays(5 + i % 15);
            LocalDate finished = started.plusDays(i % 5 == 0 ? 140 : 60 + i % 50);
            csv.append(common).append("underretning_modtaget;").append(received).append('\n');
            csv.append(common).append("underretning_vurderet;").append(assessed).append('\n');
            csv.append(common).append("bfu_startet;").append(started).append('\n');
            csv.append(common).append("bfu_afsluttet;").append(finished).append('\n');
        }
        return csv.toString();
    }
}
