package dk.gennemsyn.caseintake.imports;

import dk.gennemsyn.platform.db.TenantTx;
import dk.gennemsyn.platform.problem.ProblemException;
import dk.gennemsyn.platform.security.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.SQLException;
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
    private final JsonMapper json;
    private final Clock clock;

    ImportJobs(TenantTx tenantTx, JsonMapper json, Clock clock) {
        this.tenantTx = tenantTx;
        this.json = json;
        this.clock = clock;
    }

    /** A new job, queued. */
    void register(Caller caller, UUID id, String fileName, long size, boolean allOrNothing) {
        tenantTx.write(caller.tenant(), () -> tenantTx.update("""
                insert into import_jobs (id, tenant, file_name, file_bytes, all_or_nothing, status, phase, started_by, started_at,
                                         heartbeat_at) values (?, ?, ?, ?, ?, 'queued', 'I kø', ?, ?, ?)""",
                id, caller.tenant(), fileName, size, allOrNothing, caller.userId(), clock.instant(), clock.instant()));
    }

    Imports.Job job(Caller caller, UUID id) {
        return tenantTx.read(caller.tenant(), () -> tenantTx.query("select " + JOB_COLUMNS + " from import_jobs where id = ?",
                this::mapJob, id).stream().findFirst().orElseThrow(() -> ProblemException.notFound("Importen findes ikke.")));
    }

    List<Imports.Job> jobs(Caller caller) {
        return tenantTx.read(caller.tenant(), () -> tenantTx.query("select " + JOB_COLUMNS
                + " from import_jobs order by started_at desc limit 50", this::mapJob));
    }

    void progress(String tenant, UUID id, String status, String phase, int percent, long bytesRead, int rows) {
        tenantTx.writeSeparately(tenant, () -> tenantTx.update("""
                update import_jobs set status = ?, phase = ?, percent = greatest(percent, ?),
                    bytes_read = case when ? >= 0 then ? else bytes_read end, rows_read = greatest(rows_read, ?),
                    heartbeat_at = ? where id = ?""", status, phase, percent, bytesRead, bytesRead, rows, clock.instant(), id));
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

    private Imports.Job mapJob(java.sql.ResultSet rs) throws SQLException {
        String status = rs.getString(5);
        String phase = rs.getString(6);
        Instant heartbeat = rs.getTimestamp(18).toInstant();
        if ((status.equals("running") || status.equals("queued")) && heartbeat.isBefore(clock.instant().minus(STALE))) {
            // Its instance stopped mid-way; the transaction was rolled back, so nothing of it is imported.
            status = "interrupted";
            phase = "Afbrudt: intet er importeret. Start importen igen.";
        }
        List<Imports.ReportedError> errors;
        try {
            errors = List.of(json.readValue(rs.getString(14), Imports.ReportedError[].class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var finished = rs.getTimestamp(17);
        return new Imports.Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getBoolean(4), status, phase,
                rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13),
                errors, rs.getString(15), rs.getTimestamp(16).toInstant(), finished == null ? null : finished.toInstant());
    }
}
