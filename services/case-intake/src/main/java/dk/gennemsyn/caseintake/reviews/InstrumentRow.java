package dk.gennemsyn.caseintake.reviews;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** An instrument assessment offers (InstrumentPublished), for a review to choose. */
@MappedEntity("instruments")
record InstrumentRow(@Id String instrumentId, String tenant, String name, int version) {
}
