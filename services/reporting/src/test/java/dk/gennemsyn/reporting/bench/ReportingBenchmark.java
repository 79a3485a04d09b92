package dk.gennemsyn.reporting.bench;

import com.google.protobuf.Message;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.proto.assessment.v1.AnswerOption;
import dk.gennemsyn.proto.assessment.v1.AssessmentSubmitted;
import dk.gennemsyn.proto.assessment.v1.FindingRecorded;
import dk.gennemsyn.proto.assessment.v1.InstrumentPublished;
import dk.gennemsyn.proto.assessment.v1.InstrumentQuestion;
import dk.gennemsyn.proto.assessment.v1.ReviewScreeningSummaryChanged;
import dk.gennemsyn.proto.assessment.v1.RuleSummary;
import dk.gennemsyn.proto.caseintake.v1.CaseSelectedForReview;
import dk.gennemsyn.proto.caseintake.v1.Review;
import dk.gennemsyn.proto.caseintake.v1.ReviewCreated;
import dk.gennemsyn.proto.platform.v1.Envelope;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.reporting.exports.Charts;
import dk.gennemsyn.reporting.exports.Exports;
import dk.gennemsyn.reporting.reports.Benchmark;
import dk.gennemsyn.reporting.reports.EarlyWarnings;
import dk.gennemsyn.reporting.reports.Reports;
import dk.gennemsyn.reporting.reports.Summaries;
import dk.gennemsyn.testsupport.TestEvents;
import dk.gennemsyn.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The reporting benchmark (docs/benchmarks.md), on the real servers: (1) the per-case overview of a 200-case review to
 * XLSX and to PDF (with its charts), ms; (2) the benchmark view over 98 municipalities with 1,000 screened cases each,
 * ms; (3) the lag from an AssessmentSubmitted event on the broker to the overview showing it, p50/p99; and, after (1), a
 * page of the overview as the API serves it, ms per call (argument {@code overview}: only (1) and that; {@code cases=N}: a
 * review of N cases instead of 200). Run with
 * {@code ./dev.sh bench-reporting}.
 */
public final class ReportingBenchmark {

    static final String[] KVALITET = {"1", "2", "3", "4"};
    static final String[] KOMPENSATION = {"overkompensation", "passende", "underkompensation"};

    public static void main(String[] args) throws Exception {
        int cases = List.of(args).stream().filter(a -> a.startsWith("cases=")).map(a -> Integer.parseInt(a.substring(6)))
                .findFirst().orElse(200);
        int tenants = 98;
        int perTenant = 1000;
        int changes = 200;
        Map<String, String> props = new HashMap<>(TestInfra.serviceProperties("reporting"));
        props.put("micronaut.application.name", "reporting");
        props.put("gennemsyn.benchmark.initial-delay", "1h");
        try (ApplicationContext ctx = ApplicationContext.builder().properties(new HashMap<>(props)).environments("bench").start()) {
            Reports reports = ctx.getBean(Reports.class);
            Summaries summaries = ctx.getBean(Summaries.class);
            EarlyWarnings earlyWarnings = ctx.getBean(EarlyWarnings.class);
            String tenant = "0250";
            Caller caller = new Caller("bench", "Benchmark", tenant, List.of("projektleder"), Optional.empty(), Optional.empty());
            String review = UUID.randomUUID().toString();
            String instrument = UUID.randomUUID().toString();
            List<Envelope> setup = new ArrayList<>();
            setup.add(env(tenant, instrument, InstrumentPublished.newBuilder().setInstrumentId(instrument).setName("Halsnæs")
                    .setVersion(1).addQuestions(question("kvalitet", "ordinal", KVALITET))
                    .addQuestions(question("sammenhaeng", "ordinal", KVALITET))
                    .addQuestions(question("kompensation", "compensation", KOMPENSATION))
                    .addQuestions(question("samtale", "yes_no", new String[]{"ja", "nej", "ikke_relevant"})).build()));
            setup.add(env(tenant, review, ReviewCreated.newBuilder().setReview(Review.newBuilder().setReviewId(review)
                    .setTitle("Benchmark").setState("reviewing").setInstrumentId(instrument).setVersion(1)).build()));
            Random rnd = new Random(3);
            for (int i = 1; i <= cases; i++) {
                String c = UUID.randomUUID().toString();
                setup.add(env(tenant, c, CaseSelectedForReview.newBuilder().setReviewId(review).setCaseId(c).setAlias("Sag " + i)
                        .setCaseType(i % 3 == 0 ? "anbringelse" : "forebyggende").setDeepReview(true).setVersion(1).build()));
                setup.add(env(tenant, c, submitted(review, c, "Sag " + i, instrument, rnd)));
                if (i % 4 == 0) {
                    setup.add(env(tenant, c, FindingRecorded.newBuilder().setFindingId(UUID.randomUUID().toString())
                            .setReviewId(review).setCaseId(c).setAlias("Sag " + i).setCategory("Fund").setSeverity("major")
                            .setBudgetRelevant(true).setExpectedYearlyKr(100_000).build()));
                }
            }
            setup.add(env(tenant, review, ReviewScreeningSummaryChanged.newBuilder().setReviewId(review).setCases(cases)
                    .addRules(RuleSummary.newBuilder().setRule("bfu_4_maaneder").setTitle("BFU inden 4 måneder").setMet(120)
                            .setNotMet(80)).setComputedAt("2026-12-01T10:00:00Z").build()));
            TestEvents.publish(props, 1, setup.toArray(Envelope[]::new));
            String db = props.get("datasources.default.url").substring(props.get("datasources.default.url").lastIndexOf('/') + 1);
            await(() -> count(db, "select count(*) from case_assessments") >= cases, "the review applied");
            try (Connection c = TestInfra.adminConnection(db); Statement st = c.createStatement()) {
                st.execute("analyze"); // the planner's statistics, as autovacuum keeps them on a database in use
            }

            // 1. Exports of the 200-case review.
            List<Double> xlsx = new ArrayList<>();
            List<Double> pdf = new ArrayList<>();
            int bytesX = 0;
            int bytesP = 0;
            for (int i = 0; i < 25; i++) {
                long t0 = System.nanoTime();
                var o = reports.overview(caller, UUID.fromString(review), Reports.Filter.NONE, "alias", false, 0, 0, "benchmark");
                byte[] x = Exports.xlsx(summaries.of(caller, UUID.fromString(review)), o,
                        earlyWarnings.of(caller, UUID.fromString(review)));
                long t1 = System.nanoTime();
                var s = summaries.of(caller, UUID.fromString(review));
                byte[] p = Exports.pdf(s, earlyWarnings.of(caller, UUID.fromString(review)),
                        ctx.getBean(dk.gennemsyn.reporting.management.Management.class).costs(caller), Charts.of(s), LocalDate.now());
                long t2 = System.nanoTime();
                if (i >= 5) { // the first five warm the JIT
                    xlsx.add((t1 - t0) / 1e6);
                    pdf.add((t2 - t1) / 1e6);
                }
                bytesX = x.length;
                bytesP = p.length;
            }
            System.out.printf("RESULT per-case overview of %d cases: XLSX median %.0f ms (max %.0f, %,d bytes); PDF with %d charts"
                            + " median %.0f ms (max %.0f, %,d bytes)%n", cases, median(xlsx), Collections.max(xlsx), bytesX,
                    Charts.of(summaries.of(caller, UUID.fromString(review))).size(), median(pdf), Collections.max(pdf), bytesP);

            // 1b. A page of the overview as the API and the page serve it (50 cases by alias, access log written).
            List<Double> page = new ArrayList<>();
            for (int i = 0; i < 1200; i++) {
                long t0 = System.nanoTime();
                int rows = reports.overview(caller, UUID.fromString(review), Reports.Filter.NONE, "alias", false, i % 4, 50,
                        "benchmark").rows().size();
                if (rows != 50) {
                    throw new IllegalStateException("a page of " + rows + " rows");
                }
                if (i >= 200) { // the first 200 warm the JIT
                    page.add((System.nanoTime() - t0) / 1e6);
                }
            }
            Collections.sort(page);
            System.out.printf("RESULT a page of the overview (50 of %d cases, by alias), %d calls: p50 %.2f ms, p99 %.2f ms,"
                    + " mean %.2f ms%n", cases, page.size(), pct(page, 50), pct(page, 99),
                    page.stream().mapToDouble(Double::doubleValue).average().orElse(0));
            if (List.of(args).contains("overview")) {
                return;
            }

            // 2. The benchmark view over 98 municipalities × 1,000 screened cases.
            try (Connection c = TestInfra.adminConnection(db); Statement st = c.createStatement()) {
                st.execute("""
                        insert into case_screenings (case_id, tenant, alias, case_version, results)
                        select gen_random_uuid(), lpad((100 + t)::text, 4, '0'), 'Sag ' || n, 1,
                            jsonb_build_array(jsonb_build_object('rule', 'bfu_4_maaneder', 'result',
                                case when random() < 0.3 + t / 200.0 then 'met' else 'not_met' end),
                                jsonb_build_object('rule', 'opfoelgning_3_maaneder', 'result',
                                case when random() < 0.6 then 'met' else 'not_met' end))
                        from generate_series(1, %d) t, generate_series(1, %d) n""".formatted(tenants, perTenant));
                st.execute("insert into benchmark_opt_in (tenant, opted_in, changed_by) select lpad((100 + t)::text, 4, '0'), true, "
                        + "'bench' from generate_series(1, " + tenants + ") t");
                st.execute("insert into benchmark_opt_in (tenant, opted_in, changed_by) values ('" + tenant + "', true, 'bench')");
            }
            Benchmark benchmark = ctx.getBean(Benchmark.class);
            TenantTx tenantTx = ctx.getBean(TenantTx.class);
            long p0 = System.nanoTime();
            for (int t = 1; t <= tenants; t++) {
                String code = String.format("%04d", 100 + t);
                tenantTx.write(code, () -> benchmark.publish(code));
            }
            tenantTx.write(tenant, () -> benchmark.publish(tenant));
            double publish = (System.nanoTime() - p0) / 1e6;
            Caller admin = new Caller("bench", "Benchmark", "0101", List.of("styregruppe"), Optional.empty(), Optional.empty());
            List<Double> view = new ArrayList<>();
            int figures = 0;
            for (int i = 0; i < 30; i++) {
                long t0 = System.nanoTime();
                figures = benchmark.view(admin).figures().size();
                if (i >= 5) {
                    view.add((System.nanoTime() - t0) / 1e6);
                }
            }
            System.out.printf("RESULT benchmark view over %d municipalities x %,d cases: median %.1f ms, max %.1f ms (%d figures);"
                    + " publishing every municipality's figures %.0f ms%n", tenants, perTenant, median(view),
                    Collections.max(view), figures, publish);

            // 3. Lag: an assessment submitted (on the broker) to the overview showing it.
            List<Double> lag = new ArrayList<>();
            for (int i = 0; i < changes + 20; i++) {
                String c = UUID.randomUUID().toString();
                String alias = "Ny " + i;
                long t0 = System.nanoTime();
                TestEvents.publish(props, 1, env(tenant, c, submitted(review, c, alias, instrument, rnd)));
                while (reports.overview(caller, UUID.fromString(review), Reports.Filter.NONE, "alias", false, 0, 0, "benchmark")
                        .rows().stream().noneMatch(r -> r.alias().equals(alias))) {
                    Thread.sleep(1);
                    if (System.nanoTime() - t0 > 30_000_000_000L) {
                        throw new IllegalStateException("not in the overview after 30 s");
                    }
                }
                if (i >= 20) {
                    lag.add((System.nanoTime() - t0) / 1e6);
                }
            }
            Collections.sort(lag);
            System.out.printf("RESULT assessment submitted (event on the broker) -> overview shows it, %d submissions: p50 %.0f ms,"
                            + " p99 %.0f ms (each poll reads the whole %d-case overview)%n", lag.size(), pct(lag, 50), pct(lag, 99),
                    cases + changes);
        }
    }

    static AssessmentSubmitted submitted(String review, String c, String alias, String instrument, Random rnd) {
        return AssessmentSubmitted.newBuilder().setAssignmentId(UUID.randomUUID().toString()).setReviewId(review).setCaseId(c)
                .setAlias(alias).setReviewer("r").setRound(1).setInstrumentId(instrument)
                .putAnswers("kvalitet", KVALITET[rnd.nextInt(4)]).putAnswers("sammenhaeng", KVALITET[rnd.nextInt(4)])
                .putAnswers("kompensation", KOMPENSATION[rnd.nextInt(3)]).putAnswers("samtale", rnd.nextBoolean() ? "ja" : "nej")
                .setYearlyCostKr(50_000 + rnd.nextInt(900_000)).build();
    }

    static InstrumentQuestion question(String id, String type, String[] codes) {
        InstrumentQuestion.Builder b = InstrumentQuestion.newBuilder().setQuestionId(id).setType(type).setText(id).setSection("A");
        for (String code : codes) {
            b.addOptions(AnswerOption.newBuilder().setCode(code).setLabel(code));
        }
        return b.build();
    }

    static Envelope env(String tenant, String aggregate, Message m) {
        return TestEvents.envelope(tenant, UUID.randomUUID().toString(), aggregate, m);
    }

    static long count(String db, String sql) {
        try (Connection c = TestInfra.adminConnection(db); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }
}
