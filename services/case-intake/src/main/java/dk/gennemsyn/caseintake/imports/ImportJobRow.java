package dk.gennemsyn.caseintake.imports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/** An import job's bookkeeping as stored; {@code errors} (jsonb, kept as text) holds the first errors. */
@MappedEntity("import_jobs")
record ImportJobRow(@Id UUID id, String tenant, String fileName, long fileBytes, boolean allOrNothing, String status,
                    String phase, int percent, long bytesRead, int rowsRead, int casesCreated, int casesUpdated,
                    int casesUnchanged, int rowsRejected, int errorCount, @TypeDef(type = DataType.JSON) String errors,
                    String startedBy, Instant startedAt, Instant heartbeatAt, @Nullable Instant finishedAt) {
}
