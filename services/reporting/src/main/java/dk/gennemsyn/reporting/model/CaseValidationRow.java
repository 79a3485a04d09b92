package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;

/** A case's validation: the verdict and the final answers (JSON), the latest by its time. */
@MappedEntity("case_validations")
public record CaseValidationRow(@EmbeddedId CaseKey key, String tenant, String verdict,
                                @TypeDef(type = DataType.JSON) String finalAnswers, Instant validatedAt) {
}
