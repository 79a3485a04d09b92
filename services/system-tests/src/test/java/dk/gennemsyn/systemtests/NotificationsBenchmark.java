package dk.gennemsyn.systemtests;

import dk.gennemsyn.proto.assessment.v1.AssessmentAssigned;
import dk.gennemsyn.proto.platform.v1.Envelope;
import dk.gennemsyn.testsupport.TestEvents;
import dk.gennemsyn.testsupport.TestTokens;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notifications benchmark (docs/benchmarks.md), through the running system (all five services as processes, one
 * broker, GreenMail as the SMTP server):
 * <ol>
 *   <li>throughput: N AssessmentAssigned events published to the broker as assessment publishes them, each one e-mail
 *       to the assigned reviewer; events/s from the first publish until GreenMail has accepted every mail. Baseline in
 *       the same run: the same number of mails of the same size sent straight to GreenMail by one SMTP client over one
 *       connection (no database, no broker).</li>
 *   <li>latency: a reviewer records an urgent finding through assessment's API; the time until GreenMail has accepted
 *       the alert to the tovholder, p50/p99 over M findings.</li>
 * </ol>
 * Run with {@code ./dev.sh bench-notifications [events=N] [urgent=M] [warmup=N] [jvm=quick-start]}.
 */
public final class NotificationsBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        int events = 2000;
        int urgent = 100;
        int warmup = -1; // default: as many as measured
        List<String> jvm = RunningSystem.podJvm(); // as the chart runs a pod: C2, the pod's heap
        for (String a : args) {
            if (a.startsWith("events=")) {
                events = Integer.parseInt(a.substring(7));
            } else if (a.startsWith("urgent=")) {
                urgent = Integer.parseInt(a.substring(7));
            } else if (a.startsWith("warmup=")) {
                warmup = Integer.parseInt(a.substring(7));
            } else if (a.equals("jvm=quick-start")) {
                jvm = RunningSystem.QUICK_START_JVM; // C1 only, as ./dev.sh run starts them (the figures before 2026-12-07)
            }
        }
        if (warmup < 0) {
            warmup = events;
        }
        // GreenMail and the plain client in this JVM without Jakarta Mail's ServiceLoader scan per MIME part, as the
        // service's mailer does (Mailer): the baseline as fast as it gets, and the SMTP server's share of these two
        // cores what a real server's would be.
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        try (RunningSystem system = new RunningSystem(jvm)) {
            HttpClient http = HttpClient.newHttpClient();
            String tenant = "0250";
            String pl = TestTokens.token(tenant, "projektleder");
            ScreeningLatencyBenchmark.get(http, system, pl, "/assessment/api/instruments"); // seeds the shipped ones
            String instruments = ScreeningLatencyBenchmark.get(http, system, pl, "/assessment/api/instruments");
            Matcher im = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"family\":\"[^\"]*\",\"version\":1,\"name\":\"Halsnæs-parametrene\"").matcher(instruments);
            if (!im.find()) {
                throw new IllegalStateException("no Halsnæs instrument: " + instruments);
            }
            String review = id(ScreeningLatencyBenchmark.send(http, system, pl, "POST", "/intake/api/reviews",
                    "{\"title\":\"Benchmark\",\"instrumentId\":\"" + im.group(1) + "\"}"));
            ScreeningLatencyBenchmark.send(http, system, pl, "POST", "/intake/api/reviews/" + review + "/people",
                    "{\"userId\":\"rev-1\",\"name\":\"Gennemgår\",\"role\":\"reviewer\",\"email\":\"rev@konsulent.example\","
                            + "\"organisation\":\"KL\",\"accessTo\":\"2030-01-01T00:00:00Z\"}");
            ScreeningLatencyBenchmark.send(http, system, pl, "POST", "/intake/api/reviews/" + review + "/people",
                    "{\"userId\":\"tov-1\",\"name\":\"Tovholder\",\"role\":\"tovholder\",\"email\":\"tov@halsnaes.example\"}");
            for (int i = 0; i < 3; i++) {
                ScreeningLatencyBenchmark.send(http, system, pl, "POST", "/intake/api/cases", "{\"caseType\":\"anbringelse\"}");
            }
            for (String tier : List.of("screening", "deep")) {
                ScreeningLatencyBenchmark.send(http, system, pl, "POST", "/intake/api/reviews/" + review + "/samplings",
                        "{\"tier\":\"" + tier + "\",\"method\":\"simple\",\"size\":3,\"seed\":1}");
            }
            String assigned = "";
            for (int i = 0; i < 100 && !assigned.contains("\"round\""); i++) {
                Thread.sleep(200);
                try {
                    assigned = ScreeningLatencyBenchmark.send(http, system, pl, "POST",
                            "/assessment/api/reviews/" + review + "/assignments", "");
                } catch (IllegalStateException notYet) {
                    assigned = "";
                }
            }
            await(system, 3, 30_000); // the three assignment e-mails: the review's people are known to notifications
            system.smtp.purgeEmailFromAllMailboxes();

            // 1. Throughput, after a round of the same size: a pod runs for days, and on these two cores C2 compiles the
            // hot paths for the first ten seconds or so, which is start-up, not throughput.
            if (warmup > 0) {
                System.out.printf("warm-up: %d e-mails in %.1f s%n", warmup, throughput(system, tenant, review, warmup));
                system.smtp.purgeEmailFromAllMailboxes();
            }
            Map<String, Long> cpu0 = system.cpuTicks();
            double seconds = throughput(system, tenant, review, events);
            Map<String, Long> cpu1 = system.cpuTicks();
            StringBuilder used = new StringBuilder();
            cpu1.forEach((process, ticks) -> used.append(String.format(" %s %.1f s,", process,
                    (ticks - cpu0.getOrDefault(process, 0L)) / 100.0)));
            System.out.printf("CPU used (of %.1f s on 2 cores):%s%n", 2 * seconds, used);
            MimeMessage sample = system.smtp.getReceivedMessages()[0];
            system.smtp.purgeEmailFromAllMailboxes();
            if (warmup > 0) { // the plain client warms up too
                baseline(system, sample, warmup);
                system.smtp.purgeEmailFromAllMailboxes();
            }
            double baseline = baseline(system, sample, events);
            System.out.printf("RESULT %d events -> %d e-mails accepted by SMTP in %.1f s: %.0f e-mails/s; plain SMTP client,"
                            + " same mails, one connection: %.0f e-mails/s; ratio %.2f%n", events, events, seconds,
                    events / seconds, baseline, events / seconds / baseline);
            system.smtp.purgeEmailFromAllMailboxes();

            // 2. Urgent concern latency, from the reviewer's API call to the SMTP server's receipt.
            String rev = TestTokens.sign(TestTokens.claims(tenant, "reviewer").subject("rev-1").build());
            String mine = ScreeningLatencyBenchmark.get(http, system, rev, "/assessment/api/assignments");
            String assignment = id(mine);
            List<Double> millis = new ArrayList<>();
            for (int i = 1; i <= urgent + 10; i++) {
                int before = system.smtp.getReceivedMessages().length;
                long s0 = System.nanoTime();
                ScreeningLatencyBenchmark.send(http, system, rev, "POST", "/assessment/api/assignments/" + assignment
                        + "/findings", "{\"category\":\"Sikkerhed\",\"severity\":\"critical\",\"text\":\"Akut\",\"urgent\":true}");
                if (!system.smtp.waitForIncomingEmail(30_000, before + 1)) { // a latch, not a spin on a shared core
                    throw new IllegalStateException("no alert after 30 s for finding " + i);
                }
                if (i > 10) { // the first ten warm the JIT and the connections
                    millis.add((System.nanoTime() - s0) / 1e6);
                }
            }
            Collections.sort(millis);
            System.out.printf("RESULT urgent finding in assessment's API -> alert e-mail accepted by SMTP, %d findings:"
                            + " p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", millis.size(),
                    ScreeningLatencyBenchmark.pct(millis, 50), ScreeningLatencyBenchmark.pct(millis, 99),
                    millis.get(millis.size() - 1));
        }
    }

    /** N AssessmentAssigned events published at once; seconds until GreenMail has accepted every e-mail. */
    static double throughput(RunningSystem system, String tenant, String review, int events) throws Exception {
        List<Envelope> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(TestEvents.envelope(tenant, UUID.randomUUID().toString(), review, AssessmentAssigned.newBuilder()
                    .setAssignmentId(UUID.randomUUID().toString()).setReviewId(review)
                    .setCaseId(UUID.randomUUID().toString()).setAlias("Sag " + i).setReviewer("rev-1").setRound(1)
                    .build()));
        }
        long t0 = System.nanoTime();
        TestEvents.publish(Map.of("gennemsyn.rabbitmq.uri", system.rabbitUri), 1, batch.toArray(Envelope[]::new));
        await(system, events, 600_000);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The same mails straight to the same SMTP server over one connection: mails/s. */
    static double baseline(RunningSystem system, MimeMessage sample, int n) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(system.smtp.getSmtp().getPort()));
        Session session = Session.getInstance(p);
        long t0 = System.nanoTime();
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            for (int i = 0; i < n; i++) {
                MimeMessage m = new MimeMessage(session);
                m.setFrom(new InternetAddress("noreply@gennemsyn.dk"));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress("rev@konsulent.example"));
                m.setSubject(sample.getSubject(), "UTF-8");
                m.setContent(sample.getContent(), sample.getContentType());
                m.saveChanges();
                t.sendMessage(m, m.getAllRecipients());
            }
        }
        await(system, n, 60_000);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Until the SMTP server holds n mails. GreenMail counts them down on a latch as they arrive; polling
     * getReceivedMessages() instead copied every stored message under the store's lock every 5 ms, which made the
     * SMTP handler wait (40 ms stalls before "250 OK") and took most of a core from the system under test.
     */
    static void await(RunningSystem system, int n, long timeoutMillis) {
        if (!system.smtp.waitForIncomingEmail(timeoutMillis, n)) {
            throw new IllegalStateException("only " + system.smtp.getReceivedMessages().length + " of " + n + " e-mails");
        }
    }

    static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }
}
