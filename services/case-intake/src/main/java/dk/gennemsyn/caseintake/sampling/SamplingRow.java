package dk.gennemsyn.caseintake.sampling;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/** A sampling protocol as stored: how the sample was drawn, from what, and what it drew (jsonb kept as text). */
@MappedEntity("samplings")
record SamplingRow(@Id UUID id, String tenant, UUID reviewId, String tier, String method, long seed,
                   @TypeDef(type = DataType.JSON) String frame, int frameSize, @TypeDef(type = DataType.JSON) String strata,
                   @TypeDef(type = DataType.JSON) String exclusions, int sampleSize,
                   @TypeDef(type = DataType.JSON) String result, String drawnBy, Instant drawnAt) {
}
