package dk.gennemsyn.caseintake.imports;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Runs in the caller's tenant transaction (TenantTx): row-level security scopes every statement. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ImportJobRows extends CrudRepository<ImportJobRow, UUID> {

    @Query("select * from import_jobs order by started_at desc limit 50")
    List<ImportJobRow> latest();

    /** Progress never goes back; a negative bytesRead leaves the bytes read as they are. */
    @Query("""
            update import_jobs set status = :status, phase = :phase, percent = greatest(percent, :percent),
                bytes_read = case when :bytesRead >= 0 then :bytesRead else bytes_read end,
                rows_read = greatest(rows_read, :rows), heartbeat_at = :at
            where id = :id""")
    long progress(UUID id, String status, String phase, int percent, long bytesRead, int rows, Instant at);

    @Query("""
            update import_jobs set status = :status, phase = :phase, percent = 100, cases_created = :created,
                cases_updated = :updated, cases_unchanged = :unchanged, rows_rejected = :rejected, error_count = :errorCount,
                errors = cast(:errors as jsonb), finished_at = :at, heartbeat_at = :at
            where id = :id""")
    long finish(UUID id, String status, String phase, int created, int updated, int unchanged, int rejected,
                int errorCount, String errors, Instant at);
}
