package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/** A review's screening summary: per legal rule the cases met, not met, not applicable and unknown (JSON). */
@MappedEntity("review_screenings")
public record ReviewScreeningRow(@Id UUID reviewId, String tenant, int cases,
                                 @TypeDef(type = DataType.JSON) String rules, Instant computedAt) {
}
