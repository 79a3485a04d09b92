package dk.gennemsyn.assessment.screening;

import dk.gennemsyn.proto.caseintake.v1.CaseUpdated;
import dk.gennemsyn.proto.caseintake.v1.TimelineEvent;
import dk.gennemsyn.proto.platform.v1.Envelope;
import dk.gennemsyn.testsupport.TestEvents;
import dk.gennemsyn.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The screening throughput benchmark (docs/benchmarks.md): N case timelines arrive as CaseUpdated events on the
 * broker, as case-intake publishes them, and the assessment service screens and stores them. Reports cases/s end to
 * end, the engine alone in memory, and a baseline in the same run and database: the same rows written by plain
 * JDBC, one transaction per case, without messaging or screening. Run with {@code ./dev.sh bench-screening}.
 */
public final class ScreeningBenchmark {

    public static void main(String[] args) throws Exception {
        int cases = 100_000;
        for (String a : args) {
            if (a.startsWith("cases=")) {
                cases = Integer.parseInt(a.substring(6));
            }
        }
        Map<String, String> props = new HashMap<>(TestInfra.serviceProperties("assessment"));
        props.put("micronaut.application.name", "assessment");
        props.put("micronaut.server.port", "-1");
        List<CaseUpdated> timelines = generate(cases, 42);
        bindConsumerQueue(props);
        engineOnly(timelines);
        try (ApplicationContext ctx = ApplicationContext.builder().properties(new HashMap<>(props))
                .environments("bench").start()) {
            run(props, "0101", generate(Math.max(1000, cases / 20), 7), "warm-up (JIT)");
            double rate = run(props, "0157", timelines, "measured");
            double baseline = baseline(props, timelines);
            System.out.printf("RESULT screening %,.0f cases/s end to end; baseline (same rows, plain JDBC, a transaction"
                    + " per case) %,.0f cases/s; ratio %.2f%n", rate, baseline, rate / baseline);
        }
    }

    static void engineOnly(List<CaseUpdated> timelines) {
        List<List<CaseEvent>> events = new ArrayList<>();
        for (CaseUpdated c : timelines) {
            events.add(c.getTimelineList().stream().map(e -> new CaseEvent(e.getKind(), LocalDate.parse(e.getDate()),
                    e.getTime().isEmpty() ? null : LocalTime.parse(e.getTime()), e.getWithoutConsent(), e.getMeasureName(),
                    e.getLegalBasisBarnetsLov(), e.getLegalBasisServiceloven(), e.getYearlyCostKr())).toList());
        }
        LocalDate today = LocalDate.of(2026, 11, 24);
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            long met = 0;
            for (int i = 0; i < events.size(); i++) {
                for (Screener.Result r : Screener.screen(events.get(i), timelines.get(i).getCaseType(), today)) {
                    met += r.outcome() == Outcome.MET ? 1 : 0;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  engine alone (%s): %,d timelines in %.2f s = %,.0f cases/s (%,d rules met)%n",
                    round == 0 ? "cold" : "warm", events.size(), s, events.size() / s, met);
        }
    }

    static double run(Map<String, String> props, String tenant, List<CaseUpdated> timelines, String label)
            throws Exception {
        long t0 = System.nanoTime();
        List<Envelope> batch = new ArrayList<>();
        for (CaseUpdated c : timelines) {
            batch.add(TestEvents.envelope(tenant, UUID.randomUUID().toString(), c.getCaseId(), c));
            if (batch.size() == 5000) {
                TestEvents.publish(props, 1, batch.toArray(new Envelope[0]));
                batch.clear();
            }
        }
        TestEvents.publish(props, 1, batch.toArray(new Envelope[0]));
        double published = (System.nanoTime() - t0) / 1e9;
        long done;
        do {
            Thread.sleep(200);
            done = count(props, "select count(distinct case_id) from screening_results where tenant = '" + tenant + "'");
        } while (done < timelines.size());
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  %-14s %,7d cases screened and stored in %.2f s = %,.0f cases/s (all published to the"
                + " broker after %.2f s)%n", label, timelines.size(), s, timelines.size() / s, published);
        return timelines.size() / s;
    }

    /**
     * In the running system reporting and notifications bind queues for assessment's events; here a stand-in queue
     * does, so the relay publishes them as it would there (an unbound event is held back and retried instead).
     */
    static void bindConsumerQueue(Map<String, String> props) throws Exception {
        var factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setUri(TestInfra.rabbitUri(props));
        try (var c = factory.newConnection("bench-setup"); var ch = c.createChannel()) {
            ch.exchangeDeclare(TestEvents.EXCHANGE, "topic", true);
            ch.queueDeclare("bench-consumers", true, false, false, Map.of("x-max-length", 1000));
            ch.queueBind("bench-consumers", TestEvents.EXCHANGE, "gennemsyn.assessment.v1.#");
        }
    }

    /** The same rows (7 per case) written with plain JDBC, a transaction per case: the database's own pace. */
    static double baseline(Map<String, String> props, List<CaseUpdated> timelines) throws Exception {
        try (Connection c = admin(props); Statement st = c.createStatement()) {
            st.execute("create table baseline_results (case_id uuid, rule text, result text, evidence text[],"
                    + " primary key (case_id, rule))");
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into baseline_results (case_id, rule, result, evidence) values (?::uuid, ?, 'met', ?)")) {
                for (CaseUpdated t : timelines) {
                    for (LegalRule r : LegalRule.values()) {
                        ps.setString(1, t.getCaseId());
                        ps.setString(2, r.code);
                        ps.setArray(3, c.createArrayOf("text", new String[] {"Underretning 01.03.2024, vurderet samme dag"}));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  baseline       %,7d cases as plain rows in %.2f s = %,.0f cases/s%n", timelines.size(), s,
                    timelines.size() / s);
            return timelines.size() / s;
        }
    }

    /** Realistic timelines: an underretning, its assessment, an investigation, a measure with follow-ups, decisions. */
    static List<CaseUpdated> generate(int n, long seed) {
        Random rnd = new Random(seed);
        List<CaseUpdated> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LocalDate d = LocalDate.of(2019, 1, 1).plusDays(rnd.nextInt(6 * 365));
            CaseUpdated.Builder c = CaseUpdated.newBuilder().setCaseId(UUID.randomUUID().toString()).setAlias("Sag " + (i + 1))
                    .setCaseType(i % 3 == 0 ? "anbringelse" : "forebyggende").setOpen(true).setVersion(1);
            c.addTimeline(ev("underretning_modtaget", d, rnd.nextBoolean() ? "09:30" : ""));
            c.addTimeline(ev("underretning_vurderet", d.plusDays(rnd.nextInt(3)), rnd.nextBoolean() ? "15:00" : ""));
            c.addTimeline(ev("bfu_startet", d.plusDays(3 + rnd.nextInt(20)), ""));
            c.addTimeline(ev("bfu_afsluttet", d.plusDays(90 + rnd.nextInt(60)), ""));
            if (rnd.nextBoolean()) {
                c.addTimeline(ev("boernesamtale", d.plusDays(100 + rnd.nextInt(40)), ""));
            }
            LocalDate decided = d.plusDays(150 + rnd.nextInt(30));
            c.addTimeline(ev("plan", decided.minusDays(rnd.nextInt(40) - 10), ""));
            c.addTimeline(TimelineEvent.newBuilder().setKind("afgoerelse").setDate(decided.toString())
                    .setWithoutConsent(rnd.nextInt(10) == 0).build());
            c.addTimeline(TimelineEvent.newBuilder().setKind("foranstaltning_startet").setDate(decided.plusDays(7).toString())
                    .setMeasureName(i % 3 == 0 ? "Plejefamilie" : "Familiebehandling")
                    .setLegalBasisServiceloven(i % 3 == 0 ? "§ 52, stk. 3, nr. 7" : "§ 52, stk. 3, nr. 3")
                    .setYearlyCostKr(100_000 + rnd.nextInt(400_000)).build());
            LocalDate f = decided.plusDays(7);
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                f = f.plusDays(60 + rnd.nextInt(150));
                c.addTimeline(ev("opfoelgning", f, ""));
            }
            out.add(c.build());
        }
        return out;
    }

    static TimelineEvent ev(String kind, LocalDate date, String time) {
        return TimelineEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setKind(kind).setDate(date.toString())
                .setTime(time).build();
    }

    static Connection admin(Map<String, String> props) throws Exception {
        String url = props.get("datasources.default.url");
        return TestInfra.adminConnection(url.substring(url.lastIndexOf('/') + 1));
    }

    static long count(Map<String, String> props, String sql) throws Exception {
        try (Connection c = admin(props); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
