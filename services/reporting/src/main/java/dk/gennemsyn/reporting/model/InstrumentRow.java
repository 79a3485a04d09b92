package dk.gennemsyn.reporting.model;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.util.UUID;

/** An instrument as published: its questions (with answer labels) as JSON. */
@MappedEntity("instruments")
public record InstrumentRow(@Id UUID instrumentId, String tenant, String name, int version,
                            @TypeDef(type = DataType.JSON) String questions) {
}
