package dk.gennemsyn.assessment.instruments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * An instrument version as stored; {@code definition} is the jsonb text. {@code lockVersion} refuses a stale change
 * (0 when added, as the ETag has always said).
 */
@MappedEntity("instruments")
record InstrumentRow(@Id UUID id, String tenant, UUID family, int version, String name, String description,
                     String status, String definition, @Nullable UUID basedOn, boolean shipped, long lockVersion,
                     Instant createdAt, String createdBy, @Nullable Instant publishedAt) {
}
