package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

/** A case whose second review is blind for its reviewers until it is completed (never back to false). */
@MappedEntity("blind_cases")
public record BlindCaseRow(@EmbeddedId CaseKey key, String tenant,
                           @TypeDef(type = DataType.STRING_ARRAY) String[] reviewers, boolean completed) {
}
