package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.caseintake.cases.CaseNumbers;
import dk.gennemsyn.caseintake.cases.CaseRecord;
import dk.gennemsyn.caseintake.cases.Cases;
import dk.gennemsyn.caseintake.cases.TimelineEntry;
import dk.gennemsyn.caseintake.imports.ImportFormat.RowError;
import dk.gennemsyn.platform.db.CopyText;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.proto.caseintake.v1.CasesImported;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.HttpStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Imports a case-system extract (docs/import-format.md) as a background job with progress.
 * <p>
 * The file is streamed row by row into a temporary staging table with COPY, so memory holds one row and a
 * buffer, whatever the file's size. Then set-based SQL checks what needs the whole file (a case's rows agree,
 * no duplicated rows, measures exist), and merges: new cases are created, cases whose rows changed are updated
 * (their imported timeline replaced), unchanged cases are left alone (a digest of their rows). All of it runs in
 * one transaction: an error in all-or-nothing mode, a crash or a restart leaves nothing half-imported. The job's
 * progress is written in separate small transactions so the page can follow it.
 */
@Singleton
public class Imports {

    private static final Logger LOG = LoggerFactory.getLogger(Imports.class);
    /** Errors kept for the report; the count has them all. */
    static final int MAX_REPORTED_ERRORS = 200;
    /** A running job that has not reported for this long died with its instance. */
    static final Duration STALE = Duration.ofSeconds(60);

    static final String STAGE_COLUMNS = "line, case_hash, case_no_enc, case_type, birth_year, age_band, team, "
            + "caseworker_hash, open, kind, occurred_on, occurred_time, measure_name, bl, sel, cost, without_consent, note, row_digest, bad";

    @Serdeable
    public record Job(UUID id, String fileName, long fileBytes, boolean allOrNothing, String status, String phase,
                      int percent, int rowsRead, int casesCreated, int casesUpdated, int casesUnchanged, int rowsRejected,
                      int errorCount, List<ReportedError> errors, String startedBy, Instant startedAt,
                      @Nullable Instant finishedAt) {
        public boolean done() {
            return !status.equals("queued") && !status.equals("running");
        }
    }

    @Serdeable
    public record ReportedError(long line, @Nullable String column, String message) {
    }

    /** All-or-nothing found errors: the transaction is rolled back. */
    private static final class Rejected extends RuntimeException {
        Rejected() {
            super(null, null, false, false);
        }
    }

    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final CaseNumbers caseNumbers;
    private final Cases cases;
    private final JsonMapper json;
    private final Clock clock;
    private final Path workDir;
    private final long maxRows;
    // One import at a time per instance: an import is heavy on the database, and the order is what users expect.
    private final java.util.concurrent.atomic.AtomicLong waitingBytes = new java.util.concurrent.atomic.AtomicLong();
    private final long maxWaitingBytes;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "case-import");
        t.setDaemon(true);
        return t;
    });

    Imports(TenantTx tenantTx, Outbox outbox, CaseNumbers caseNumbers, Cases cases, JsonMapper json, Clock clock,
            @Value("${gennemsyn.imports.work-dir:}") String workDir,
            @Value("${gennemsyn.imports.max-rows:1000000}") long maxRows,
            @Value("${gennemsyn.imports.max-waiting-bytes:600MB}") @ReadableBytes long maxWaitingBytes) throws IOException {
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.caseNumbers = caseNumbers;
        this.cases = cases;
        this.json = json;
        this.clock = clock;
        this.maxRows = maxRows;
        this.maxWaitingBytes = maxWaitingBytes;
        this.workDir = workDir.isBlank() ? Files.createTempDirectory("gennemsyn-imports") : Files.createDirectories(Path.of(workDir));
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** A place for an upload to land before {@link #start}. */
    public Path newUploadFile() throws IOException {
        return Files.createTempFile(workDir, "upload-", ".csv");
    }

    /**
     * Registers the job and runs it in the background; the file is deleted when it is done. Imports run one at a time
     * and their files wait on the uploads volume: when the waiting files would pass {@code max-waiting-bytes}, a new
     * one is refused (503), so queued uploads cannot fill the volume (and get the pod evicted).
     */
    public Job start(Caller caller, Path file, String fileName, boolean allOrNothing) throws IOException {
        long size = Files.size(file);
        if (waitingBytes.addAndGet(size) > maxWaitingBytes && size > 0) {
            waitingBytes.addAndGet(-size);
            Files.deleteIfExists(file);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "imports-busy",
                    "Der venter allerede andre importer. Prøv igen om lidt; intet er importeret.", "file");
        }
        try {
            return enqueue(caller, file, fileName, allOrNothing, size);
        } catch (IOException | RuntimeException e) {
            waitingBytes.addAndGet(-size);
            throw e;
        }
    }

    private Job enqueue(Caller caller, Path file, String fileName, boolean allOrNothing, long size) throws IOException {
        String name = Cases.text("fileName", fileName == null || fileName.isBlank() ? "import.csv" : fileName, 200);
        if (size == 0) {
            Files.deleteIfExists(file);
            throw ProblemException.invalid("file", "Filen er tom.");
        }
        try {
            ImportFile.precheck(file);
        } catch (ProblemException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        UUID id = UUID.randomUUID();
        tenantTx.write(caller.tenant(), () -> tenantTx.update("""
                insert into import_jobs (id, tenant, file_name, file_bytes, all_or_nothing, status, phase, started_by, started_at,
                                         heartbeat_at) values (?, ?, ?, ?, ?, 'queued', 'I kø', ?, ?, ?)""",
                id, caller.tenant(), name, size, allOrNothing, caller.userId(), clock.instant(), clock.instant()));
        runner.submit(() -> {
            try {
                run(caller, id, file, allOrNothing);
            } catch (RuntimeException e) {
                LOG.error("Import {} failed", id, e);
                Report report = new Report();
                report.add(new ReportedError(0, null,
                        "Importen fejlede uventet. Intet er importeret. Prøv igen, eller kontakt support."));
                finish(caller.tenant(), id, "failed", report, null);
            } finally {
                waitingBytes.addAndGet(-size);
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("Could not delete upload {}", file);
                }
            }
        });
        return job(caller, id);
    }

    public Job job(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> tenantTx.query("select " + JOB_COLUMNS + " from import_jobs where id = ?",
                this::mapJob, id).stream().findFirst().orElseThrow(() -> ProblemException.notFound("Importen findes ikke.")));
    }

    public List<Job> jobs(Caller caller) {
        return tenantTx.read(caller.tenant(), () -> tenantTx.query("select " + JOB_COLUMNS
                + " from import_jobs order by started_at desc limit 50", this::mapJob));
    }

    // ---- the job --------------------------------------------------------------------------------------------

    private record Counts(int created, int updated, int unchanged, int rejectedRows) {
    }

    /** What the merge found: new cases, cases to write (new or changed), cases in all, and their rows. */
    private record Plan(int fresh, int touched, int planned, int planRows) {
    }

    /** The errors of one import: the first ones for the report, and how many in all (memory stays bounded). */
    private static final class Report {
        final List<ReportedError> first = new ArrayList<>();
        long count;

        void add(ReportedError e) {
            count++;
            if (first.size() < MAX_REPORTED_ERRORS) {
                first.add(e);
            }
        }

        /** Moves one row's errors into the report. */
        void drain(List<RowError> rowErrors) {
            rowErrors.forEach(e -> add(new ReportedError(e.line(), e.column(), e.message())));
            rowErrors.clear();
        }
    }

    private void run(Caller caller, UUID id, Path file, boolean allOrNothing) {
        String tenant = caller.tenant();
        progress(tenant, id, "running", "Læser filen", 0, 0, 0);
        Report report = new Report();
        try {
            Counts counts = tenantTx.write(tenant, () -> {
                long t0 = System.nanoTime();
                int rows = stage(caller, id, file, report);
                long t1 = System.nanoTime();
                if (rows == 0) {
                    throw new Rejected(); // no usable header or no rows
                }
                progress(tenant, id, "running", "Kontrollerer hele filen", 62, -1, rows);
                // Temp tables have no statistics until analysed, and the planner then guesses badly for 100,000 rows;
                // the sorts and hashes of a bulk job get more memory than a page's query.
                tenantTx.update("analyze import_rows");
                tenantTx.update("set local work_mem = '64MB'");
                fileWideErrors(report);
                if (allOrNothing && report.count > 0) {
                    throw new Rejected();
                }
                progress(tenant, id, "running", "Gemmer sager", 70, -1, rows);
                long t2 = System.nanoTime();
                Counts c = merge(caller, rows);
                long t3 = System.nanoTime();
                progress(tenant, id, "running", "Sender hændelser", 85, -1, rows);
                publish(tenant, id, rows, c.created() + c.updated());
                // After the cases' events, in the same transaction: consumers see the whole import before this.
                outbox.append(tenant, id.toString(), CasesImported.newBuilder().setImportId(id.toString())
                        .setCreated(c.created()).setUpdated(c.updated()).setFinishedAt(clock.instant().toString()).build());
                // Where the time goes (docs/benchmarks.md): no personal data, only counts and milliseconds.
                LOG.info("Import {}: {} rows; read+stage {} ms, checks {} ms, merge {} ms, events {} ms", id, rows,
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                        (System.nanoTime() - t3) / 1_000_000);
                return c;
            });
            finish(tenant, id, report.count > 0 ? "partly_imported" : "succeeded", report, counts);
        } catch (Rejected e) {
            finish(tenant, id, "rejected", report, null);
        } catch (CsvReader.CsvException e) {
            // The file's structure is broken: that error comes first in the report.
            report.first.add(0, new ReportedError(e.line, null, e.getMessage()));
            report.count++;
            finish(tenant, id, "rejected", report, null);
        }
    }

    /** Streams the file into the staging table; returns the number of data rows read. */
    private int stage(Caller caller, UUID id, Path file, Report report) {
        List<RowError> errors = new ArrayList<>();
        Connection con = tenantTx.connection();
        try (Statement st = con.createStatement()) {
            st.execute("""
                    create temp table import_rows (line bigint, case_hash bytea, case_no_enc bytea, case_type text,
                        birth_year int, age_band text, team text, caseworker_hash bytea, open boolean, kind text,
                        occurred_on date, occurred_time time, measure_name text, bl text, sel text, cost bigint, without_consent boolean,
                        note text, row_digest text, bad boolean) on commit drop""");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long size;
        AtomicLong read = new AtomicLong();
        int rows = 0;
        try (InputStream raw = new CountingStream(Files.newInputStream(file), read)) {
            size = Files.size(file);
            CsvReader csv = ImportFile.open(raw);
            CsvReader.Row header;
            try {
                header = csv.next();
            } catch (CharacterCodingException e) {
                throw ImportFile.notUtf8(1);
            }
            if (header == null) {
                report.add(new ReportedError(1, null, "Filen har ingen overskriftslinje."));
                return 0;
            }
            ImportFormat format = ImportFormat.header(header.fields(), caller.tenant(), caseNumbers,
                    LocalDate.now(clock).getYear(), errors);
            if (!errors.isEmpty()) {
                report.drain(errors);
                return 0;
            }
            CopyIn copy = con.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy import_rows (" + STAGE_COLUMNS + ") from stdin");
            try {
                StringBuilder buf = new StringBuilder(64 * 1024);
                CsvReader.Row row;
                long line = 1;
                while (true) {
                    try {
                        row = csv.next();
                    } catch (CharacterCodingException e) {
                        throw ImportFile.notUtf8(line + 1);
                    }
                    if (row == null) {
                        break;
                    }
                    line = row.line();
                    if (++rows > maxRows) {
                        throw new CsvReader.LimitException(line, "rækker", "Filen har mere end " + maxRows
                                + " rækker (grænsen for en import). Del udtrækket op, og importér delene hver for sig. "
                                + "Intet er importeret.");
                    }
                    format.stage(row, errors, buf);
                    report.drain(errors);
                    if (report.count > 10 * MAX_REPORTED_ERRORS && report.count > rows / 2) {
                        // A file that is mostly wrong (wrong format, wrong export): stop reading, report what we have.
                        report.add(new ReportedError(line, null, "Over halvdelen af rækkerne er fejlbehæftede; læsningen "
                                + "er stoppet ved linje " + line + ". Tjek at filen har det rigtige format."));
                        throw new Rejected(); // rolls back the transaction, COPY included
                    }
                    if (buf.length() > 60 * 1024) {
                        CopyText.send(copy, buf);
                    }
                    if (rows % 5000 == 0) {
                        progress(caller.tenant(), id, "running", "Læser filen", (int) (60 * read.get() / size), read.get(),
                                rows);
                    }
                }
                CopyText.send(copy, buf);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            if (rows == 0) {
                report.add(new ReportedError(1, null, "Filen har ingen rækker under overskriften."));
            }
            return rows;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Import staging failed: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that need the whole file. Each finding names a case and a line; the cases concerned are marked bad
     * (skipped in partial mode). The report gets the first findings, the count all of them.
     */
    private void fileWideErrors(Report report) {
        tenantTx.update("create temp table import_problems (case_hash bytea, line bigint, col text, message text) on commit drop");
        tenantTx.update("""
                insert into import_problems
                select case_hash, min(line), null, 'Samme sagsnummer har forskellige sagsoplysninger (sagstype, fødselsår, '
                    || 'aldersgruppe, team, rådgiver eller status) på linje ' || string_agg(line::text, ', ' order by line) || '.'
                from import_rows where not bad group by case_hash
                having count(distinct (case_type, birth_year, age_band, team, caseworker_hash, open)) > 1""");
        tenantTx.update("""
                insert into import_problems
                select case_hash, max(line), null, 'Linje ' || max(line) || ' gentager linje ' || min(line)
                    || ' (samme sag, hændelse, dato, klokkeslæt og note).'
                from import_rows where not bad and kind is not null
                group by case_hash, kind, occurred_on, occurred_time, coalesce(measure_name, ''), note having count(*) > 1""");
        tenantTx.update("""
                insert into import_problems
                select case_hash, line, 'tilbud', 'Tilbuddet findes ikke i kommunens tilbudsvifte. Opret det først, eller ret navnet.'
                from import_rows r where not bad and measure_name is not null
                and not exists (select 1 from measures m where lower(m.name) = lower(r.measure_name))""");
        long all = tenantTx.query("select count(*) from import_problems", rs -> rs.getLong(1)).get(0);
        int shown = Math.max(0, MAX_REPORTED_ERRORS - report.first.size());
        tenantTx.forEach("select line, col, message from import_problems order by line limit ?", 1000,
                rs -> report.add(new ReportedError(rs.getLong(1), rs.getString(2), abbreviate(rs.getString(3)))), shown);
        report.count += all - Math.min(all, shown);
        tenantTx.update("update import_rows set bad = true where case_hash in (select case_hash from import_problems)");
    }

    /** Long lists of line numbers are cut short. */
    private static String abbreviate(String message) {
        return message.length() > 300 ? message.substring(0, message.lastIndexOf(',', 300)) + " …" : message;
    }

    /** Set-based merge of the staged rows; returns the counts. */
    private Counts merge(Caller caller, int rows) {
        String tenant = caller.tenant();
        Instant now = clock.instant();
        // Rows of a case with any bad row are skipped together: a case is never imported with part of its timeline.
        // A new case gets its id here, and "touched" (new, or its rows changed) decides what is written, so the
        // later steps join this small temp table instead of looking the cases up again.
        tenantTx.update("""
                create temp table import_plan on commit drop as
                select g.*, coalesce(g.existing_id, gen_random_uuid()) as case_id,
                       g.existing_id is null or g.digest is distinct from g.old_digest as touched
                from (select r.case_hash, (array_agg(r.case_no_enc))[1] as enc, min(r.case_type) as case_type,
                             min(r.birth_year) as birth_year, min(r.age_band) as age_band, min(r.team) as team,
                             (array_agg(r.caseworker_hash))[1] as caseworker_hash, bool_and(r.open) as open,
                             md5(string_agg(r.row_digest, '' order by r.row_digest)) as digest, min(r.line) as first_line,
                             count(*) as row_count, c.id as existing_id, c.import_digest as old_digest
                      from import_rows r left join cases c on c.case_no_hash = r.case_hash
                      group by r.case_hash, c.id, c.import_digest
                      having not bool_or(r.bad)) g""");
        tenantTx.update("analyze import_plan");
        Plan plan = tenantTx.query("""
                select count(*) filter (where existing_id is null), count(*) filter (where touched), count(*),
                       coalesce(sum(row_count), 0) from import_plan""",
                rs -> new Plan(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).get(0);
        // Rejected: rows of skipped cases, and rows that could not be staged at all (no case number, a CPR number).
        int rejectedRows = rows - plan.planRows();
        // Aliases first, then caseworker numbers: the order a single registration takes the two locks in.
        int firstAlias = plan.fresh() == 0 ? 0 : cases.nextAliases(tenant, plan.fresh());
        // Caseworkers the tenant has not seen before get the next pseudonym numbers, in the file's order.
        tenantTx.lockScope(Cases.CASEWORKER_NUMBERS);
        tenantTx.update("""
                insert into pseudonyms (tenant, kind, name_hash, no)
                select ?, 'caseworker', h, (select coalesce(max(no), 0) from pseudonyms where kind = 'caseworker')
                                           + row_number() over (order by first_line)
                from (select caseworker_hash as h, min(first_line) as first_line from import_plan
                      where caseworker_hash is not null group by caseworker_hash) x
                where not exists (select 1 from pseudonyms p where p.kind = 'caseworker' and p.name_hash = x.h)""", tenant);
        tenantTx.update("""
                insert into cases (id, tenant, alias_no, case_type, case_no_enc, case_no_hash, case_no_key, birth_year,
                                   age_band, team, caseworker, open, import_digest, created_at, updated_at)
                select p.case_id, ?, ? + (row_number() over (order by p.first_line))::int - 1, p.case_type,
                       p.enc, p.case_hash, ?, p.birth_year, p.age_band, p.team, 'Rådgiver ' || ps.no, p.open, p.digest, ?, ?
                from import_plan p left join pseudonyms ps on ps.kind = 'caseworker' and ps.name_hash = p.caseworker_hash
                where p.existing_id is null""",
                tenant, firstAlias, caseNumbers.currentKey(), now, now);
        tenantTx.update("""
                update cases c set case_type = p.case_type, birth_year = p.birth_year, age_band = p.age_band,
                                   team = p.team, caseworker = 'Rådgiver ' || ps.no, open = p.open,
                                   import_digest = p.digest, version = c.version + 1, updated_at = ?
                from import_plan p left join pseudonyms ps on ps.kind = 'caseworker' and ps.name_hash = p.caseworker_hash
                where c.id = p.existing_id and p.touched""", now);
        tenantTx.update("""
                delete from timeline_events t using import_plan p
                where t.case_id = p.existing_id and p.touched and t.source = 'import'""");
        tenantTx.update("""
                insert into timeline_events (id, tenant, case_id, kind, occurred_on, note, measure_id, legal_basis_barnets_lov,
                                             legal_basis_serviceloven, yearly_cost_kr, without_consent, source, created_at,
                                             occurred_time)
                select gen_random_uuid(), ?, p.case_id, r.kind, r.occurred_on, r.note, m.id,
                       case when r.bl = '' then coalesce(m.legal_basis_barnets_lov, '') else r.bl end,
                       case when r.sel = '' then coalesce(m.legal_basis_serviceloven, '') else r.sel end,
                       coalesce(r.cost, m.price_per_year_kr), r.without_consent, 'import', ?, r.occurred_time
                from import_rows r
                join import_plan p on p.case_hash = r.case_hash and p.touched
                left join measures m on lower(m.name) = lower(r.measure_name)
                where r.kind is not null""", tenant, now);
        tenantTx.update("""
                insert into access_log (tenant, actor, actor_roles, case_id, action, purpose)
                select ?, ?, ?, case_id::text, case when existing_id is null then 'CREATE' else 'UPDATE' end,
                       'import fra sagssystem'
                from import_plan where touched""", tenant, caller.userId(), String.join(",", caller.roles()));
        return new Counts(plan.fresh(), plan.touched() - plan.fresh(), plan.planned() - plan.touched(), rejectedRows);
    }

    /** CaseUpdated (version 0 for a new case) for every touched case, streamed and flushed in chunks. */
    private void publish(String tenant, UUID jobId, int rows, int total) {
        int[] done = {0};
        CaseRecord[] current = {null};
        List<TimelineEntry> timeline = new ArrayList<>();
        Runnable emit = () -> {
            CaseRecord c = current[0];
            outbox.append(tenant, c.id().toString(), Cases.snapshot(c, timeline));
            timeline.clear();
            if (++done[0] % 1000 == 0) {
                outbox.flush();
                progress(tenant, jobId, "running", "Sender hændelser", 85 + 15 * done[0] / Math.max(total, 1), -1, rows);
            }
        };
        tenantTx.forEach("select " + CaseRecord.COLUMNS + ", " + TimelineEntry.COLUMNS
                + " from import_plan x join cases c on c.id = x.case_id"
                + " left join timeline_events t on t.case_id = c.id left join measures m on m.id = t.measure_id"
                + " where x.touched order by c.id, t.occurred_on, t.id", 2000, rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    if (current[0] == null || !current[0].id().equals(id)) {
                        if (current[0] != null) {
                            emit.run();
                        }
                        current[0] = CaseRecord.map(rs);
                    }
                    if (rs.getObject(14) != null) {
                        timeline.add(TimelineEntry.map(rs, 14));
                    }
                });
        if (current[0] != null) {
            emit.run();
        }
        outbox.flush();
    }

    // ---- job bookkeeping (own transactions, so the page sees them while the import runs) ---------------------

    private void progress(String tenant, UUID id, String status, String phase, int percent, long bytesRead, int rows) {
        tenantTx.writeSeparately(tenant, () -> tenantTx.update("""
                update import_jobs set status = ?, phase = ?, percent = greatest(percent, ?),
                    bytes_read = case when ? >= 0 then ? else bytes_read end, rows_read = greatest(rows_read, ?),
                    heartbeat_at = ? where id = ?""", status, phase, percent, bytesRead, bytesRead, rows, clock.instant(), id));
    }

    private void finish(String tenant, UUID id, String status, Report report, @Nullable Counts counts) {
        String phase = switch (status) {
            case "succeeded" -> "Færdig";
            case "partly_imported" -> "Færdig: de gyldige sager er importeret, resten er afvist";
            case "rejected" -> "Afvist: intet er importeret";
            default -> "Fejlet: intet er importeret";
        };
        try {
            String errs = json.writeValueAsString(report.first);
            tenantTx.writeSeparately(tenant, () -> tenantTx.update("""
                    update import_jobs set status = ?, phase = ?, percent = 100, cases_created = ?, cases_updated = ?,
                        cases_unchanged = ?, rows_rejected = ?, error_count = ?, errors = ?::jsonb, finished_at = ?,
                        heartbeat_at = ? where id = ?""",
                    status, phase, counts == null ? 0 : counts.created(), counts == null ? 0 : counts.updated(),
                    counts == null ? 0 : counts.unchanged(), counts == null ? 0 : counts.rejectedRows(),
                    (int) Math.min(report.count, Integer.MAX_VALUE), errs, clock.instant(), clock.instant(), id));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String JOB_COLUMNS = "id, file_name, file_bytes, all_or_nothing, status, phase, percent, rows_read, "
            + "cases_created, cases_updated, cases_unchanged, rows_rejected, error_count, errors::text, started_by, "
            + "started_at, finished_at, heartbeat_at";

    private Job mapJob(java.sql.ResultSet rs) throws SQLException {
        String status = rs.getString(5);
        String phase = rs.getString(6);
        Instant heartbeat = rs.getTimestamp(18).toInstant();
        if ((status.equals("running") || status.equals("queued")) && heartbeat.isBefore(clock.instant().minus(STALE))) {
            // Its instance stopped mid-way; the transaction was rolled back, so nothing of it is imported.
            status = "interrupted";
            phase = "Afbrudt: intet er importeret. Start importen igen.";
        }
        List<ReportedError> errors;
        try {
            errors = List.of(json.readValue(rs.getString(14), ReportedError[].class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var finished = rs.getTimestamp(17);
        return new Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getBoolean(4), status, phase,
                rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13),
                errors, rs.getString(15), rs.getTimestamp(16).toInstant(), finished == null ? null : finished.toInstant());
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        private final AtomicLong count;

        CountingStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
