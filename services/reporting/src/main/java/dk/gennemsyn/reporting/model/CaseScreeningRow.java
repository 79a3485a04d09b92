package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.util.UUID;

/** A case's legal screening, rule by rule (JSON), of its newest version. */
@MappedEntity("case_screenings")
public record CaseScreeningRow(@Id UUID caseId, String tenant, String alias, long caseVersion,
                               @TypeDef(type = DataType.JSON) String results) {
}
