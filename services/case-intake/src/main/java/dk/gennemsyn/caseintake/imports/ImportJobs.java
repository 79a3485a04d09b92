package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The import jobs' bookkeeping: registered, progress, result. Written in their own small transactions, so the page
 * sees them while the import's one big transaction runs.
 */
@Singleton
class ImportJobs {

    /** A running job that has not reported for this long died with its instance. */
    static final Duration STALE = Duration.ofSeconds(60);

    private final TenantTx tenantTx;
    private final ImportJobRows rows;
    private final JsonMapper json;
    private final Clock clock;

    ImportJobs(TenantTx tenantTx, ImportJobRows rows, JsonMapper json, Clock clock) {
        this.tenantTx = tenantTx;
        this.rows = rows;
        this.json = json;
        this.clock = clock;
    }

    /** A new job, queued. */
    void register(Caller caller, UUID id, String fileName, long size, boolean allOrNothing) {
        Instant now = clock.instant();
        tenantTx.write(caller.tenant(), () -> rows.save(new ImportJobRow(id, caller.tenant(), fileName, size, allOrNothing,
                "queued", "I kø", 0, 0, 0, 0, 0, 0, 0, 0, "[]", caller.userId(), now, now, null)));
    }

    Imports.Job job(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> rows.findById(id).map(this::view)
                .orElseThrow(() -> ProblemException.notFound("Importen findes ikke.")));
    }

    List<Imports.Job> jobs(Caller caller) {
        return tenantTx.read(caller.tenant(), () -> rows.latest().stream().map(this::view).toList());
    }

    void progress(String tenant, UUID id, String status, String phase, int percent, long bytesRead, int rows) {
        tenantTx.writeSeparately(tenant, () -> this.rows.progress(id, status, phase, percent, bytesRead, rows, clock.instant()));
    }

    void finish(String tenant, UUID id, String status, ImportReport report, @Nullable ImportMerge.Counts counts) {
        String phase = switch (status) {
            case "succeeded" -> "Færdig";
            case "partly_imported" -> "Færdig: de gyldige sager er importeret, resten er afvist";
            case "rejected" -> "Afvist: intet er importeret";
            default -> "Fejlet: intet er importeret";
        };
        try {
            String errs = json.writeValueAsString(report.first);
            tenantTx.writeSeparately(tenant, () -> rows.finish(id, status, phase, counts == null ? 0 : counts.created(),
                    counts == null ? 0 : counts.updated(), counts == null ? 0 : counts.unchanged(),
                    counts == null ? 0 : counts.rejectedRows(), (int) Math.min(report.count, Integer.MAX_VALUE), errs,
                    clock.instant()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Imports.Job view(ImportJobRow r) {
        String status = r.status();
        String phase = r.phase();
        if ((status.equals("running") || status.equals("queued")) && r.heartbeatAt().isBefore(clock.instant().minus(STALE))) {
            // Its instance stopped mid-way; the transaction was rolled back, so nothing of it is imported.
            status = "interrupted";
            phase = "Afbrudt: intet er importeret. Start importen igen.";
        }
        List<Imports.ReportedError> errors;
        try {
            errors = List.of(json.readValue(r.errors(), Imports.ReportedError[].class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Imports.Job(r.id(), r.fileName(), r.fileBytes(), r.allOrNothing(), status, phase, r.percent(),
                r.rowsRead(), r.casesCreated(), r.casesUpdated(), r.casesUnchanged(), r.rowsRejected(), r.errorCount(),
                errors, r.startedBy(), r.startedAt(), r.finishedAt());
    }
}
