package dk.gennemsyn.caseintake.cases;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A case as stored, its case number encrypted ({@code caseNoEnc} under key version {@code caseNoKey}) and keyed-hashed
 * for look-up; {@code version} (0 when registered) is its ETag. Shown as {@link CaseRecord}.
 */
@MappedEntity("cases")
record CaseRow(@Id UUID id, String tenant, int aliasNo, String caseType, Instant createdAt, Instant updatedAt,
               @Nullable byte[] caseNoEnc, @Nullable byte[] caseNoHash, @Nullable Integer caseNoKey,
               @Nullable Integer birthYear, @Nullable String ageBand, @Nullable String team, @Nullable String caseworker,
               boolean open, @Nullable String importDigest, long version) {
}
