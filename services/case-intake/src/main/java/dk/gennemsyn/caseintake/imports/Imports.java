package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.caseintake.cases.Cases;
import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.events.Correlation;
import dk.gennemsyn.platform.events.Outbox;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import dk.gennemsyn.proto.caseintake.v1.CasesImported;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
 * progress is written in separate small transactions so the page can follow it. Hand SQL here only tunes the bulk
 * transaction (ANALYZE of the staged rows, work_mem): statements no repository has.
 */
@Singleton
public class Imports {

    private static final Logger LOG = LoggerFactory.getLogger(Imports.class);
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
    static final class Rejected extends RuntimeException {
        Rejected() {
            super(null, null, false, false);
        }
    }

    private final TenantTx tenantTx;
    private final Outbox outbox;
    private final ImportJobs jobs;
    private final ImportStaging staging;
    private final ImportMerge merging;
    private final Clock clock;
    private final Path workDir;
    // One import at a time per instance: an import is heavy on the database, and the order is what users expect.
    private final AtomicLong waitingBytes = new AtomicLong();
    private final long maxWaitingBytes;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "case-import");
        t.setDaemon(true);
        return t;
    });

    Imports(TenantTx tenantTx, Outbox outbox, ImportJobs jobs, ImportStaging staging, ImportMerge merging, Clock clock,
            @Value("${gennemsyn.imports.work-dir:}") String workDir,
            @Value("${gennemsyn.imports.max-waiting-bytes:600MB}") @ReadableBytes long maxWaitingBytes) throws IOException {
        this.tenantTx = tenantTx;
        this.outbox = outbox;
        this.jobs = jobs;
        this.staging = staging;
        this.merging = merging;
        this.clock = clock;
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
        jobs.register(caller, id, name, size, allOrNothing);
        runner.submit(Correlation.carried(() -> {
            try {
                run(caller, id, file, allOrNothing);
            } catch (RuntimeException e) {
                LOG.error("Import {} failed", id, e);
                ImportReport report = new ImportReport();
                report.add(new ReportedError(0, null,
                        "Importen fejlede uventet. Intet er importeret. Prøv igen, eller kontakt support."));
                jobs.finish(caller.tenant(), id, "failed", report, null);
            } finally {
                waitingBytes.addAndGet(-size);
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("Could not delete upload {}", file);
                }
            }
        }));
        return job(caller, id);
    }

    public Job job(Caller caller, UUID id) {
        return jobs.job(caller, id);
    }

    public List<Job> jobs(Caller caller) {
        return jobs.jobs(caller);
    }

    // ---- the job: staged, checked, merged and published in one transaction ------------------------------------

    private void run(Caller caller, UUID id, Path file, boolean allOrNothing) {
        String tenant = caller.tenant();
        jobs.progress(tenant, id, "running", "Læser filen", 0, 0, 0);
        ImportReport report = new ImportReport();
        try {
            ImportMerge.Counts counts = tenantTx.write(tenant, () -> {
                long t0 = System.nanoTime();
                int rows = staging.stage(caller, id, file, report);
                long t1 = System.nanoTime();
                if (rows == 0) {
                    throw new Rejected(); // no usable header or no rows
                }
                jobs.progress(tenant, id, "running", "Kontrollerer hele filen", 62, -1, rows);
                // Temp tables have no statistics until analysed, and the planner then guesses badly for 100,000 rows;
                // the sorts and hashes of a bulk job get more memory than a page's query.
                tenantTx.update("analyze import_rows");
                tenantTx.update("set local work_mem = '64MB'");
                staging.fileWideErrors(report);
                if (allOrNothing && report.count > 0) {
                    throw new Rejected();
                }
                jobs.progress(tenant, id, "running", "Gemmer sager", 70, -1, rows);
                long t2 = System.nanoTime();
                ImportMerge.Counts c = merging.merge(caller, rows);
                long t3 = System.nanoTime();
                jobs.progress(tenant, id, "running", "Sender hændelser", 85, -1, rows);
                merging.publish(tenant, id, rows, c.created() + c.updated());
                // After the cases' events, in the same transaction: consumers see the whole import before this.
                outbox.append(tenant, id.toString(), CasesImported.newBuilder().setImportId(id.toString())
                        .setCreated(c.created()).setUpdated(c.updated()).setFinishedAt(clock.instant().toString()).build());
                // Where the time goes (docs/benchmarks.md): no personal data, only counts and milliseconds.
                LOG.info("Import {}: {} rows; read+stage {} ms, checks {} ms, merge {} ms, events {} ms", id, rows,
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                        (System.nanoTime() - t3) / 1_000_000);
                return c;
            });
            jobs.finish(tenant, id, report.count > 0 ? "partly_imported" : "succeeded", report, counts);
        } catch (Rejected e) {
            jobs.finish(tenant, id, "rejected", report, null);
        } catch (CsvReader.CsvException e) {
            // The file's structure is broken: that error comes first in the report.
            report.first.add(0, new ReportedError(e.line, null, e.getMessage()));
            report.count++;
            jobs.finish(tenant, id, "rejected", report, null);
        }
    }

}
