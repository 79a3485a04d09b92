package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.testsupport.TestInfra;
import io.micronaut.context.ApplicationContext;
import org.postgresql.PGConnection;

import java.io.BufferedWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The import benchmark (docs/benchmarks.md): imports N cases (one row each, with one timeline event) through
 * the real import job, and runs PostgreSQL COPY of the same file into a plain table in the same database in the
 * same run, for the ratio. Reports rows/s and the peak heap of a small and a large import (flat = streaming).
 * Run with {@code ./dev.sh bench-import [cases=100000]}.
 */
public final class ImportBenchmark {

    public static void main(String[] args) throws Exception {
        int cases = 100_000;
        for (String a : args) {
            if (a.startsWith("cases=")) {
                cases = Integer.parseInt(a.substring(6));
            }
        }
        Map<String, Object> props = new HashMap<>(TestInfra.serviceProperties("case-intake"));
        props.put("micronaut.application.name", "case-intake");
        props.put("micronaut.server.port", "-1");
        props.put("gennemsyn.case-numbers.keys", "1:ZGV2LW9ubHktY2FzZS1udW1iZXIta2V5LTEtMzItYnl0ZXMh");
        props.put("gennemsyn.case-numbers.lookup-secret", "ZGV2LW9ubHktbG9va3VwLXNlY3JldC0zMi1ieXRlcy1sb25nIQ==");
        Path small = write(cases / 10, "S");
        Path large = write(cases, "L");
        System.out.printf("Import benchmark: %,d cases (%,d bytes), warm-up and heap comparison with %,d cases%n",
                cases, Files.size(large), cases / 10);
        try (ApplicationContext ctx = ApplicationContext.builder().properties(props).environments("bench").start();
             com.rabbitmq.client.Connection broker = sink(props)) {
            Imports imports = ctx.getBean(Imports.class);
            run(imports, "0101", small, "warm-up (JIT)", props);
            Result s = run(imports, "0147", small, "small", props);
            Result l = run(imports, "0157", large, "large", props);
            long copyNanos = copy(props, large);
            double copyRate = cases / (copyNanos / 1e9);
            System.out.printf("COPY of the same file into a plain table: %.2f s, %,.0f rows/s%n", copyNanos / 1e9, copyRate);
            long floorNanos = floor(props, "0157");
            double floorRate = cases / (floorNanos / 1e9);
            System.out.printf("RESULT import %,.0f rows/s, COPY %,.0f rows/s, ratio %.2f; peak heap %d MiB (%,d cases) vs %d MiB (%,d cases)%n",
                    l.rate(), copyRate, l.rate() / copyRate, s.peakMiB(), cases / 10, l.peakMiB(), cases);
            System.out.printf("FLOOR COPY of what the import wrote %,.0f rows/s, ratio to COPY %.2f (the most any import"
                    + " writing these rows can reach); import / floor %.2f%n", floorRate, floorRate / copyRate, l.rate() / floorRate);
        } finally {
            Files.deleteIfExists(small);
            Files.deleteIfExists(large);
        }
    }

    record Result(double rate, long peakMiB) {
    }

    /**
     * The other services' queues, as in the running system: without a queue bound to its events the relay would
     * retry every one as unroutable, and those retries would compete with the import being measured.
     */
    static com.rabbitmq.client.Connection sink(Map<String, Object> props) throws Exception {
        Map<String, String> p = new HashMap<>();
        props.forEach((k, v) -> p.put(k, String.valueOf(v)));
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setUri(TestInfra.rabbitUri(p));
        com.rabbitmq.client.Connection c = f.newConnection("import-benchmark-sink");
        com.rabbitmq.client.Channel ch = c.createChannel();
        ch.exchangeDeclare(dk.gennemsyn.platform.events.RabbitBroker.EXCHANGE, "topic", true);
        String q = ch.queueDeclare("", false, true, true, Map.of("x-max-length", 1000, "x-overflow", "drop-head")).getQueue();
        ch.queueBind(q, dk.gennemsyn.platform.events.RabbitBroker.EXCHANGE, "#");
        return c;
    }

    /** Waits until the relay has published every event so far, so one import's events don't slow the next. */
    static double drain(Map<String, Object> props) throws Exception {
        String url = (String) props.get("datasources.default.url");
        long t0 = System.nanoTime();
        try (Connection c = TestInfra.adminConnection(url.substring(url.lastIndexOf('/') + 1)); Statement s = c.createStatement()) {
            while (true) {
                try (var rs = s.executeQuery("select count(*) from outbox")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return (System.nanoTime() - t0) / 1e9;
                    }
                }
                if (System.nanoTime() - t0 > 600_000_000_000L) {
                    throw new IllegalStateException("the relay did not publish the import's events within 10 minutes");
                }
                Thread.sleep(100);
            }
        }
    }

    static Result run(Imports imports, String tenant, Path file, String label, Map<String, Object> props) throws Exception {
        Caller caller = new Caller("benchmark", "Benchmark", tenant, List.of("projektleder"), Optional.empty(), Optional.empty());
        System.gc();
        resetPeaks();
        Path upload = imports.newUploadFile();
        Files.copy(file, upload, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long t0 = System.nanoTime();
        var job = imports.start(caller, upload, "bench.csv", true);
        while (!job.done()) {
            Thread.sleep(50);
            job = imports.job(caller, job.id());
        }
        long nanos = System.nanoTime() - t0;
        long peak = peakHeap() / (1024 * 1024);
        if (!job.status().equals("succeeded")) {
            throw new IllegalStateException("Import " + label + " ended " + job.status() + ": " + job.errors());
        }
        double rate = job.casesCreated() / (nanos / 1e9);
        double relayed = drain(props);
        System.out.printf("  %-14s %,7d cases in %.2f s = %,.0f rows/s, peak heap %d MiB; its %,d events relayed %.1f s"
                        + " after the commit%n", label, job.casesCreated(), nanos / 1e9, rate, peak, job.casesCreated(),
                relayed);
        return new Result(rate, peak);
    }

    static Path write(int cases, String prefix) throws Exception {
        Path f = Files.createTempFile("import-bench", ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("sagsnummer;sagstype;fødselsår;team;rådgiver;status;hændelse;dato;paragraf_barnets_lov;årlig_udgift;note\n");
            for (int i = 0; i < cases; i++) {
                w.write(prefix + "-" + (100000 + i) + ";" + (i % 3 == 0 ? "anbringelse" : "forebyggende") + ";"
                        + (2008 + i % 15) + ";Team " + (i % 7) + ";Rådgiver " + (i % 40) + ";åben;underretning_modtaget;"
                        + "2020-0" + (1 + i % 9) + "-1" + (i % 10) + ";§ 32;" + (50_000 + i % 1000) + ";Underretning fra skolen\n");
            }
        }
        return f;
    }

    /** COPY of the same file, same run, same database: the baseline. */
    static long copy(Map<String, Object> props, Path file) throws Exception {
        String url = (String) props.get("datasources.default.url");
        String db = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = TestInfra.adminConnection(db); Statement s = c.createStatement()) {
            s.execute("create table copy_baseline (sagsnummer text, sagstype text, foedselsaar int, team text, raadgiver text,"
                    + " status text, haendelse text, dato date, paragraf text, udgift bigint, note text)");
            long t0 = System.nanoTime();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy copy_baseline from stdin with (format csv, delimiter ';', header true)", r);
            }
            return System.nanoTime() - t0;
        }
    }

    /**
     * The floor: COPY of exactly the rows the import wrote (its cases, timeline events and access-log rows; its
     * outbox rows are already relayed and gone, so the floor leaves the events out) into the same tables, with their
     * indexes and foreign keys, in one transaction. As a superuser: PostgreSQL has no COPY FROM into a table with
     * row-level security, so the floor skips that check too. The rows are copied out first (ids mapped, another
     * tenant) and only the COPY in is timed. No import that writes these rows can be faster, whatever it does before.
     */
    static long floor(Map<String, Object> props, String tenant) throws Exception {
        String url = (String) props.get("datasources.default.url");
        String floorTenant = "0998";
        List<String> tables = List.of("cases", "timeline_events", "access_log");
        Map<String, byte[]> rows = new HashMap<>();
        Map<String, String> columns = new HashMap<>();
        try (Connection c = TestInfra.adminConnection(url.substring(url.lastIndexOf('/') + 1))) {
            for (String t : tables) {
                List<String> names = new java.util.ArrayList<>();
                List<String> select = new java.util.ArrayList<>();
                try (var ps = c.prepareStatement("select column_name, data_type from information_schema.columns where"
                        + " table_name = ? and is_identity = 'NO' order by ordinal_position")) {
                    ps.setString(1, t);
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String n = rs.getString(1);
                            if (n.equals("id") && !rs.getString(2).equals("uuid")) {
                                continue; // a numbered row (the access log's) takes its number from the table
                            }
                            names.add(n);
                            // Same rows, other ids and tenant: md5 maps a case's id the same way in every table.
                            select.add(switch (n) {
                                case "tenant" -> "'" + floorTenant + "'";
                                case "id", "case_id" -> rs.getString(2).equals("uuid") ? "md5(" + n + "::text || 'floor')::uuid"
                                        : "md5(" + n + " || 'floor')::uuid::text";
                                default -> n;
                            });
                        }
                    }
                }
                var out = new java.io.ByteArrayOutputStream();
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select " + String.join(", ", select) + " from "
                        + t + " where tenant = '" + tenant + "') to stdout", out);
                rows.put(t, out.toByteArray());
                columns.put(t, String.join(", ", names));
            }
        }
        try (Connection app = TestInfra.adminConnection(url.substring(url.lastIndexOf('/') + 1))) {
            app.setAutoCommit(false);
            var copy = app.unwrap(PGConnection.class).getCopyAPI();
            long t0 = System.nanoTime();
            long written = 0;
            for (String t : tables) {
                written += copy.copyIn("copy " + t + " (" + columns.get(t) + ") from stdin",
                        new java.io.ByteArrayInputStream(rows.get(t)));
            }
            app.commit();
            long nanos = System.nanoTime() - t0;
            System.out.printf("COPY of the rows the import wrote (%,d rows into %s): %.2f s%n",
                    written, String.join(", ", tables), nanos / 1e9);
            return nanos;
        }
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
